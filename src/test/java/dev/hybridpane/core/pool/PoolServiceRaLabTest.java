package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole IAM Roles Anywhere path of pool creation on the lab: the checks (the CA key, the provider against the role's
 * trust policy), the plan, apply on three AL2023 hosts (certificates CN = node name, Nodes Ready with their providerIDs),
 * and a re-run that issues nothing.
 */
class PoolServiceRaLabTest {
    static final String NS = PoolStore.NAMESPACE;
    static final String RA_ROLE = "retail-edge-hybrid-ra";
    @TempDir
    static Path dir;
    static PoolLab lab;
    static final BcCertificateAuthority PKI = new BcCertificateAuthority();
    static CertificateAuthorityPort.CaCertificate ca;

    @BeforeAll
    static void start() {
        ca = PKI.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        PKI.generate("Someone else's CA", 3650, dir.resolve("other.pem"), dir.resolve("other.key"));
        lab = new PoolLab(dir, RaWorld.withCa(ca.pem()));
        lab.importHosts("austin-store-112", "10.200.2.0/24", List.of("austin-07", "austin-08", "austin-09", "austin-10"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static HybridNodePool pool(String name, String... hosts) {
        return new HybridNodePool(name, "austin-store-112", new ProfileRef("pos-iam-ra", 1), Map.of("workload", "pos"), List.of(),
                "", List.of(), List.of(hosts).stream().map(PoolHost::of).toList());
    }

    static CaKey key(String file) {
        return PKI.readKey(dir.resolve(file), () -> null);
    }

    static PoolService.Checked check(HybridNodePool p, CaKey key) {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools()) {
            return lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60), key);
        }
    }

    static String plan(PoolService.Checked c) {
        try (PoolStore.Pools pools = lab.pools()) {
            return lab.service().plan(c.inputs(), pools).planText();
        }
    }

    static Journal apply(PoolService.Checked c) throws Exception {
        try (PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            Journal j = lab.service().apply(c.inputs(), pools, journals, lock, "test@workstation", new CancelToken(), x -> { });
            journals.flush();
            return j;
        }
    }

    static String cat(String host, String path) {
        return lab.hosts().exec(host, "sudo -n cat " + path, null).stdout();
    }

    static String stored() {
        StringBuilder b = new StringBuilder();
        for (ConfigMap cm : lab.kube().configMaps().inNamespace(NS).list().getItems()) {
            b.append(cm.getData()).append('\n');
        }
        lab.kube().genericKubernetesResources("hybridpane.dev/v1alpha1", "HybridNodePool").inNamespace(NS).list().getItems()
                .forEach(p -> b.append(p.getAdditionalProperties()).append('\n'));
        for (Event e : lab.kube().v1().events().inNamespace(NS).list().getItems()) {
            b.append(e.getReason()).append(' ').append(e.getMessage()).append('\n');
        }
        return b.toString();
    }

