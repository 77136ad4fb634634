package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What Cilium installs and writes in a cluster, as JSON trees written from Cilium's docs (cluster-pool IPAM, "Cluster
 * Scope (Default)"; the EKS hybrid nodes guide's Helm values: ipam.mode cluster-pool,
 * ipam.operator.clusterPoolIPv4PodCIDRList = the remote pod networks, clusterPoolIPv4MaskSize 25):
 * <ul>
 * <li>the CRD ciliumnodes.cilium.io (cilium.io/v2, cluster scoped, short names cn and ciliumn). Its schema here
 * declares the fields the lab writes (spec.addresses, spec.ipam.podCIDRs, status.ipam.operator-status) and keeps the
 * rest of spec and status as they come; Cilium's own schema spells out every field;</li>
 * <li>the ConfigMap kube-system/cilium-config as Helm renders those values: {@code ipam: cluster-pool},
 * {@code cluster-pool-ipv4-cidr} (the list, space separated) and {@code cluster-pool-ipv4-mask-size};</li>
 * <li>a CiliumNode per node the agent runs on: named as the Node, owned by it (the garbage collector deletes it with
 * the Node), with the Node's labels and InternalIP, and the pod CIDR the operator allocated in spec.ipam.podCIDRs.</li>
 * </ul>
 */
final class LabCiliumObjects {
    static final String GROUP_VERSION = "cilium.io/v2";
    static final String CILIUM_NODES = "/apis/cilium.io/v2/ciliumnodes";
    static final String CONFIG_MAPS = "/api/v1/namespaces/kube-system/configmaps";
    static final String CONFIG_MAP = "cilium-config";
    /** Cilium's default clusterPoolIPv4PodCIDRList when none is given. */
    static final String DEFAULT_POOL = "10.0.0.0/8";
    /** The per-node mask of the EKS hybrid nodes guide's Cilium values. */
    static final int MASK_SIZE = 25;

    private LabCiliumObjects() {
    }

    /** The CustomResourceDefinition ciliumnodes.cilium.io, as the Cilium operator registers it. */
    static ObjectNode crd() {
        ObjectNode crd = JsonNodeFactory.instance.objectNode().put("apiVersion", "apiextensions.k8s.io/v1")
                .put("kind", "CustomResourceDefinition");
        crd.putObject("metadata").put("name", "ciliumnodes.cilium.io");
        ObjectNode spec = crd.putObject("spec").put("group", "cilium.io").put("scope", "Cluster");
        ObjectNode names = spec.putObject("names").put("kind", "CiliumNode").put("listKind", "CiliumNodeList")
                .put("plural", "ciliumnodes").put("singular", "ciliumnode");
        names.putArray("shortNames").add("cn").add("ciliumn");
        names.putArray("categories").add("cilium");
        ObjectNode version = spec.putArray("versions").addObject().put("name", "v2").put("served", true).put("storage", true);
        version.putArray("additionalPrinterColumns").addObject().put("name", "Age").put("type", "date")
                .put("jsonPath", ".metadata.creationTimestamp");
        ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema").put("type", "object");
        schema.putArray("required").add("metadata").add("spec");
        ObjectNode props = schema.putObject("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        ObjectNode nodeSpec = props.putObject("spec").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode specProps = nodeSpec.putObject("properties");
        ObjectNode address = specProps.putObject("addresses").put("type", "array").putObject("items").put("type", "object");
        address.putObject("properties").<ObjectNode>set("ip", string()).set("type", string());
        ObjectNode ipam = specProps.putObject("ipam").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        ipam.putObject("properties").putObject("podCIDRs").put("type", "array").set("items", string());
        ObjectNode status = props.putObject("status").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode statusIpam = status.putObject("properties").putObject("ipam").put("type", "object")
                .put("x-kubernetes-preserve-unknown-fields", true);
        statusIpam.putObject("properties").putObject("operator-status").put("type", "object").putObject("properties")
                .set("error", string());
        return crd;
    }

    private static ObjectNode string() {
        return JsonNodeFactory.instance.objectNode().put("type", "string");
    }

    /** kube-system/cilium-config for cluster-pool IPAM over these pools (Helm's rendering of the values). */
    static ObjectNode configMap(List<String> pools, int maskSize) {
        ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = cm.putObject("metadata").put("name", CONFIG_MAP).put("namespace", "kube-system");
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "Helm");
        metadata.putObject("annotations").put("meta.helm.sh/release-name", "cilium")
                .put("meta.helm.sh/release-namespace", "kube-system");
        ObjectNode data = cm.putObject("data");
        data.put("cluster-name", "default");
        data.put("enable-ipv4", "true");
        data.put("enable-ipv6", "false");
        data.put("ipam", "cluster-pool");
        data.put("cluster-pool-ipv4-cidr", String.join(" ", pools));
        data.put("cluster-pool-ipv4-mask-size", String.valueOf(maskSize));
        data.put("routing-mode", "tunnel");
        data.put("tunnel-protocol", "vxlan");
        return cm;
    }

    /**
     * The CiliumNode of a Node: {@code podCidr} null when the operator could not allocate one (its pools are full), which
     * it reports in status.ipam.operator-status.error and leaves spec.ipam without podCIDRs.
     */
    static ObjectNode ciliumNode(JsonNode node, String podCidr, String error) {
        String name = node.path("metadata").path("name").asText();
        ObjectNode cn = JsonNodeFactory.instance.objectNode().put("apiVersion", GROUP_VERSION).put("kind", "CiliumNode");
        ObjectNode metadata = cn.putObject("metadata").put("name", name);
        JsonNode labels = node.path("metadata").path("labels");
        if (labels.isObject()) {
            metadata.set("labels", labels.deepCopy());
        }
        metadata.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node").put("name", name)
                .put("uid", node.path("metadata").path("uid").asText());
        ObjectNode spec = cn.putObject("spec");
        ArrayNode addresses = spec.putArray("addresses");
        for (JsonNode a : node.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                addresses.addObject().put("ip", a.path("address").asText()).put("type", "InternalIP");
            }
        }
        ObjectNode ipam = spec.putObject("ipam");
        if (podCidr != null) {
            ipam.putArray("podCIDRs").add(podCidr);
        }
        ObjectNode operatorStatus = cn.putObject("status").putObject("ipam").putObject("operator-status");
        if (error != null) {
            operatorStatus.put("error", error);
        }
        return cn;
    }
}
