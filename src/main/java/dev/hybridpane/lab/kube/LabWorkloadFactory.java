package dev.hybridpane.lab.kube;

import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** kube-system workloads of an EKS cluster (as JSON trees): VPC CNI, kube-proxy, CoreDNS and, where configured, Cilium for hybrid nodes. */
final class LabWorkloadFactory {
    static final String NS = "kube-system";

    private final LabCluster cluster;

    LabWorkloadFactory(LabCluster cluster) {
        this.cluster = cluster;
    }

    List<ObjectNode> daemonSets() {
        int cloud = cluster.cloudNodes();
        int hybrid = cluster.hybridNodeCount();
        List<ObjectNode> out = new ArrayList<>();
        // the real VPC CNI anti-affinity: never on hybrid or Auto Mode nodes
        out.add(daemonSet("aws-node", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1",
                affinity("NotIn", "hybrid", "auto"), cloud));
        out.add(daemonSet("kube-proxy", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/eks/kube-proxy:v"
                + cluster.version() + ".3-minimal-eksbuild.2", affinity("NotIn", "fargate", "auto"), cloud + hybrid));
        if ("cilium".equals(cluster.cni())) {
            out.add(daemonSet("cilium", "public.ecr.aws/eks/cilium/cilium:v1.16.7-0", affinity("In", "hybrid"), hybrid));
        }
        return out;
    }

    List<ObjectNode> deployments() {
        List<ObjectNode> out = new ArrayList<>();
        out.add(deployment("coredns", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/eks/coredns:v1.11.4-eksbuild.2",
                affinity("NotIn", "fargate"), 2));
        if ("cilium".equals(cluster.cni())) {
            out.add(deployment("cilium-operator", "public.ecr.aws/eks/cilium/operator-generic:v1.16.7-0", affinity("In", "hybrid"),
                    Math.min(2, Math.max(1, cluster.hybridNodeCount()))));
        }
        return out;
    }

    /** A required node affinity on the compute-type label. */
    static ObjectNode affinity(String operator, String... values) {
        ObjectNode affinity = JsonNodeFactory.instance.objectNode();
        ObjectNode expression = affinity.putObject("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution")
                .putArray("nodeSelectorTerms").addObject().putArray("matchExpressions").addObject()
                .put("key", NodeLabels.COMPUTE_TYPE).put("operator", operator);
        ArrayNode list = expression.putArray("values");
        for (String v : values) {
            list.add(v);
        }
        return affinity;
    }

    private static ObjectNode template(String name, String image, ObjectNode affinity) {
        ObjectNode template = JsonNodeFactory.instance.objectNode();
        template.putObject("metadata").putObject("labels").put("k8s-app", name);
        ObjectNode spec = template.putObject("spec");
        spec.set("affinity", affinity);
        spec.putArray("containers").addObject().put("image", image).put("name", name);
        spec.put("priorityClassName", "system-node-critical");
        spec.putArray("tolerations").addObject().put("operator", "Exists");
        return template;
    }

    /** apiVersion, kind, metadata (name, namespace, k8s-app label) and a spec selecting that label. */
    private static ObjectNode workload(String kind, String name, String image, ObjectNode affinity) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "apps/v1").put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", NS).putObject("labels").put("k8s-app", name);
        ObjectNode spec = o.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("k8s-app", name);
        spec.set("template", template(name, image, affinity));
        return o;
    }

    private static ObjectNode daemonSet(String name, String image, ObjectNode affinity, int nodes) {
        ObjectNode ds = workload("DaemonSet", name, image, affinity);
        ((ObjectNode) ds.get("spec")).putObject("updateStrategy").put("type", "RollingUpdate");
        ds.putObject("status").put("currentNumberScheduled", nodes).put("desiredNumberScheduled", nodes)
                .put("numberAvailable", nodes).put("numberMisscheduled", 0).put("numberReady", nodes)
                .put("observedGeneration", 1L).put("updatedNumberScheduled", nodes);
        return ds;
    }

    private static ObjectNode deployment(String name, String image, ObjectNode affinity, int replicas) {
        ObjectNode d = workload("Deployment", name, image, affinity);
        ((ObjectNode) d.get("spec")).put("replicas", replicas);
        d.putObject("status").put("availableReplicas", replicas).put("observedGeneration", 1L).put("readyReplicas", replicas)
                .put("replicas", replicas).put("updatedReplicas", replicas);
        return d;
    }
}
