package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.SdkSsoAccounts;
import dev.hybridpane.adapters.aws.SsoSession;
import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** `hybridpane accounts` against the lab's IAM Identity Center: before and after `hybridpane login`. */
class AccountsCommandTest {
    @TempDir
    static Path home;
    static AwsEmulator emulator;
    static Supplier<SsoAccounts> savedAccounts;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() throws Exception {
        LabWorld world = LabWorld.load();
        emulator = new AwsEmulator(world, Map.of(), "");
        Path config = Files.writeString(home.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
        ProfileFile file = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
        SsoTokenCache cache = new SsoTokenCache(home.resolve(".aws/sso/cache"));
        savedAccounts = AccountsCommand.accounts;
        AccountsCommand.accounts = () -> new SdkSsoAccounts(() -> file, cache, Clock.systemUTC(), Map.of());
        LoginCommand.sessions = name -> SsoSession.of(file, name);
        LoginCommand.caches = () -> cache;
    }

    @AfterAll
    static void stop() {
        AccountsCommand.accounts = savedAccounts;
        LoginCommand.sessions = SsoSession::fromUserConfig;
        LoginCommand.caches = SsoTokenCache::user;
        emulator.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void listsThePairsOnceSignedInAndSaysToSignInBefore() {
        assertThat(run("accounts", "--profile", "lab-sso")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("hybridpane accounts: Not signed in to AWS SSO for profile lab-sso: "
                + "run `hybridpane login --profile lab-sso`.");

        emulator.setSsoApproveAfter(Duration.ofMillis(300));
        assertThat(run("login", "--profile", "lab-sso")).as(err.toString()).isZero();
        emulator.setSsoApproveAfter(null);

        assertThat(run("accounts", "--profile", "lab-sso")).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(4);
        assertThat(out.toString()).containsPattern("444455556666 +hybridpane-lab-staging +ReadOnlyAccess")
                .containsPattern(LabWorld.load().accountId() + " +hybridpane-lab +AdministratorAccess");
        assertThat(run("accounts", "--profile", "lab-sso", "-o", "json")).isZero();
        assertThat(out.toString()).contains("\"accountId\" : \"444455556666\"", "\"accountName\" : \"hybridpane-lab-staging\"",
                "\"roleName\" : \"ReadOnlyAccess\"");
    }

    @Test
    void aProfileThatIsNotSsoOrABadFormatIsExitTwoWithOneLine() {
        assertThat(run("accounts", "--profile", "lab-keys")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("hybridpane accounts: profile 'lab-keys' does not sign in through "
                + "AWS SSO").doesNotContain("\n");
        assertThat(run("accounts", "--profile", "lab-sso", "-o", "yaml")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("hybridpane accounts: -o must be text or json, not 'yaml'.");
    }
}
