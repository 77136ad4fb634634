package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.edge.InventoryException;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge inventory stored as custom resources in a lab cluster, read back by a second "workstation". */
class KubeInventoryPortTest {
    static LabKube lab;
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static ClusterAccess access() {
        return new ClusterAccess.EksTokenAccess(lab.endpoints().get("us-west-2/retail-edge"), null,
                () -> new EksToken(lab.adminToken(), Instant.now().plusSeconds(600)));
    }

    @Test
    void sitesHostsAndStatusRoundTripAndASecondWorkstationSeesThem() {
        Fabric8InventoryPort one = new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC()));
        Fabric8InventoryPort two = new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC()));
        Site dallas = new Site("dallas-dc", "Rack 14", List.of("10.200.1.0/24"), List.of("10.201.1.0/24"), "10.200.1.254",
                List.of("time.aws.com"));
        EdgeHostSpec spec = new EdgeHostSpec("dallas-01", "127.0.0.1", 2222, "ubuntu", "dallas-dc", SudoMode.PASSWORD);
        HostFacts facts = new HostFacts("dallas-01", "ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "5.15.0", "x86_64", 4, 15872L,
                82.4, List.of("10.200.1.11/24"), "via 10.200.1.1 dev ens18", "10.200.1.11", true, false,
                Map.of("jq", true, "conntrack", false), 3L, null, null, null, true);
        HostStatus status = new HostStatus(HostPhase.INCOMPATIBLE, "Failed: Required packages", facts,
                List.of(Check.fail("packages", "Required packages", "Missing: conntrack.")), null,
                Instant.parse("2026-11-21T07:00:00Z"));
        try (var a = one.open(REF, access()); var b = two.open(REF, access())) {
            a.saveSite(dallas);
            a.saveHost(spec);
            a.saveStatus("dallas-01", status);
            assertThat(b.sites()).containsExactly(dallas);
            List<StoredHost> hosts = b.hosts();
            assertThat(hosts).hasSize(1);
            assertThat(hosts.get(0).spec()).isEqualTo(spec);
            assertThat(hosts.get(0).status()).isEqualTo(status);
            // editing the spec keeps the status
            b.saveHost(new EdgeHostSpec("dallas-01", "127.0.0.1", 2222, "admin", "dallas-dc", SudoMode.PASSWORDLESS));
            assertThat(a.hosts().get(0).status().phase()).isEqualTo(HostPhase.INCOMPATIBLE);
            assertThat(a.hosts().get(0).spec().user()).isEqualTo("admin");
            a.deleteHost("dallas-01");
            assertThat(b.hosts()).isEmpty();
        }
        var kube = lab.client("us-west-2/retail-edge");
        assertThat(kube.namespaces().withName(InventoryPort.NAMESPACE).get()).isNotNull();
        GenericKubernetesResource raw = kube.genericKubernetesResources(Fabric8InventoryPort.SITES)
                .inNamespace(InventoryPort.NAMESPACE).withName("dallas-dc").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) raw.getAdditionalProperties().get("spec");
        assertThat(s).containsEntry("nodeCidrs", List.of("10.200.1.0/24")).containsEntry("vpnGateway", "10.200.1.254");
        assertThat(raw.getApiVersion()).isEqualTo("hybridpane.dev/v1alpha1");
    }

    @Test
    void aClusterThatWasNeverImportedIsSaidSoAndNothingIsWrittenThere() {
        ClusterRef payments = new ClusterRef("us-west-2", "payments");
        ClusterAccess access = new ClusterAccess.EksTokenAccess(lab.endpoints().get("us-west-2/payments"), null,
                () -> new EksToken(lab.adminToken(), Instant.now().plusSeconds(600)));
        String expected = "payments is not imported into HybridPane yet: import it first (Clusters › Import cluster, "
                + "or hybridpane cluster import).";
        Fabric8InventoryPort port = new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC()));
        EdgeHostSpec spec = new EdgeHostSpec("pay-01", "10.0.0.1", 22, "ubuntu", "hq", SudoMode.PASSWORD);
        try (var inv = port.open(payments, access)) {
            assertThatThrownBy(inv::hosts).isInstanceOf(InventoryException.class).hasMessage(expected);
            assertThatThrownBy(inv::sites).isInstanceOf(InventoryException.class).hasMessage(expected);
            assertThatThrownBy(() -> inv.saveHost(spec)).isInstanceOf(InventoryException.class).hasMessage(expected);
            assertThatThrownBy(() -> inv.saveSite(new Site("hq", "", List.of("10.0.0.0/24"), List.of(), null, List.of())))
                    .isInstanceOf(InventoryException.class).hasMessage(expected);
            assertThatThrownBy(() -> inv.saveStatus("pay-01", null)).isInstanceOf(InventoryException.class).hasMessage(expected);
        }
        assertThat(lab.client("us-west-2/payments").namespaces().withName(InventoryPort.NAMESPACE).get())
                .as("nothing written to a cluster that was not imported").isNull();

        // imported with the console's own manifest (it waits for the CRDs to be Established): the same writes work
        new Fabric8ClusterAdmin().apply(access, dev.hybridpane.core.hybrid.FootprintManifest.yaml());
        try (var inv = port.open(payments, access)) {
            inv.saveHost(spec);
            assertThat(inv.hosts()).extracting(h -> h.spec().name()).containsExactly("pay-01");
            inv.deleteHost("pay-01");
        }
    }

    @Test
    void storedHostsNeverCarryASecretField() {
        Map<String, Object> spec = InventoryMapping.hostSpec(new EdgeHostSpec("h", "10.0.0.1", 22, "u", "s", SudoMode.PASSWORD));
        assertThat(spec).containsOnlyKeys("address", "port", "user", "site", "sudo").containsEntry("sudo", "password");
    }

    @Test
    void anUnreachableClusterIsASentence() {
        Fabric8InventoryPort p = new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC()));
        ClusterAccess gone = new ClusterAccess.EksTokenAccess("http://127.0.0.1:1", null,
                () -> new EksToken("x", Instant.now().plusSeconds(600)));
        try (var inv = p.open(REF, gone)) {
            assertThatThrownBy(inv::hosts).isInstanceOf(InventoryException.class).hasMessageStartingWith(
                    "Could not read the edge hosts in retail-edge:");
        }
    }
}