    @Test
    void plansAppliesOnThreeHostsThenAReRunIssuesNothing() throws Exception {
        HybridNodePool p = pool("store-ra", "austin-07", "austin-08", "austin-09");
        try (CaKey key = key("ca.key")) {
            PoolService.Checked c = check(p, key);
            assertThat(c.errors()).isEmpty();
            assertThat(c.inputs().hybridRole()).isEqualTo(RA_ROLE);
            String plan = plan(c);
            String anchor = c.inputs().rolesAnywhere().anchor().arn();
            assertThat(plan).contains("issue certificate CN=store-ra-austin-07 from CA O=HybridPane, CN=Austin stores CA",
                    "valid 365 days", "sudo -n install -D -m 0600 /dev/stdin /etc/iam/pki/server.key",
                    "(private key, not shown)", "sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem",
                    "sudo -n nodeadm install 1.31 -p iam-ra -s distro", "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml",
                    "iamRolesAnywhere:", "nodeName: store-ra-austin-09", "trustAnchorArn: " + anchor,
                    "roleArn: arn:aws:iam::111122223333:role/" + RA_ROLE,
                    "providerID eks-hybrid:///us-west-2/retail-edge/store-ra-austin-08");
            assertThat(plan).doesNotContain("ssm:CreateActivation", "BEGIN PRIVATE KEY", "activationCode");
            assertThat(lab.hosts().exec("austin-07", "sudo -n test -e /etc/iam/pki/server.pem", null).exit())
                    .as("the plan touches no host").isEqualTo(1);

            Journal first = apply(c);
            assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(OperationStatus.SUCCEEDED);
            Map<String, String> pems = new HashMap<>();
            for (String h : p.hostNames()) {
                String node = "store-ra-" + h;
                assertThat(first.outputs()).containsEntry(h + "/node", node);
                Node n = lab.kube().nodes().withName(node).get();
                assertThat(n).as(node).isNotNull();
                assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + node);
                assertThat(n.getMetadata().getLabels()).containsEntry("hybridpane.dev/pool", "store-ra")
                        .containsEntry("eks.amazonaws.com/hybrid-credential-provider", "iam-ra");
                assertThat(n.getStatus().getConditions()).anySatisfy(x -> {
                    assertThat(x.getType()).isEqualTo("Ready");
                    assertThat(x.getStatus()).isEqualTo("True");
                });
                String pem = cat(h, "/etc/iam/pki/server.pem");
                assertThat(NodeCertificates.problem(pem, ca.pem(), node, Instant.now())).as(h).isEmpty();
                pems.put(h, pem);
                assertThat(cat(h, "/etc/iam/pki/server.key")).startsWith("-----BEGIN PRIVATE KEY-----");
            }
            assertThat(first.log()).filteredOn(l -> l.text().contains("certificate CN=")).hasSize(3);
            try (PoolStore.Pools pools = lab.pools()) {
                assertThat(pools.get("store-ra").orElseThrow().status().readyText()).isEqualTo("3/3");
            }

            Journal again = apply(check(p, key));
            assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(again.log()).as("no certificate issued on a re-run").noneMatch(l -> l.text().contains("certificate CN="));
            for (String h : p.hostNames()) {
                assertThat(cat(h, "/etc/iam/pki/server.pem")).isEqualTo(pems.get(h));
            }
            assertThat(lab.kube().nodes().list().getItems()).filteredOn(n -> n.getMetadata().getName().startsWith("store-ra-"))
                    .hasSize(3);

            String secret = cat("austin-07", "/etc/iam/pki/server.key");
            String body = secret.lines().skip(1).findFirst().orElseThrow();
            assertThat(stored()).contains("store-ra").doesNotContain(body);
            assertThat(plan + first + again).doesNotContain(body);
        }
    }

    @Test
    void aHostWithoutItsKeyGetsANewPairButAJoinedHostIsLeftAlone() throws Exception {
        HybridNodePool p = pool("store-rb", "austin-10");
        try (CaKey key = key("ca.key")) {
            // a certificate from another CA already on the host (an earlier setup): replaced, not trusted
            try (CaKey other = key("other.key")) {
                String wrong = other.issue(PKI.read(dir.resolve("other.pem")).pem(), "store-rb-austin-10", Duration.ofDays(30))
                        .certificatePem();
                lab.hosts().exec("austin-10", "sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem",
                        wrong.getBytes(StandardCharsets.US_ASCII));
            }
            Journal j = apply(check(p, key));
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(j.log()).anySatisfy(l -> assertThat(l.text()).contains("will be replaced: it was not issued by the trust "
                    + "anchor's CA"));
            assertThat(NodeCertificates.problem(cat("austin-10", "/etc/iam/pki/server.pem"), ca.pem(), "store-rb-austin-10",
                    Instant.now())).isEmpty();
        }
    }

    @Test
    void aWrongOrMissingCaKeyIsRefusedBeforeAnyHostIsTouched() throws Exception {
        HybridNodePool p = pool("store-rc", "austin-09");
        try (CaKey other = key("other.key")) {
            PoolService.Checked c = check(p, other);
            assertThat(c.valid()).isFalse();
            assertThat(c.errors()).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("ca-key");
                assertThat(e.message()).isEqualTo("The CA key does not belong to trust anchor retail-edge-stores's CA "
                        + "certificate (O=HybridPane, CN=Austin stores CA): give that CA's private key.");
            });
        }
        PoolService.Checked none = check(p, null);
        assertThat(none.errors()).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("ca-key");
            assertThat(e.message()).contains("uses IAM Roles Anywhere", "--ca-key");
        });
        assertThat(lab.kube().genericKubernetesResources("hybridpane.dev/v1alpha1", "HybridNodePool").inNamespace(NS)
                .withName("store-rc").get()).isNull();
    }

    @Test
    void aProfileWhoseProviderNoHybridRoleTrustsIsRefusedNamingTheRolesAndTheFix() throws Exception {
        String raTrust = lab.iam.getRole(RA_ROLE).orElseThrow().trustPolicy();
        lab.iam.updateAssumeRolePolicy(RA_ROLE, HybridNodesIam.trustPolicy("aws", CredentialProvider.SSM, "us-west-2", "111122223333",
                null));
        try (CaKey key = key("ca.key")) {
            PoolService.Checked c = check(pool("store-rd", "austin-09"), key);
            assertThat(c.errors()).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("profile");
                assertThat(e.message()).startsWith("Profile pos-iam-ra v1 uses IAM Roles Anywhere (iam-ra), but no Hybrid Nodes "
                        + "role of cluster retail-edge trusts rolesanywhere.amazonaws.com: ")
                        .contains("retail-edge-hybrid-ssm (trusts ssm.amazonaws.com)", "retail-edge-hybrid-ra (trusts "
                                + "ssm.amazonaws.com)", "hybridpane hybrid enable --provider iam-ra");
            });
        } finally {
            lab.iam.updateAssumeRolePolicy(RA_ROLE, raTrust);
        }
        assertThat(check(pool("store-rd", "austin-09"), null).errors()).noneMatch(e -> e.field().equals("profile"));
    }

    /** What nodeadm init prints on a lab host whose certificate is not the node's: written by hand, as an admin might. */
    static String initWith(String host, String nodeName, String certificatePem) {
        var h = lab.hosts();
        assertThat(h.exec(host, "sudo -n nodeadm install 1.31 -p iam-ra -s distro", null).exit()).isZero();
        var anchor = lab.iam.listTrustAnchors("us-west-2").stream().filter(a -> a.name().equals("retail-edge-stores"))
                .findFirst().orElseThrow();
        var profile = lab.iam.listProfiles("us-west-2").stream().filter(x -> x.name().equals("retail-edge-hybrid-nodes"))
                .findFirst().orElseThrow();
        String cfg = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster: {name: retail-edge, region: us-west-2}\n"
                + "  hybrid:\n    iamRolesAnywhere:\n      nodeName: " + nodeName + "\n      trustAnchorArn: " + anchor.arn()
                + "\n      profileArn: " + profile.arn() + "\n      roleArn: arn:aws:iam::111122223333:role/" + RA_ROLE + "\n";
        h.exec(host, "sudo -n install -D -m 0600 /dev/stdin /etc/hybridpane/nodeconfig.yaml", cfg.getBytes(StandardCharsets.UTF_8));
        h.exec(host, "sudo -n install -D -m 0600 /dev/stdin /etc/iam/pki/server.key", "key".getBytes(StandardCharsets.UTF_8));
        h.exec(host, "sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem", certificatePem.getBytes(StandardCharsets.UTF_8));
        var r = h.exec(host, "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml", null);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        return r.stderr();
    }

    @Test
    void theLabsNodeadmInitRefusesACertificateOfAnotherNodeOrAnotherCa() throws Exception {
        String unable = "AccessDeniedException: Unable to assume role for arn:aws:iam::111122223333:role/" + RA_ROLE;
        try (CaKey key = key("ca.key"); CaKey other = key("other.key")) {
            String forAnother = key.issue(ca.pem(), "someone-else", Duration.ofDays(30)).certificatePem();
            assertThat(initWith("austin-01", "lab-austin-01", forAnother)).contains(unable);
            String fromOther = other.issue(PKI.read(dir.resolve("other.pem")).pem(), "lab-austin-01", Duration.ofDays(30))
                    .certificatePem();
            assertThat(initWith("austin-01", "lab-austin-01", fromOther)).contains("AccessDeniedException: Untrusted signing "
                    + "certificate");
        }
        assertThat(lab.kube().nodes().withName("lab-austin-01").get()).as("no node joined").isNull();
    }
}
