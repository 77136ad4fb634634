package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's EKS seen by the aws CLI's own request shapes (skipped where the aws CLI is not installed): refusals exit
 * non-zero with EKS's exception name, a bad pagination token is refused cleanly.
 */
class AwsCliEksTest {
    static AwsEmulator emulator;
    static URI endpoint;
    static Optional<Path> aws;
    @TempDir
    static Path home;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        aws = onPath("aws");
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "", 1);
        endpoint = emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs the aws CLI against the emulator with the lab's keys and no user configuration. */
    static Run aws(String... args) throws IOException, InterruptedException {
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<String> cmd = new ArrayList<>(List.of(aws.get().toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", "us-west-2", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", Lab.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Lab.SECRET_ACCESS_KEY);
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_PAGER", "");
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the aws CLI did not finish: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyNodeListIsAnInvalidParameterException() throws Exception {
        Run r = aws("eks", "update-cluster-config", "--name", "payments", "--remote-network-config", "{\"remoteNodeNetworks\":[]}");
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.err()).contains("InvalidParameterException").contains("remoteNodeNetworks must contain at least one CIDR");
        assertThat(r.err()).doesNotContain("Traceback");
    }

    @Test
    void aValidConfigurationStartsAnUpdate() throws Exception {
        Run r = aws("eks", "update-cluster-config", "--name", "retail-edge", "--remote-network-config",
                "{\"remoteNodeNetworks\":[{\"cidrs\":[\"10.200.0.0/16\",\"10.202.0.0/16\"]}]}");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"type\": \"RemoteNetworkConfigUpdate\"").contains("10.202.0.0/16");
    }

    @Test
    void aForgedNextTokenIsRefusedByTheLab() throws Exception {
        int before = emulator.inspect().requestCount("eks:ListClusters");
        Run r = aws("eks", "list-clusters", "--no-paginate", "--next-token", "garbage");
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.err()).contains("InvalidParameterException").contains("nextToken").doesNotContain("Traceback");
        assertThat(emulator.inspect().requestCount("eks:ListClusters") - before).isEqualTo(1);
    }

    @Test
    void aGarbageStartingTokenReachesTheLabAndIsRefusedCleanly() throws Exception {
        int before = emulator.inspect().requestCount("eks:ListClusters");
        Run r = aws("eks", "list-clusters", "--max-items", "1", "--starting-token", "GARBAGE");
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.err()).contains("An error occurred (InvalidParameterException) when calling the ListClusters operation")
                .contains("nextToken").doesNotContain("Traceback");
        assertThat(emulator.inspect().requestCount("eks:ListClusters") - before).isEqualTo(1);
    }

    @Test
    void theCliPagesWithTheLabsTokens() throws Exception {
        Run first = aws("eks", "list-clusters", "--max-items", "1");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"retail-edge\"").doesNotContain("\"payments\"").contains("\"NextToken\"");
        String next = first.out().replaceAll("(?s).*\"NextToken\": \"([^\"]+)\".*", "$1");
        Run second = aws("eks", "list-clusters", "--max-items", "1", "--starting-token", next);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"payments\"").doesNotContain("\"retail-edge\"").doesNotContain("NextToken");
    }
}
