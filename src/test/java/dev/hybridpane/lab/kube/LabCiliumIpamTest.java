package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cilium in cluster-pool IPAM mode on the lab's Cilium clusters, read through the API as the doctor reads it: the CRD
 * ciliumnodes.cilium.io served, kube-system/cilium-config naming the remote pod networks, and a CiliumNode per hybrid node
 * (those nodeadm joined on retail-edge's edge hosts, and warehouse-edge's seeded ones) holding a distinct /25 of the
 * remote pod networks; a node that registers later gets the next block, and its CiliumNode goes with the Node. A
 * cluster on the VPC CNI has none of it.
 */
class LabCiliumIpamTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final String WAREHOUSE = "eu-central-1/warehouse-edge";
    /** The kind as the doctor names it (no discovery first): a server that does not serve it answers 404. */
    static final ResourceDefinitionContext CILIUM_NODE = new ResourceDefinitionContext.Builder().withGroup("cilium.io")
            .withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes").withNamespaced(false).build();
    static Lab lab;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static KubernetesClient client(String key) {
        return lab.kube().client(key);
    }

    static List<GenericKubernetesResource> ciliumNodes(KubernetesClient c) {
        return c.genericKubernetesResources("cilium.io/v2", "CiliumNode").list().getItems();
    }

    @SuppressWarnings("unchecked")
    static List<String> podCidrs(GenericKubernetesResource cn) {
        Map<String, Object> spec = (Map<String, Object>) cn.getAdditionalProperties().get("spec");
        Object cidrs = ((Map<String, Object>) spec.get("ipam")).get("podCIDRs");
        return cidrs == null ? List.of() : (List<String>) cidrs;
    }

    static Set<String> hybridNodeNames(KubernetesClient c) {
        return c.nodes().withLabel(NodeLabels.COMPUTE_TYPE, "hybrid").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
    }

    /** Each hybrid node has exactly one CiliumNode with one /25 inside the pool, none shared; no other node has one. */
    static void assertOneBlockPerHybridNode(KubernetesClient c, String pool, int hybridNodes) {
        Set<String> hybrid = hybridNodeNames(c);
        assertThat(hybrid).hasSize(hybridNodes);
        List<GenericKubernetesResource> cns = ciliumNodes(c);
        assertThat(cns.stream().map(n -> n.getMetadata().getName())).containsExactlyInAnyOrderElementsOf(hybrid);
        Set<String> blocks = new HashSet<>();
        for (GenericKubernetesResource cn : cns) {
            List<String> cidrs = podCidrs(cn);
            assertThat(cidrs).as(cn.getMetadata().getName()).hasSize(1);
            Cidr block = Cidr.parse(cidrs.get(0));
            assertThat(block.prefix()).isEqualTo(25);
            assertThat(Cidr.parse(pool).contains(block)).as(cidrs.get(0) + " in " + pool).isTrue();
            assertThat(blocks.add(cidrs.get(0))).as("allocated twice: " + cidrs.get(0)).isTrue();
            Node node = c.nodes().withName(cn.getMetadata().getName()).get();
            assertThat(cn.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("Node");
                assertThat(o.getUid()).isEqualTo(node.getMetadata().getUid());
            });
        }
    }

    @Test
    void retailEdgeRunsCiliumInClusterPoolModeOverItsRemotePodNetwork() {
        KubernetesClient c = client(RETAIL);
        assertThat(c.apiextensions().v1().customResourceDefinitions().withName("ciliumnodes.cilium.io").get())
                .isNotNull().satisfies(crd -> assertThat(crd.getStatus().getConditions())
                        .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")));
        ConfigMap cm = c.configMaps().inNamespace("kube-system").withName("cilium-config").get();
        assertThat(cm.getData()).containsEntry("ipam", "cluster-pool").containsEntry("cluster-pool-ipv4-cidr", "10.201.0.0/16")
                .containsEntry("cluster-pool-ipv4-mask-size", "25");
        // the eight nodes nodeadm joined from the edge hosts while the lab started
        assertOneBlockPerHybridNode(c, "10.201.0.0/16", 8);
    }

    @Test
    void warehouseEdgesSeededNodesEachHoldABlockOfItsPodNetwork() {
        KubernetesClient c = client(WAREHOUSE);
        assertThat(c.configMaps().inNamespace("kube-system").withName("cilium-config").get().getData())
                .containsEntry("cluster-pool-ipv4-cidr", "10.211.0.0/16");
        assertOneBlockPerHybridNode(c, "10.211.0.0/16", 3);
        // what the lab writes fits the CRD's schema it registered: nothing refused, nothing pruned
        for (GenericKubernetesResource cn : ciliumNodes(c)) {
            ObjectNode tree = Serialization.jsonMapper().valueToTree(cn);
            LabSchemaCheck.Result r = LabSchemaCheck.check(tree, LabCiliumObjects.crd().at("/spec/versions/0/schema/openAPIV3Schema"));
            assertThat(r.errors()).isEmpty();
            assertThat(r.pruned()).isEmpty();
        }
    }

    @Test
    void aNodeThatRegistersGetsTheNextBlockAndItsCiliumNodeGoesWithIt() {
        KubernetesClient c = client(WAREHOUSE);
        Set<String> before = ciliumNodes(c).stream().map(n -> podCidrs(n).get(0)).collect(Collectors.toSet());
        Node joined = new NodeBuilder().withNewMetadata().withName("mi-0123456789abcdef0")
                .withLabels(Map.of(NodeLabels.COMPUTE_TYPE, "hybrid", NodeLabels.HOSTNAME, "mi-0123456789abcdef0")).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("10.210.1.99").endAddress().endStatus()
                .build();
        c.nodes().resource(joined).create();
        try {
            GenericKubernetesResource cn = c.genericKubernetesResources("cilium.io/v2", "CiliumNode")
                    .withName("mi-0123456789abcdef0").get();
            assertThat(cn).isNotNull();
            String block = podCidrs(cn).get(0);
            assertThat(before).hasSize(3).doesNotContain(block);
            // the operator's CIDR set hands out the block after the last one it gave
            long last = before.stream().mapToLong(b -> Cidr.parse(b).first()).max().orElseThrow();
            assertThat(Cidr.parse(block).first()).isEqualTo(last + 128);
            assertThat(cn.getAdditionalProperties().toString()).contains("10.210.1.99");
        } finally {
            c.nodes().withName("mi-0123456789abcdef0").delete();
        }
        assertThat(ciliumNodes(c).stream().map(n -> n.getMetadata().getName())).doesNotContain("mi-0123456789abcdef0");
        assertThat(c.genericKubernetesResources(CILIUM_NODE).withName("mi-0123456789abcdef0").get()).isNull();
        assertThat(ciliumNodes(c)).hasSize(3);
    }

    @Test
    void aClusterOnTheVpcCniHasNoCiliumObjects() {
        KubernetesClient c = client("us-west-2/payments");
        assertThat(c.configMaps().inNamespace("kube-system").withName("cilium-config").get()).isNull();
        assertThat(c.apiextensions().v1().customResourceDefinitions().withName("ciliumnodes.cilium.io").get()).isNull();
        assertThatThrownBy(() -> c.genericKubernetesResources(CILIUM_NODE).list()).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
    }
}
