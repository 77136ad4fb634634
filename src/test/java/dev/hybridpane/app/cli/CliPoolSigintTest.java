package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGINT: `hybridpane pool apply --apply` in its own JVM, pointed at this lab with AWS_ENDPOINT_URL, gets
 * {@code kill -INT} while the hosts run. It exits 1 with one line, the journal says cancelled, the lease is free, and the
 * same command run again finishes the pool.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CliPoolSigintTest {
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-10", "dallas-12"));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    record Exit(int code, List<String> out, List<String> err) {
    }

    /** The CLI in a child JVM; {@code whenHostsRun} is called once, when a host begins writing its NodeConfig. */
    static Exit cli(Path pool, Consumer<Process> whenHostsRun) throws Exception {
        ProcessBuilder pb = ChildCli.builder(lab.lab, dir, List.of("pool", "apply", "-f", pool.toString(), "--ssh-key",
                lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString(), "--apply",
                "--cluster", "retail-edge", "--region", "us-west-2"));
        Process p = pb.start();
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> errs = CompletableFuture.runAsync(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8)).lines().forEach(err::add));
        boolean signalled = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (!signalled && whenHostsRun != null && line.contains("] Write the NodeConfig")) {
                    signalled = true;
                    whenHostsRun.accept(p);
                }
            }
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
        errs.get(10, TimeUnit.SECONDS);
        return new Exit(p.exitValue(), out, err);
    }

    @Test
    void sigintCancelsExitsOneWithOneLineReleasesTheLeaseAndTheSameCommandResumes() throws Exception {
        Path pool = Files.writeString(dir.resolve("sigint.yaml"), "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\n"
                + "metadata: {name: sigint, namespace: hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, "
                + "version: 1}\n  hosts:\n  - host: dallas-10\n  - host: dallas-12\n");
        Exit killed = cli(pool, p -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(killed.out()).as(String.join("\n", killed.err())).anySatisfy(l -> assertThat(l).contains("] Write the NodeConfig"));
        assertThat(killed.code()).as(String.join("\n", killed.out()) + "\n" + String.join("\n", killed.err())).isEqualTo(1);
        assertThat(killed.err()).singleElement().asString().startsWith("Cancelled during step 3: ")
                .endsWith("run the same command again to resume.");
        Journal j;
        try (Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), "hybridpane-system")) {
            j = journals.load("pool-create/us-west-2/retail-edge/sigint").orElseThrow();
        }
        assertThat(j.status()).isEqualTo(OperationStatus.CANCELLED);
        try (Fabric8LeaseLock other = new Fabric8LeaseLock(lab.kube(), "hybridpane-system", Clock.systemUTC());
             OperationLock.Held held = other.acquire("pool-sigint", "someone else on ws-2", Duration.ofMinutes(1))) {
            assertThat(held).as("the lease was released").isNotNull();
        }

        Exit resumed = cli(pool, null);
        assertThat(resumed.code()).as(String.join("\n", resumed.err())).isZero();
        assertThat(resumed.out()).contains("Pool sigint: 2/2 nodes Ready, Running.", "[dallas-10] nodeadm init",
                "[dallas-12] nodeadm init");
        assertThat(resumed.out().get(0)).as("the resumed run prints its own log, not the cancelled run's").startsWith("Started: ");
        assertThat(resumed.out()).noneMatch(l -> l.startsWith("Cancelled"));
    }
}
