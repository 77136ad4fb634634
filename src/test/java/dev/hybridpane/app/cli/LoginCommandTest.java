package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.adapters.aws.SsoSession;
import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.lab.aws.AwsCli;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * `hybridpane login --profile lab-sso` against the lab's IAM Identity Center (approving on its own after a delay, as
 * `hybridpane lab --sso-approve-after` does), then the aws CLI from the same cache; bad profiles exit 2 with one line.
 */
class LoginCommandTest {
    @TempDir
    static Path home;
    static AwsEmulator emulator;
    static Path config;
    static Function<String, SsoSession> savedSessions;
    static Supplier<SsoTokenCache> savedCaches;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() throws Exception {
        LabWorld world = LabWorld.load();
        emulator = new AwsEmulator(world, Map.of(), "");
        config = Files.writeString(home.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
        emulator.setSsoApproveAfter(Duration.ofMillis(800));
        ProfileFile file = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
        savedSessions = LoginCommand.sessions;
        savedCaches = LoginCommand.caches;
        LoginCommand.sessions = name -> SsoSession.of(file, name);
        LoginCommand.caches = () -> new SsoTokenCache(home.resolve(".aws/sso/cache"));
    }

    @AfterAll
    static void stop() {
        LoginCommand.sessions = savedSessions;
        LoginCommand.caches = savedCaches;
        emulator.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void loginPrintsTheUrlAndCodeWaitsAndTheAwsCliUsesTheSameCache() throws Exception {
        assertThat(run("login", "--profile", "lab-sso")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("open   " + emulator.endpoint() + "/device\\?user_code=([A-Z]{4}-[A-Z]{4})")
                .containsPattern("code   [A-Z]{4}-[A-Z]{4}").contains("Signed in.").contains("(refreshable)");
        Path cached = home.resolve(".aws/sso/cache/3953f9ddf975ab5097ee468d99555c5b441169bf.json");
        assertThat(cached).exists();

        Optional<Path> aws = AwsCli.find();
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        AwsCli.Run r = AwsCli.run(aws.get(), home, "AKIAUNUSED0000000000", "unused", "sts", "get-caller-identity",
                "--profile", "lab-sso", "--output", "json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("assumed-role/AWSReservedSSO_AdministratorAccess_")
                .contains("/" + SsoDirectory.USER + "\"");
    }

    @Test
    void anUnknownOrNonSsoProfileIsOneLineAndExit2() {
        assertThat(run("login", "--profile", "nope")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("hybridpane login: there is no profile 'nope' in the AWS config file.");
        assertThat(run("login", "--profile", "lab-keys")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("is not an AWS SSO profile");
    }
}
