package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.RaWorld;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pool rotate-certs` and `pool orphans` on one shared lab with an IAM Roles Anywhere pool and an SSM pool. */
class CliPoolCertsOrphansTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    @TempDir
    static Path dir;
    static PoolLab lab;
    static Journal ssmPool;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() throws Exception {
        BcCertificateAuthority pki = new BcCertificateAuthority();
        String ca = pki.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key")).pem();
        lab = new PoolLab(dir, RaWorld.withCa(ca));
        lab.importHosts("austin-store-112", "10.200.2.0/24", List.of("austin-07"));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-14"));
        try (CaKey key = pki.readKey(dir.resolve("ca.key"), () -> null)) {
            create(new HybridNodePool("ra-cli", "austin-store-112", new ProfileRef("pos-iam-ra", 1), Map.of(), List.of(), "",
                    List.of(), List.of(PoolHost.of("austin-07"))), key);
        }
        ssmPool = create(new HybridNodePool("ssm-cli", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "",
                List.of(), List.of(PoolHost.of("dallas-14"))), null);
        PoolEnvironment.sharedLab = lab.lab;
    }

    static Journal create(HybridNodePool p, CaKey key) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolService.Checked c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60),
                    key);
            assertThat(c.errors()).isEmpty();
            Journal j = lab.service().apply(c.inputs(), pools, journals, lock, "test@ws", new CancelToken(), x -> { });
            journals.flush();
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            return j;
        }
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        if (lab != null) {
            lab.close();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        return HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
    }

    private String[] rotate(String pool, String mode, String... more) {
        List<String> a = new ArrayList<>(List.of("pool", "rotate-certs", pool, "--ca-key", dir.resolve("ca.key").toString(),
                "--ssh-key", lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString(), mode));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private String serial() {
        String pem = lab.hosts().exec("austin-07", "sudo -n cat /etc/iam/pki/server.pem", null).stdout();
        return NodeCertificates.parse(pem).orElseThrow().getSerialNumber().toString(16);
    }

    @Test
    void rotateCertsPlansRotatesAndASecondRunIsAllAlreadyDone() {
        String before = serial();
        assertThat(run(rotate("ra-cli", "--plan"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Rotation 1 of pool ra-cli's certificates", "Issue a new certificate CN=ra-cli-austin-07 "
                + "for austin-07", "sudo -n install -D -m 0600 /dev/stdin /etc/iam/pki/server.key", "(private key, not shown)",
                "systemctl is-active aws_signing_helper_update", "Check that node ra-cli-austin-07 stays Ready");
        assertThat(serial()).as("the plan changes nothing").isEqualTo(before);

        assertThat(run(rotate("ra-cli", "--apply"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Pool ra-cli: the certificates of 1 host are rotated (rotation 1).")
                .doesNotContain("PRIVATE KEY");
        String after = serial();
        assertThat(after).isNotEqualTo(before);

        assertThat(run(rotate("ra-cli", "--apply"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("already done: Issue a new certificate", "(rotation 1)")
                .doesNotContain("issued certificate");
        assertThat(serial()).isEqualTo(after);
    }

    @Test
    void showWithAnSshKeyListsEachHostsCertificateAndItsExpiry() throws Exception {
        String key = lab.hosts().loginKeyPath().toString();
        String known = dir.resolve("known_hosts").toString();
        assertThat(run("pool", "show", "ra-cli", "--ssh-key", key, "--known-hosts", known)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("certificates:\n  - austin-07: CN=ra-cli-austin-07, serial " + serial() + ", expires ")
                .contains(" days left)");
        assertThat(err.toString()).as("a year left: no warning").isEmpty();
        assertThat(run("pool", "show", "ra-cli", "-o", "json", "--ssh-key", key, "--known-hosts", known)).isZero();
        var cert = new ObjectMapper().readTree(out.toString()).path("certificates").get(0);
        assertThat(cert.path("commonName").asText()).isEqualTo("ra-cli-austin-07");
        assertThat(cert.path("daysLeft").asLong()).isBetween(363L, 365L);
        assertThat(cert.path("warning").asBoolean()).isFalse();
        assertThat(run("pool", "show", "ssm-cli", "--ssh-key", key, "--known-hosts", known)).isZero();
        assertThat(out.toString()).as("an SSM pool has no certificates").doesNotContain("certificates:");
        assertThat(run("pool", "show", "ra-cli")).isZero();
        assertThat(out.toString()).as("without --ssh-key no host is reached").doesNotContain("certificates:");
    }

    @Test
    void rotateCertsRefusesBadInputWithExitTwo() {
        assertThat(run("pool", "rotate-certs", "ra-cli", "--ca-key", dir.resolve("nope.key").toString(), "--ssh-key",
                lab.hosts().loginKeyPath().toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--ca-key: cannot read " + dir.resolve("nope.key") + ".\n");
        assertThat(run(rotate("ssm-cli", "--plan"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("pool: Pool ssm-cli uses SSM").contains("no IAM Roles Anywhere certificates to rotate");
        assertThat(run(rotate("no-such-pool", "--plan"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("pool: Cluster retail-edge has no node pool named no-such-pool.\n");
    }

    @Test
    void orphansListsAnInstanceWithNoNodeAndApplyDeregistersIt() {
        String mi = ssmPool.outputs().get("dallas-14/node");
        lab.kube().nodes().withName(mi).delete();
        assertThat(run("pool", "orphans", "--min-age", "0")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Managed instances with no Node in retail-edge:", "  " + mi + " (",
                "Run again with --apply");
        assertThat(run("pool", "orphans", "--min-age", "0", "--apply")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deregistered " + mi);
        assertThat(lab.ssm.managedInstances("us-west-2")).noneMatch(m -> m.instanceId().equals(mi));
        assertThat(run("pool", "orphans", "--min-age", "0")).isZero();
        assertThat(out.toString()).doesNotContain(mi);
        assertThat(run("pool", "orphans", "--min-age", "-1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--min-age: 0 or more minutes, not -1.\n");
    }
}
