package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.CannedAwsEndpoint;
import dev.hybridpane.adapters.aws.CannedAwsEndpoint.Answer;
import dev.hybridpane.app.Main;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in its own JVM (Main, as the jar runs it) against a loopback endpoint set as AWS_ENDPOINT_URL that answers
 * what AWS would not: {@code cluster import --plan} whose ListAddons gets an HTTP 404 with no AWS error code. It ends
 * with exit 1 and one line on stderr naming the call and the reason; no stack trace unless {@code --debug} (the same
 * net for other failures, in process: {@link CliFailuresTest}; unknown error codes through the SDK:
 * AwsUnexpectedAnswersTest).
 */
class CliUnexpectedAnswersTest {
    @TempDir
    static Path dir;
    static CannedAwsEndpoint aws;

    @BeforeAll
    static void start() throws IOException {
        aws = new CannedAwsEndpoint();
        aws.on("/clusters/gone", Answer.json(200, CannedAwsEndpoint.clusterWithoutAccessConfig("gone")));
        aws.on("/clusters/gone/addons", new Answer(404, "text/plain", "", Map.of()));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    record Exit(int code, String out, List<String> err) {
        String all() {
            return out + "\n" + String.join("\n", err);
        }
    }

    static Exit cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ENDPOINT_URL", aws.uri().toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIATESTKEY000000000");
        env.put("AWS_SECRET_ACCESS_KEY", "secret-of-this-test");
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
        return new Exit(p.exitValue(), out.get(10, TimeUnit.SECONDS),
                err.get(10, TimeUnit.SECONDS).lines().filter(l -> !l.isBlank()).toList());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void a404FromListAddonsEndsWithOneLineNamingTheCallAndTheStatusAndTheTraceOnlyWithDebug() throws Exception {
        Exit plain = cli("cluster", "import", "--cluster", "gone", "--region", "us-west-2", "--plan");
        assertThat(plain.code()).as(plain.all()).isEqualTo(1);
        assertThat(plain.err()).as(plain.all()).singleElement().asString().contains("eks:ListAddons", "HTTP 404");
        assertThat(plain.all()).doesNotContain("at dev.hybridpane").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(aws.asked()).as("the call the line names was made").contains("GET /clusters/gone/addons");

        // --debug is global: accepted after the subcommand's own options too
        Exit debug = cli("cluster", "import", "--cluster", "gone", "--region", "us-west-2", "--plan", "--debug");
        assertThat(debug.code()).as(debug.all()).isEqualTo(1);
        assertThat(debug.err().get(0)).isEqualTo(plain.err().get(0));
        assertThat(debug.err()).as("the trace follows with --debug").anySatisfy(l -> assertThat(l).contains("at dev.hybridpane"));
    }
}
