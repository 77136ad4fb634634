package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileVersion;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Pools to upgrade on a {@link PoolLab}: a profile whose version 1 runs Kubernetes 1.30 and version 2 1.31 (the lab's
 * control plane), otherwise gpu-ssm v1's layers; pools created on v1 as the console creates them; an upgrade run with
 * fresh stores (a console); a sampler of the most pool nodes unavailable (cordoned or NotReady) at once.
 */
final class PoolUpgradeLab {
    static final String NS = PoolStore.NAMESPACE;
    static final String PROFILE = "upg-ssm";

    private PoolUpgradeLab() {
    }

    /** upg-ssm v1 (1.30) and v2 (1.31), stored once. */
    static void profile(PoolLab lab) {
        try (ProfileStore.Profiles profiles = lab.profiles()) {
            if (profiles.get(PROFILE).isPresent()) {
                return;
            }
            ProfileVersion v = profiles.get("gpu-ssm").orElseThrow().profile().version(1).orElseThrow();
            KubernetesLayer k = v.kubernetes();
            ProfileLayers v1 = new ProfileLayers(v.os(), new KubernetesLayer("1.30", k.credentialProvider(), k.containerdSource(),
                    k.kubeletConfig(), k.kubeletFlags(), k.containerdConfig()), v.network());
            ProfileLayers v2 = new ProfileLayers(v.os(), k, v.network());
            ClusterProfile p = ClusterProfile.create(PROFILE, v1, Instant.now(), "test").save(v2, Instant.now(), "test").profile();
            profiles.create(p);
        }
    }

    static HybridNodePool pool(String name, String site, List<String> hosts) {
        return new HybridNodePool(name, site, new ProfileRef(PROFILE, 1), Map.of("workload", "upgrade"), List.of(), "", List.of(),
                hosts.stream().map(PoolHost::of).toList());
    }

    /** Creates the pool on v1 as `pool apply` does; its nodes are Ready at 1.30. */
    static void create(PoolLab lab, HybridNodePool p) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService s = lab.service();
            PoolService.Checked c = s.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 16, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = s.apply(c.inputs(), pools, journals, lock, "test on ws", new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            journals.flush();
        }
    }

    /** Every command run on each host over SSH, by host name (what really reached the hosts). */
    static final Map<String, List<String>> COMMANDS = new ConcurrentHashMap<>();

    /** The lab's SSH, recording each command it runs on a host in {@link #COMMANDS}. */
    static EdgePort counting(EdgePort edge) {
        return (target, timeout) -> {
            EdgePort.EdgeSession s = edge.connect(target, timeout);
            return new EdgePort.EdgeSession() {
                @Override
                public EdgePort.CommandResult run(String command, byte[] stdin, Duration t) throws EdgeException {
                    COMMANDS.computeIfAbsent(target.spec().name(), k -> new CopyOnWriteArrayList<>()).add(command);
                    return s.run(command, stdin, t);
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        };
    }

    /** How many times this exact command ran on the host. */
    static long ran(String host, String command) {
        return COMMANDS.getOrDefault(host, List.of()).stream().filter(command::equals).count();
    }

    /** A plan made and run by a fresh console (its own stores and PoolUpgrade). */
    static Journal upgrade(PoolLab lab, String pool, PoolUpgrade.Options o, CancelToken cancel, PauseToken pause,
                           Consumer<Journal> seen) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolUpgrade up = new PoolUpgrade(lab.aws, counting(lab.edge), Clock.systemUTC());
            UpgradePlan plan = up.plan(PoolLab.REF, pool, o, pools, profiles, inv);
            assertThat(plan.errors()).as("plan").isEmpty();
            Journal j;
            try {
                j = up.apply(plan, lab.identity, pools, journals, lock, "test on ws", cancel, pause, seen);
            } catch (OperationLock.LockedException e) {
                throw new AssertionError(e.getMessage());
            }
            journals.flush();
            return j;
        }
    }

    static List<Node> nodes(PoolLab lab, String pool) {
        return lab.kube().nodes().withLabel("hybridpane.dev/pool", pool).list().getItems();
    }

    static boolean unavailable(Node n) {
        boolean cordoned = Boolean.TRUE.equals(n.getSpec().getUnschedulable());
        boolean ready = n.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        return cordoned || !ready;
    }

    /** Samples the pool's nodes from the API every few ms until closed; {@link #most} is the most unavailable at once. */
    static final class Sampler implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final Thread thread;

        Sampler(PoolLab lab, String pool) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        int now = (int) nodes(lab, pool).stream().filter(PoolUpgradeLab::unavailable).count();
                        most.accumulateAndGet(now, Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // a sample lost: the next one counts
                    }
                }
            }, "unavailable-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        int most() {
            return most.get();
        }

        int samples() {
            return samples.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(2000);
        }
    }
}
