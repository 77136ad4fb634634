package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation of an IAM Roles Anywhere pool on the lab: new serials with the same CN from the trust anchor's CA,
 * the signing helper restarted only where it runs, the nodes Ready, an Event per host; a second run does nothing; a run
 * killed after a host's certificate is resumed without rotating that host twice; the keys appear nowhere but on the host.
 */
class CertRotationLabTest {
    static final String NS = PoolStore.NAMESPACE;
    static final String POOL = "store-rot";
    static final List<String> HOSTS = List.of("austin-07", "austin-08");
    static final String HELPER = "aws_signing_helper_update";
    @TempDir
    static Path dir;
    static PoolLab lab;
    static final BcCertificateAuthority PKI = new BcCertificateAuthority();
    static CertificateAuthorityPort.CaCertificate ca;
    /** Every command the console sent over SSH, as "host: command". */
    static final List<String> sent = new CopyOnWriteArrayList<>();
    static EdgePort recording;

    @BeforeAll
    static void start() throws Exception {
        ca = PKI.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        lab = new PoolLab(dir, RaWorld.withCa(ca.pem()));
        lab.importHosts("austin-store-112", "10.200.2.0/24", HOSTS);
        HybridNodePool p = new HybridNodePool(POOL, "austin-store-112", new ProfileRef("pos-iam-ra", 1), Map.of(), List.of(), "",
                List.of(), HOSTS.stream().map(PoolHost::of).toList());
        try (CaKey key = key(); InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60), key);
            assertThat(c.errors()).isEmpty();
            Journal j = lab.service().apply(c.inputs(), pools, journals, lock, "test@ws", new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            journals.flush();
        }
        // the signing helper's update unit runs on austin-07 only (as where an administrator set it up)
        exec("austin-07", "sudo -n install -D -m 0644 /dev/stdin /etc/systemd/system/" + HELPER + ".service",
                "[Service]\nExecStart=/usr/local/bin/aws_signing_helper update\n");
        exec("austin-07", "sudo -n systemctl daemon-reload", null);
        exec("austin-07", "sudo -n systemctl enable --now " + HELPER, null);
        recording = (target, timeout) -> {
            EdgePort.EdgeSession s = lab.edge.connect(target, timeout);
            return new EdgePort.EdgeSession() {
                @Override
                public EdgePort.CommandResult run(String command, byte[] stdin, Duration timeout) throws EdgeException {
                    sent.add(target.spec().name() + ": " + command);
                    return s.run(command, stdin, timeout);
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        };
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static CaKey key() {
        return PKI.readKey(dir.resolve("ca.key"), () -> null);
    }

    static void exec(String host, String command, String stdin) {
        var r = lab.hosts().exec(host, command, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
        assertThat(r.exit()).as(command + ": " + r.stderr()).isZero();
    }

    static String cat(String host, String path) {
        return lab.hosts().exec(host, "sudo -n cat " + path, null).stdout();
    }

    static X509Certificate cert(String host) {
        return NodeCertificates.parse(cat(host, "/etc/iam/pki/server.pem")).orElseThrow();
    }

    static Journal rotate(boolean again, Consumer<Journal> seen, CancelToken cancel) throws Exception {
        CertRotation rotation = new CertRotation(lab.aws, lab.iam, recording, Clock.systemUTC());
        try (CaKey key = key(); InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            CertRotation.Checked c = rotation.check(PoolLab.REF, POOL, profiles, inv, pools, lab.identity, key, Duration.ofSeconds(30));
            assertThat(c.errors()).isEmpty();
            Journal j = rotation.apply(c.inputs(), pools, journals, lock, "ana on ws-1", false, again, cancel, seen);
            journals.flush();
            return j;
        }
    }

    static List<Event> events(String reason) {
        return lab.kube().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> POOL.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    static String stored() {
        StringBuilder b = new StringBuilder();
        for (ConfigMap cm : lab.kube().configMaps().inNamespace(NS).list().getItems()) {
            b.append(cm.getData()).append('\n');
        }
        lab.kube().v1().events().inNamespace(NS).list().getItems().forEach(e -> b.append(e.getMessage()).append('\n'));
        return b.toString();
    }

    @Test
    void rotatesEachHostOnceKeepsTheNodesReadyAndASecondRunIsAllAlreadyDone() throws Exception {
        Map<String, String> before = new HashMap<>();
        HOSTS.forEach(h -> before.put(h, HostCertificates.serial(cert(h))));
        int eventsBefore = events("CertificateRotated").size();
        sent.clear();

        // a new rotation, killed after austin-07's certificate is written: the re-run keeps it and rotates it no second time
        CancelToken cancel = new CancelToken();
        Journal killed = rotate(true, j -> {
            if (j.steps().size() > 1 && j.steps().get(1).state() == StepState.DONE) {
                cancel.cancel();
            }
        }, cancel);
        assertThat(killed.status()).isEqualTo(OperationStatus.CANCELLED);
        String first07 = HostCertificates.serial(cert("austin-07"));
        assertThat(first07).isNotEqualTo(before.get("austin-07")).isEqualTo(killed.outputs().get("austin-07/serial"));
        assertThat(HostCertificates.serial(cert("austin-08"))).as("not reached yet").isEqualTo(before.get("austin-08"));

        Journal done = rotate(false, j -> { }, new CancelToken());
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(done.steps().get(1).state()).as("austin-07's certificate").isEqualTo(StepState.ALREADY_DONE);
        assertThat(HostCertificates.serial(cert("austin-07"))).as("austin-07 rotated once").isEqualTo(first07);
        for (String h : HOSTS) {
            X509Certificate c = cert(h);
            String node = POOL + "-" + h;
            assertThat(HostCertificates.serial(c)).as(h).isNotEqualTo(before.get(h)).isEqualTo(done.outputs().get(h + "/serial"));
            assertThat(NodeCertificates.commonName(c)).isEqualTo(node);
            assertThat(NodeCertificates.problem(cat(h, "/etc/iam/pki/server.pem"), ca.pem(), node, Instant.now())).isEmpty();
            assertThat(lab.hosts().exec(h, "sudo -n test -e /etc/iam/pki/server.key", null).exit()).isZero();
            assertThat(lab.kube().nodes().withName(node).get().getStatus().getConditions())
                    .anySatisfy(x -> assertThat(x.getType() + "=" + x.getStatus()).isEqualTo("Ready=True"));
        }
        long issued07 = sent.stream().filter(s -> s.equals("austin-07: sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem"))
                .count();
        assertThat(issued07).as("one certificate written to austin-07 over both runs").isEqualTo(1);
        assertThat(sent).contains("austin-07: sudo -n systemctl restart " + HELPER)
                .doesNotContain("austin-08: sudo -n systemctl restart " + HELPER);
        assertThat(lab.hosts().exec("austin-07", "systemctl is-active " + HELPER, null).stdout()).isEqualTo("active\n");
        assertThat(lab.hosts().exec("austin-08", "systemctl is-active " + HELPER, null).stdout()).as("not started where it did not run")
                .isEqualTo("inactive\n");
        List<Event> rotated = events("CertificateRotated");
        assertThat(rotated).hasSize(eventsBefore + 2);
        assertThat(rotated).anySatisfy(e -> assertThat(e.getMessage()).startsWith("Host austin-08 (node store-rot-austin-08): new "
                + "certificate serial " + done.outputs().get("austin-08/serial")).endsWith("the node is Ready."));

        // a second run: everything already done, no certificate written
        sent.clear();
        Journal again = rotate(false, j -> { }, new CancelToken());
        assertThat(again.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(again.steps()).allSatisfy(s -> assertThat(s.state()).as(s.title()).isEqualTo(StepState.ALREADY_DONE));
        assertThat(sent).noneMatch(s -> s.contains("install") || s.contains("restart"));
        for (String h : HOSTS) {
            assertThat(HostCertificates.serial(cert(h))).isEqualTo(done.outputs().get(h + "/serial"));
        }

        // no private key anywhere but on the hosts
        String stored = stored();
        for (String h : HOSTS) {
            String body = cat(h, "/etc/iam/pki/server.key").lines().skip(1).findFirst().orElseThrow();
            assertThat(stored).doesNotContain(body);
            assertThat(killed.toString() + done + again).doesNotContain(body);
        }
        assertThat(stored).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aNewRotationAskedForAfterAFinishedOneRotatesEveryHostAgainAndTheHostViewShowsTheNewExpiry() throws Exception {
        Journal first = rotate(false, j -> { }, new CancelToken());
        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(OperationStatus.SUCCEEDED);
        Map<String, String> serials = new HashMap<>();
        HOSTS.forEach(h -> serials.put(h, HostCertificates.serial(cert(h))));
        int rotation = Integer.parseInt(first.outputs().get("rotation"));

        Journal next = rotate(true, j -> { }, new CancelToken());
        assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(next.outputs()).containsEntry("rotation", String.valueOf(rotation + 1));
        for (String h : HOSTS) {
            assertThat(HostCertificates.serial(cert(h))).as(h).isNotEqualTo(serials.get(h));
        }

        try (InventoryPort.Inventory inv = lab.inventory(); PoolStore.Pools pools = lab.pools()) {
            List<HostCertificates.HostCertificate> seen = new HostCertificates(lab.edge, Clock.systemUTC())
                    .read(pools.get(POOL).orElseThrow(), inv, lab.identity);
            assertThat(seen).extracting(HostCertificates.HostCertificate::host).containsExactlyElementsOf(HOSTS);
            for (HostCertificates.HostCertificate c : seen) {
                assertThat(c.problem()).isNull();
                assertThat(c.node()).isEqualTo(POOL + "-" + c.host());
                assertThat(c.commonName()).isEqualTo(c.node());
                assertThat(c.serial()).isEqualTo(next.outputs().get(c.host() + "/serial"));
                assertThat(c.daysLeft()).isBetween(363L, 365L);
                assertThat(c.warning()).isFalse();
            }
        }
    }
}
