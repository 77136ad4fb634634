package dev.hybridpane.core.pool;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.pool.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a pool's node is not Ready, and the fix, from what the wait for Ready read (pure: no I/O). Per host whose node is
 * missing or NotReady, in this order: the role's HYBRID_LINUX access entry missing (the kubelet cannot authenticate), the
 * node IP outside the remote node networks, a node that never registered (the host and its last nodeadm output), a
 * kubelet that stopped posting, no CNI DaemonSet that runs on the node (with the JSON patch that adds the hybrid
 * nodeAffinity term and the tolerations of the pool's taints), else the Ready condition's own reason. Findings of the
 * same kind are one finding naming every node.
 */
public final class NotReadyDiagnosis {
    public static final String HYBRID = "hybrid";

    private NotReadyDiagnosis() {
    }

    /**
     * One host as the wait saw it: its node name (null when none was recorded), the Node (null when not in the cluster),
     * the host's IP from its facts, the last nodeadm output this run saw on it (null when none).
     */
    public record HostView(String host, String node, PoolStore.NodeState state, String hostIp, String lastNodeadm) {
        boolean ready() {
            return state != null && state.ready();
        }

        String label() {
            return node == null ? "host " + host + " (no node)" : node + " (" + host + ")";
        }
    }

    /**
     * What the diagnosis reads. {@code role}: the Hybrid Nodes role's ARN. {@code accessEntry}: whether the role has a HYBRID_LINUX access entry, null when unknown
     * (the cluster authenticates nodes with aws-auth, or it was not read).
     */
    public record Facts(String cluster, String region, String pool, List<HostView> hosts, List<String> remoteNodeCidrs,
                        List<CniDaemonSet> cni, List<Taint> taints, String role, Boolean accessEntry) {
        public Facts {
            hosts = List.copyOf(hosts);
            remoteNodeCidrs = List.copyOf(remoteNodeCidrs == null ? List.of() : remoteNodeCidrs);
            cni = List.copyOf(cni == null ? List.of() : cni);
            taints = List.copyOf(taints == null ? List.of() : taints);
        }
    }

    /** A JSON patch (RFC 6902) of a DaemonSet. */
    public record CniPatch(String namespace, String name, String json) {
        /** The same patch as a kubectl command. */
        public String command() {
            return "kubectl patch daemonset " + name + " -n " + namespace + " --type json -p '" + json + "'";
        }
    }

    /** {@code kind} is the Event's reason; {@code nodes} the nodes (or hosts) it concerns. */
    public record Finding(String kind, List<String> nodes, String reason, String fix, List<CniPatch> patches) {
        public Finding {
            nodes = List.copyOf(nodes);
            patches = List.copyOf(patches == null ? List.of() : patches);
        }

        /** One paragraph: nodes, reason, fix. */
        public String text() {
            return String.join(", ", nodes) + ": " + reason + " Fix: " + fix;
        }
    }

    public static final String ACCESS = "AccessEntryMissing";
    public static final String NODE_IP = "NodeIpOutsideRemoteNetworks";
    public static final String NOT_REGISTERED = "NodeNotRegistered";
    public static final String KUBELET = "KubeletNotPosting";
    public static final String NO_CNI = "NoCniForHybridNodes";
    public static final String CNI = "CniNotOnHybridNodes";
    public static final String NOT_READY = "NodeNotReady";

    public static List<Finding> diagnose(Facts f) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (HostView h : f.hosts()) {
            if (h.ready()) {
                continue;
            }
            boolean found = false;
            if (Boolean.FALSE.equals(f.accessEntry())) {
                add(out, ACCESS, h.label(), "Role " + f.role() + " has no HYBRID_LINUX access entry in cluster " + f.cluster()
                        + ", so the kubelet cannot authenticate to the cluster's API.", "create it: aws eks create-access-entry "
                        + "--cluster-name " + f.cluster() + " --region " + f.region() + " --principal-arn " + f.role()
                        + " --type HYBRID_LINUX (or hybridpane hybrid enable), then run pool apply again.", List.of());
                found = true;
            }
            String ip = h.state() != null && h.state().internalIp() != null ? h.state().internalIp() : h.hostIp();
            if (ip != null && !f.remoteNodeCidrs().isEmpty() && !inside(ip, f.remoteNodeCidrs())) {
                add(out, NODE_IP, h.label() + " at " + ip, "The node IP is outside the cluster's remote node networks ("
                        + String.join(", ", f.remoteNodeCidrs()) + "): the cluster cannot reach the kubelet.",
                        "give the host an IP inside them, or add its network to the remote node networks "
                                + "(aws eks update-cluster-config --remote-network-config), then run pool apply again.", List.of());
                found = true;
            }
            if (h.state() == null) {
                if (!found) {
                    add(out, NOT_REGISTERED, h.label(), h.node() == null ? "Host " + h.host() + " recorded no node."
                            : "Node " + h.node() + " of host " + h.host() + " is not in the cluster (it never registered, "
                            + "or was deleted). " + (h.lastNodeadm() == null ? "No nodeadm output from " + h.host()
                            + " in this run." : "The last nodeadm output on " + h.host() + ": " + h.lastNodeadm()),
                            "check the kubelet on " + h.host() + " (sudo systemctl status kubelet), then run pool apply "
                                    + "again: it runs nodeadm init on a host whose node is not in the cluster.", List.of());
                }
                continue;
            }
            String why = h.state().reason() == null ? "" : h.state().reason();
            if (why.contains("stopped posting") || why.startsWith("NodeStatusUnknown")) {
                add(out, KUBELET, h.label(), "The kubelet on " + h.host() + " stopped posting the node's status (" + why
                        + ").", "check the kubelet on " + h.host() + " (sudo systemctl status kubelet) and its network path "
                        + "to the cluster's API endpoint.", List.of());
                found = true;
            }
            found |= cni(out, f, h);
            if (!found) {
                add(out, NOT_READY, h.label(), "NotReady: " + (why.isBlank() ? "no reason given" : why) + ".",
                        "see the node's conditions and events: kubectl describe node " + h.node() + ".", List.of());
            }
        }
        return List.copyOf(out.values());
    }

    /** Adds a CNI finding when no Cilium or Calico DaemonSet runs on the node; true when it did. */
    private static boolean cni(Map<String, Finding> out, Facts f, HostView h) {
        Map<String, String> labels = h.state().labels();
        if (f.cni().isEmpty()) {
            add(out, NO_CNI, h.label(), "The cluster has no CNI for hybrid nodes: no cilium or calico-node DaemonSet in "
                    + "kube-system.", "install Cilium with the hybrid nodeAffinity (eks.amazonaws.com/compute-type In "
                    + "[hybrid]) as the EKS user guide shows (hybridpane hybrid enable offers its Helm values).", List.of());
            return true;
        }
        if (f.cni().stream().anyMatch(d -> d.selects(labels) && missingTolerations(d, f.taints()).isEmpty())) {
            return false;
        }
        List<CniPatch> patches = new ArrayList<>();
        List<String> why = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (CniDaemonSet d : f.cni()) {
            List<String> misses = d.nodeSelectorMisses(labels);
            List<Taint> untolerated = missingTolerations(d, f.taints());
            if (!d.affinitySelects(labels)) {
                why.add("its DaemonSet " + d.ref() + " lacks the hybrid affinity");
            }
            if (!untolerated.isEmpty()) {
                why.add(d.ref() + " does not tolerate the pool's taint" + (untolerated.size() > 1 ? "s " : " ")
                        + String.join(", ", untolerated.stream().map(Taint::spec).toList()));
            }
            if (!misses.isEmpty()) {
                why.add(d.ref() + "'s nodeSelector " + String.join(", ", misses) + " excludes the node");
                manual.add("remove " + String.join(", ", misses) + " from the nodeSelector of " + d.ref() + " by hand");
                continue;
            }
            patch(d, labels, untolerated).ifPresent(patches::add);
        }
        List<String> fixes = new ArrayList<>();
        if (!patches.isEmpty()) {
            fixes.add("patch " + String.join(" and ", patches.stream().map(p -> p.namespace() + "/" + p.name()).toList())
                    + " (hybridpane pool fix-cni " + f.pool() + " --cluster " + f.cluster() + " --region " + f.region()
                    + " --apply; the patch: " + String.join("; ", patches.stream().map(CniPatch::command).toList()) + ")");
        }
        fixes.addAll(manual);
        add(out, CNI, h.label(), "The cluster's CNI does not run on hybrid nodes: " + String.join("; ", why) + ".",
                String.join("; ", fixes) + ".", patches);
        return true;
    }

    /** The pool's NoSchedule and NoExecute taints the DaemonSet's pods do not tolerate. */
    static List<Taint> missingTolerations(CniDaemonSet d, List<Taint> taints) {
        return taints.stream().filter(t -> !"PreferNoSchedule".equals(t.effect()))
                .filter(t -> d.tolerations().stream().noneMatch(x -> x.tolerates(t.key(), t.value(), t.effect()))).toList();
    }

    /**
     * The JSON patch that lets the DaemonSet run on the node: a nodeSelectorTerm eks.amazonaws.com/compute-type In
     * [hybrid] added to the required node affinity (terms are ORed: the nodes it runs on now keep it); a toleration per
     * untolerated taint. Empty when nothing needs patching.
     */
    public static Optional<CniPatch> patch(CniDaemonSet d, Map<String, String> labels, List<Taint> untolerated) {
        List<String> ops = new ArrayList<>();
        String base = "/spec/template/spec";
        String term = "{\"matchExpressions\":[{\"key\":" + str(NodeLabels.COMPUTE_TYPE) + ",\"operator\":\"In\",\"values\":["
                + str(HYBRID) + "]}]}";
        if (!d.affinitySelects(labels)) {
            // only a required node affinity with terms keeps a DaemonSet off a node: add an ORed term
            ops.add(add(base + "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/-", term));
        }
        List<String> tolerations = untolerated.stream().map(t -> "{\"key\":" + str(t.key()) + ",\"operator\":"
                + (t.value().isEmpty() ? "\"Exists\"" : "\"Equal\",\"value\":" + str(t.value())) + ",\"effect\":"
                + str(t.effect()) + "}").toList();
        if (!tolerations.isEmpty()) {
            if (d.tolerations().isEmpty()) {
                ops.add(add(base + "/tolerations", "[" + String.join(",", tolerations) + "]"));
            } else {
                tolerations.forEach(t -> ops.add(add(base + "/tolerations/-", t)));
            }
        }
        return ops.isEmpty() ? Optional.empty() : Optional.of(new CniPatch(d.namespace(), d.name(), "[" + String.join(",", ops)
                + "]"));
    }

    private static String add(String path, String value) {
        return "{\"op\":\"add\",\"path\":" + str(path) + ",\"value\":" + value + "}";
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean inside(String ip, List<String> cidrs) {
        Optional<Long> a = Cidr.parseAddress(ip);
        if (a.isEmpty()) {
            return true; // not an IPv4 address this check can place
        }
        return cidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).anyMatch(c -> c.contains(a.get()));
    }

    private static void add(Map<String, Finding> out, String kind, String node, String reason, String fix, List<CniPatch> patches) {
        Finding now = out.get(kind + "\n" + reason);
        if (now == null) {
            out.put(kind + "\n" + reason, new Finding(kind, List.of(node), reason, fix, patches));
        } else {
            List<String> nodes = new ArrayList<>(now.nodes());
            nodes.add(node);
            out.put(kind + "\n" + reason, new Finding(kind, nodes, reason, fix, now.patches()));
        }
    }
}
