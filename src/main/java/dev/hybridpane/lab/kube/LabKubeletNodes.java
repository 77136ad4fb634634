package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.edge.NodeadmBackend.KubeletJoin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node a hybrid node's kubelet registers, and the node's conditions as the kubelet posts them (JSON trees, as the
 * lab stores them). Written from the EKS Hybrid Nodes user guide and nodeadm's kubelet configuration
 * (internal/kubelet/config.go): labels {@code eks.amazonaws.com/compute-type=hybrid} and
 * {@code eks.amazonaws.com/hybrid-credential-provider}, providerID {@code eks-hybrid:///REGION/CLUSTER/NODE}, the node
 * name as hostname; and from the kubelet's node status: Ready is False with KubeletNotReady while the container runtime's
 * network (the CNI) is not ready.
 */
final class LabKubeletNodes {
    static final String CNI_NOT_READY = "container runtime network not ready: NetworkReady=false "
            + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";
    static final String STOPPED_POSTING = "Kubelet stopped posting node status.";

    private LabKubeletNodes() {
    }

    /** The labels the kubelet registers with: its well-known ones, nodeadm's hybrid ones, then --node-labels. */
    static Map<String, String> labels(KubeletJoin j) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NodeLabels.ARCH, j.architecture());
        labels.put("kubernetes.io/os", "linux");
        labels.put(NodeLabels.HOSTNAME, j.nodeName());
        labels.put("beta.kubernetes.io/arch", j.architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put(NodeLabels.COMPUTE_TYPE, "hybrid");
        labels.put(NodeLabels.CREDENTIAL_PROVIDER, j.credentialProvider());
        if (j.labels() != null) {
            labels.putAll(j.labels());
        }
        return labels;
    }

    /** {@code key=value:Effect} or {@code key:Effect} as a Node taint. */
    static ObjectNode taint(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("taint " + spec + ": expected key=value:Effect or key:Effect");
        }
        String kv = spec.substring(0, colon);
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        int eq = kv.indexOf('=');
        t.put("key", eq < 0 ? kv : kv.substring(0, eq));
        if (eq >= 0) {
            t.put("value", kv.substring(eq + 1));
        }
        t.put("effect", spec.substring(colon + 1));
        return t;
    }

    /** The Node as the kubelet registers it (conditions are set by {@link #post}). */
    static ObjectNode node(KubeletJoin j) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Node");
        ObjectNode metadata = node.putObject("metadata").put("name", j.nodeName());
        labels(j).forEach(metadata.putObject("labels")::put);
        metadata.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0")
                .put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = node.putObject("spec");
        spec.put("providerID", providerId(j));
        if (j.taints() != null && !j.taints().isEmpty()) {
            ArrayNode taints = spec.putArray("taints");
            j.taints().forEach(t -> taints.add(taint(t)));
        }
        node.putObject("status").putArray("conditions");
        update(node, j);
        return node;
    }

    static String providerId(KubeletJoin j) {
        return "eks-hybrid:///" + j.region() + "/" + j.cluster() + "/" + j.nodeName();
    }

    /**
     * A kubelet (re)started on an existing Node: the labels and taints it is given are set (others stay), and its
     * providerID, addresses, capacity and nodeInfo are its own again.
     */
    static void restart(ObjectNode node, KubeletJoin j) {
        ObjectNode labels = ((ObjectNode) node.get("metadata")).withObject("labels");
        labels(j).forEach(labels::put);
        ObjectNode spec = node.withObject("spec");
        spec.put("providerID", providerId(j));
        if (j.taints() != null && !j.taints().isEmpty()) {
            ArrayNode taints = spec.has("taints") && spec.get("taints").isArray() ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
            for (String t : j.taints()) {
                ObjectNode taint = taint(t);
                for (int i = taints.size() - 1; i >= 0; i--) {
                    if (taints.get(i).path("key").asText().equals(taint.path("key").asText())
                            && taints.get(i).path("effect").asText().equals(taint.path("effect").asText())) {
                        taints.remove(i);
                    }
                }
                taints.add(taint);
            }
        }
        update(node, j);
    }

    private static void update(ObjectNode node, KubeletJoin j) {
        ObjectNode status = node.withObject("status");
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("address", j.ip()).put("type", "InternalIP");
        addresses.addObject().put("address", j.nodeName()).put("type", "Hostname");
        ObjectNode capacity = status.putObject("allocatable");
        capacity.put("cpu", "4").put("ephemeral-storage", "83873772Ki").put("memory", "16131424Ki").put("pods", "110");
        status.set("capacity", capacity.deepCopy());
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        String kubelet = j.kubeletVersion().startsWith("v") ? j.kubeletVersion() : "v" + j.kubeletVersion();
        status.putObject("nodeInfo").put("architecture", j.architecture())
                .put("bootID", Integer.toHexString((j.nodeName() + Instant.now()).hashCode()))
                .put("containerRuntimeVersion", "containerd://1.7.27")
                .put("kernelVersion", j.kernelVersion()).put("kubeProxyVersion", kubelet).put("kubeletVersion", kubelet)
                .put("machineID", Integer.toHexString(j.nodeName().hashCode()) + "0".repeat(24))
                .put("operatingSystem", "linux").put("osImage", j.osImage())
                .put("systemUUID", Integer.toHexString(j.ip().hashCode()) + "-lab");
    }

    /**
     * The kubelet posts its status: every condition's heartbeat is {@code now}; Ready is True when the network is
     * ready, else False with KubeletNotReady; a transition time changes only with the status. Returns the Ready status
     * before ("" when the node had none).
     */
    static String post(ObjectNode node, boolean networkReady, Instant now) {
        ArrayNode conditions = node.withObject("status").withArray("conditions");
        String before = "";
        for (JsonNode c : conditions) {
            if ("Ready".equals(c.path("type").asText())) {
                before = c.path("status").asText();
            }
        }
        List<ObjectNode> next = new ArrayList<>();
        next.add(condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now));
        next.add(condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now));
        next.add(condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                now));
        next.add(networkReady ? condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now)
                : condition(conditions, "Ready", "False", "KubeletNotReady", CNI_NOT_READY, now));
        conditions.removeAll();
        next.forEach(conditions::add);
        return before;
    }

    /** The node lifecycle controller's mark of a node whose kubelet stopped posting: every condition Unknown. */
    static void unknown(ObjectNode node, Instant now) {
        ArrayNode conditions = node.withObject("status").withArray("conditions");
        for (JsonNode c : conditions) {
            ObjectNode o = (ObjectNode) c;
            if (!"Unknown".equals(o.path("status").asText())) {
                o.put("lastTransitionTime", now.toString());
            }
            o.put("status", "Unknown").put("reason", "NodeStatusUnknown").put("message", STOPPED_POSTING);
        }
    }

    private static ObjectNode condition(ArrayNode old, String type, String status, String reason, String message, Instant now) {
        String transition = now.toString();
        for (JsonNode c : old) {
            if (type.equals(c.path("type").asText()) && status.equals(c.path("status").asText())
                    && c.hasNonNull("lastTransitionTime")) {
                transition = c.path("lastTransitionTime").asText();
            }
        }
        return JsonNodeFactory.instance.objectNode().put("lastHeartbeatTime", now.toString()).put("lastTransitionTime", transition)
                .put("message", message).put("reason", reason).put("status", status).put("type", type);
    }

    /**
     * Whether a CNI DaemonSet of kube-system (Cilium or Calico: its name or k8s-app label says so) would run a pod on a
     * node with these labels and taints: its pod template's nodeSelector and required node affinity match the labels
     * (terms ORed, expressions ANDed: In, NotIn, Exists, DoesNotExist, Gt, Lt), and its tolerations cover every
     * NoSchedule and NoExecute taint.
     */
    static boolean cniRuns(JsonNode daemonSets, Map<String, String> labels, JsonNode taints) {
        for (JsonNode ds : daemonSets.path("items")) {
            String name = ds.path("metadata").path("name").asText() + " "
                    + ds.path("metadata").path("labels").path("k8s-app").asText();
            if (!(name.contains("cilium") || name.contains("calico")) || name.contains("operator")) {
                continue;
            }
            JsonNode pod = ds.path("spec").path("template").path("spec");
            if (selects(pod, labels) && tolerates(pod.path("tolerations"), taints)) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(JsonNode pod, Map<String, String> labels) {
        for (var e : pod.path("nodeSelector").properties()) {
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        JsonNode terms = pod.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")
                .path("nodeSelectorTerms");
        if (!terms.isArray() || terms.isEmpty()) {
            return true;
        }
        for (JsonNode term : terms) {
            boolean all = term.has("matchExpressions") || term.has("matchFields");
            for (JsonNode x : term.path("matchExpressions")) {
                all &= matches(x, labels);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode x, Map<String, String> labels) {
        String value = labels.get(x.path("key").asText());
        List<String> values = new ArrayList<>();
        x.path("values").forEach(v -> values.add(v.asText()));
        return switch (x.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> value != null && values.size() == 1 && compare(value, values.get(0), x.path("operator").asText());
            default -> false;
        };
    }

    private static boolean compare(String value, String bound, String op) {
        try {
            long v = Long.parseLong(value);
            long b = Long.parseLong(bound);
            return "Gt".equals(op) ? v > b : v < b;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean tolerates(JsonNode tolerations, JsonNode taints) {
        for (JsonNode t : taints) {
            String effect = t.path("effect").asText();
            if (!"NoSchedule".equals(effect) && !"NoExecute".equals(effect)) {
                continue;
            }
            boolean covered = false;
            for (JsonNode tol : tolerations) {
                boolean keyOk = !tol.hasNonNull("key") || tol.path("key").asText().isEmpty()
                        ? "Exists".equals(tol.path("operator").asText()) : tol.path("key").asText().equals(t.path("key").asText());
                boolean valueOk = "Exists".equals(tol.path("operator").asText())
                        || tol.path("value").asText("").equals(t.path("value").asText(""));
                boolean effectOk = !tol.hasNonNull("effect") || tol.path("effect").asText().isEmpty()
                        || tol.path("effect").asText().equals(effect);
                covered |= keyOk && valueOk && effectOk;
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }
}
