package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.profile.ProfileConflictException;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileConflict;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.kube.LabKubeFaults;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With 20% of updates refused with 409 and 20% of requests with 429 by the lab's API server, profile applies (CLI,
 * in-process), pool writes, journals and the pool lease complete; a real conflict (two saves from one base) is still
 * refused for the second, naming the newer version and its author, and nothing is lost. Prints the faults injected.
 */
class CliKubeFaultsTest {
    static final String NAME = "clifaults-pos";
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");
    static final long SEED = 2025L;
    static Lab lab;

    @TempDir
    Path dir;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        ProfileEnvironment.sharedLab = lab;
        System.out.println("CliKubeFaultsTest seed " + SEED);
        lab.kube().faults().seed(SEED).conflicts(0.2).tooManyRequests(0.2);
    }

    @AfterAll
    static void stop() {
        System.out.println("CliKubeFaultsTest faults injected: " + lab.kube().faults().counts());
        ProfileEnvironment.sharedLab = null;
        lab.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        return HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
    }

    private static ClusterAccess access() {
        return new ClusterAccess.EksTokenAccess(lab.kubeEndpoints().get("us-west-2/retail-edge"), null,
                () -> new EksToken(lab.kube().adminToken(), Instant.now().plusSeconds(600)));
    }

    @Test
    void profileAppliesCompleteThroughConflictsAndThrottling() throws Exception {
        LabKubeFaults.Counts before = lab.kube().faults().counts();
        for (String k8s : List.of("1.30", "1.31")) {
            Path file = Files.writeString(dir.resolve(k8s + ".yaml"), CliProfileTest.yaml(k8s).replace(CliProfileTest.NAME, NAME));
            assertThat(run("profile", "apply", "-f", file.toString(), "--apply")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("OK: stored version").doesNotContain("changed while you edited it");
        }
        assertThat(run("profile", "show", NAME, "-o", "json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"version\" : 2").doesNotContain("\"version\" : 3");
        LabKubeFaults.Counts after = lab.kube().faults().counts();
        System.out.println("profile applies: " + (after.conflicts() - before.conflicts()) + " 409s, "
                + (after.tooManyRequests() - before.tooManyRequests()) + " 429s ridden through");
        assertThat(after.tooManyRequests()).isGreaterThan(before.tooManyRequests());
    }

    @Test
    void poolWritesJournalsAndTheLeaseCompleteThroughConflictsAndThrottling() {
        Fabric8ClusterPort clusters = new Fabric8ClusterPort(null, Clock.systemUTC());
        LabKubeFaults.Counts before = lab.kube().faults().counts();
        HybridNodePool pool = new HybridNodePool("clifaults-pool", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of("w", "f"),
                List.of(), "amd64", List.of(), List.of(new PoolHost("dallas-12", null)));
        try (PoolStore.Pools pools = new Fabric8PoolStore(clusters).open(REF, access());
             Fabric8PoolOps ops = Fabric8PoolOps.open(clusters, access())) {
            PoolStore.Stored stored = pools.create(pool);
            // renewed every second in the background, through the same faults
            try (OperationLock.Held held = ops.lock().acquire("pool-clifaults-pool", "ws-a", Duration.ofSeconds(3))) {
                Journal j = new Journal("pool-create-clifaults", "pool-create", "Create pool", "clifaults-pool",
                        OperationStatus.RUNNING, Instant.now(), null, List.of(), Map.of(), List.of(), null);
                for (int i = 1; i <= 30; i++) {
                    pools.updateStatus(pool.name(), new PoolStore.PoolStatus("Joining", i % 2, 1,
                            List.of(new PoolStore.Member("dallas-12", "mi-" + i))));
                    ops.journals().save(new Journal(j.id(), j.kind(), j.title(), j.target(), OperationStatus.RUNNING,
                            j.started(), null, List.of(), Map.of("step", String.valueOf(i)), List.of(), null));
                }
                // a renewal's passing 409 must not lose the lease
                assertThat(held.stillHeld()).as("the lease is still held after its renewals").isTrue();
                assertThat(ops.lock().state("pool-clifaults-pool").orElseThrow().holder()).isEqualTo("ws-a");
            } catch (OperationLock.LockedException e) {
                throw new AssertionError("the lease was lost to a passing fault: " + e.getMessage(), e);
            }
            ops.flush();
            assertThat(pools.get(pool.name()).orElseThrow().status().members().get(0).node()).isEqualTo("mi-30");
            assertThat(ops.journals().load("pool-create-clifaults").orElseThrow().outputs()).containsEntry("step", "30");
        }
        LabKubeFaults.Counts after = lab.kube().faults().counts();
        System.out.println("pool, journal and lease writes: " + (after.conflicts() - before.conflicts()) + " 409s, "
                + (after.tooManyRequests() - before.tooManyRequests()) + " 429s ridden through");
        assertThat(after.conflicts()).isGreaterThan(before.conflicts());
    }

    private static ProfileLayers layers(String k8s, String pkg) {
        return new ProfileLayers(OsLayer.agent(List.of("curl", pkg), List.of("time.aws.com"), Map.of(), List.of(), ""),
                KubernetesLayer.of(k8s, CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    @Test
    void aRealConflictIsStillRefusedAndNamesTheNewerVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("base.yaml"), CliProfileTest.yaml("1.30").replace(CliProfileTest.NAME,
                "clifaults-race"));
        assertThat(run("profile", "apply", "-f", file.toString(), "--apply")).as(err.toString()).isZero();
        try (ProfileStore.Profiles profiles = new Fabric8ProfileStore(new Fabric8ClusterPort(null, Clock.systemUTC()))
                .open(REF, access())) {
            ProfileStore.Stored base = profiles.get("clifaults-race").orElseThrow();
            ClusterProfile alice = base.profile().save(layers("1.31", "jq"), Instant.now(), "alice").profile();
            ClusterProfile bob = base.profile().save(layers("1.31", "vim"), Instant.now(), "bob").profile();
            profiles.update(alice, base.resourceVersion());
            // bob saved from the same base: refused, whatever passing faults came on the way
            assertThatThrownBy(() -> profiles.update(bob, base.resourceVersion()))
                    .isInstanceOf(ProfileConflictException.class);
            ClusterProfile now = profiles.get("clifaults-race").orElseThrow().profile();
            assertThat(now.latest().createdBy()).isEqualTo("alice");
            assertThat(now.latest().layers().kubernetes().version()).isEqualTo("1.31");
            assertThat(ProfileConflict.describe(now, base.profile().latest().number()))
                    .hasValueSatisfying(t -> assertThat(t).contains("version 2 by alice"));
        }
    }
}
