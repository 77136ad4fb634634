package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume, in process, for the Day-2 operations not in {@link ChaosPoolKillLabTest}: certificate rotation of an
 * IAM Roles Anywhere pool ({@code pool rotate-certs}) and a repave (pool upgrade, strategy REPAVE) of an SSM pool, on one
 * lab. Each is run undisturbed on a twin pool first (its journal updates are the kill points' range), then killed at
 * random journal updates ({@link KillPoints}, seeded and printed; 2 in CI, {@code -Dchaos.points} in bench/chaos.sh), each
 * killed run resumed by a fresh console. At the end: finished, each host's certificate written once / each host
 * uninstalled and initialised once, no duplicate registration, Node, usable activation or Roles Anywhere resource, no node
 * cordoned, the lease free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosDay2KillLabTest {
    static final String NS = PoolStore.NAMESPACE;
    static final String RA_SITE = "austin-store-112";
    static final List<String> RA_TWIN = List.of("austin-09", "austin-10");
    static final List<String> RA_HOSTS = List.of("austin-07", "austin-08");
    static final List<String> SSM_TWIN = List.of("dallas-12", "dallas-13");
    static final List<String> SSM_HOSTS = List.of("dallas-08", "dallas-09");
    static final String WRITE_CERT = "sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem";
    @TempDir
    static Path dir;
    static PoolLab lab;
    static ChaosPool chaos;
    static final BcCertificateAuthority PKI = new BcCertificateAuthority();
    static CertificateAuthorityPort.CaCertificate ca;

    @BeforeAll
    static void start() throws Exception {
        PoolUpgradeLab.COMMANDS.clear(); // counted per class: each class has its own lab and hosts
        ca = PKI.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        lab = new PoolLab(dir, RaWorld.withCa(ca.pem()));
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
        lab.importHosts(RA_SITE, "10.200.2.0/24", List.of("austin-07", "austin-08", "austin-09", "austin-10"));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-12", "dallas-13"));
        PoolUpgradeLab.profile(lab);
        chaos = new ChaosPool(lab);
        ChaosThrottle.arm(lab.lab, "ChaosDay2KillLabTest");
        // the four pools created at once, each by its own console (different pools, different leases): CI's time budget
        List<Callable<Void>> creations = List.of(() -> createRa("rot-twin", RA_TWIN), () -> createRa("rot", RA_HOSTS),
                () -> createSsm("rep-twin", SSM_TWIN), () -> createSsm("rep", SSM_HOSTS));
        ExecutorService pool = Executors.newFixedThreadPool(creations.size());
        try {
            for (Future<Void> f : pool.invokeAll(creations)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Void createSsm(String name, List<String> hosts) throws Exception {
        PoolUpgradeLab.create(lab, PoolUpgradeLab.pool(name, "dallas-dc", hosts));
        return null;
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            ChaosThrottle.report(lab.lab, "ChaosDay2KillLabTest");
            lab.close();
        }
    }

    static CaKey key() {
        return PKI.readKey(dir.resolve("ca.key"), () -> null);
    }

    /** Creates a Roles Anywhere pool as `pool apply` does (its certificates issued from the test's CA), not counted. */
    static Void createRa(String name, List<String> hosts) throws Exception {
        HybridNodePool p = new HybridNodePool(name, RA_SITE, new ProfileRef("pos-iam-ra", 1), Map.of(), List.of(), "", List.of(),
                hosts.stream().map(PoolHost::of).toList());
        try (CaKey key = key(); InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8,
                    Duration.ofSeconds(60), key);
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = lab.service().apply(c.inputs(), pools, journals, lock, "test on ws", new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            journals.flush();
            return null;
        }
    }

    /** pool rotate-certs by a fresh console (its host commands counted), its journal store wrapped. */
    static Journal rotate(String pool, UnaryOperator<JournalStore> wrap) throws Exception {
        CertRotation rotation = new CertRotation(lab.aws, lab.iam, PoolUpgradeLab.counting(lab.edge), Clock.systemUTC());
        try (CaKey key = key(); InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            CertRotation.Checked c = rotation.check(PoolLab.REF, pool, profiles, inv, pools, lab.identity, key,
                    Duration.ofSeconds(30));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = rotation.apply(c.inputs(), pools, wrap.apply(journals), lock, "chaos on ws", false, false,
                    new CancelToken(), x -> { });
            journals.flush();
            return j;
        } catch (OperationLock.LockedException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    static String serial(String host) {
        String pem = lab.hosts().exec(host, "sudo -n cat /etc/iam/pki/server.pem", null).stdout();
        return HostCertificates.serial(NodeCertificates.parse(pem).orElseThrow());
    }

    /** Trust anchors and Roles Anywhere profiles in the region (a rotation must create none). */
    static int raResources() {
        return lab.iam.listTrustAnchors(PoolLab.REF.region()).size() + lab.iam.listProfiles(PoolLab.REF.region()).size();
    }

    @Test
    @Order(1)
    void aCertificateRotationKilledAtRandomPointsRotatesEachHostOnce() throws Exception {
        int raBefore = raResources();
        Map<String, String> before = new HashMap<>();
        RA_HOSTS.forEach(h -> before.put(h, serial(h)));
        int updates = ChaosPool.counted(w -> {
            Journal j = rotate("rot-twin", w);
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            return j;
        });
        KillPoints.Chain c = new KillPoints("cert rotation", 2).chain(updates, w -> rotate("rot", w));
        for (String h : RA_HOSTS) {
            assertThat(serial(h)).as(h + " has a new certificate").isNotEqualTo(before.get(h))
                    .isEqualTo(c.last().outputs().get(h + "/serial"));
            assertThat(PoolUpgradeLab.ran(h, WRITE_CERT)).as(h + " certificate written once").isEqualTo(1);
        }
        assertThat(chaos.nodes("rot")).hasSize(2).allSatisfy(n -> assertThat(PoolUpgradeLab.unavailable(n)).isFalse());
        int duplicates = chaos.duplicates("rot", RA_HOSTS) + Math.max(0, raResources() - raBefore);
        chaos.figures("pool rotate-certs", "in-process", c, duplicates, chaos.cordoned("rot"),
                ChaosPool.twice(RA_HOSTS, WRITE_CERT), chaos.leaseHeld("rot"));
    }

    @Test
    @Order(2)
    void aRepaveKilledAtRandomPointsRepavesEachNodeOnce() throws Exception {
        List<String> old = chaos.nodes("rep").stream().map(n -> n.getMetadata().getName()).toList();
        PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.REPAVE, 1, 1, true, Duration.ZERO,
                Duration.ofSeconds(60), null);
        int updates = ChaosPool.counted(w -> {
            Journal j = chaos.upgrade("rep-twin", o, w, x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            return j;
        });
        KillPoints.Chain c = new KillPoints("repave", 2).chain(updates, w -> chaos.upgrade("rep", o, w, x -> { }));
        List<Node> after = chaos.nodes("rep");
        assertThat(after).hasSize(2).allSatisfy(n -> {
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31.");
            assertThat(PoolUpgradeLab.unavailable(n)).isFalse();
        });
        assertThat(after).extracting(n -> n.getMetadata().getName()).as("new registrations, new names")
                .doesNotContainAnyElementsOf(old);
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get("rep").orElseThrow();
            assertThat(s.pool().hostNames()).containsExactlyElementsOf(SSM_HOSTS);
            assertThat(s.pool().profile().version()).isEqualTo(2);
            assertThat(s.status().phase()).isEqualTo("Running");
            for (String n : old) {
                assertThat(NodeRemoval.listed(lab.ssm, PoolLab.REF.region(), n)).as(n + " deregistered").isFalse();
            }
        }
        for (String h : SSM_HOSTS) {
            assertThat(PoolUpgradeLab.ran(h, ChaosPool.UNINSTALL)).as(h + " uninstalled once").isEqualTo(1);
            assertThat(PoolUpgradeLab.ran(h, ChaosPool.INIT)).as(h + " initialised again once").isEqualTo(1);
        }
        int twice = ChaosPool.twice(SSM_HOSTS, ChaosPool.UNINSTALL) + ChaosPool.twice(SSM_HOSTS, ChaosPool.INIT);
        chaos.figures("pool upgrade repave", "in-process", c, c.finished(), chaos.duplicates("rep", SSM_HOSTS),
                chaos.cordoned("rep"), twice, chaos.leaseHeld("rep"));
    }
}
