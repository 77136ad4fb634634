package dev.hybridpane.core.network;

import dev.hybridpane.core.network.ClusterNetworkPort.Cni;
import dev.hybridpane.core.network.ClusterNetworkPort.HybridNode;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CNI: its DaemonSet's affinity reaches hybrid nodes; its IPAM pod CIDR list matches the remote pod networks. */
final class CniChecks {
    private CniChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        Cni cni = reads.cni();
        List<DoctorCheck> out = new ArrayList<>();
        out.add(affinity(reads, cni));
        if (cni.daemonSet() != null) {
            out.add(ipam(reads, cni));
        }
        return out;
    }

    private static DoctorCheck affinity(DoctorReads reads, Cni cni) {
        String title = "CNI on hybrid nodes";
        if (cni.daemonSet() == null) {
            return new DoctorCheck("cluster.cni-affinity", "cluster", title, List.of(), DoctorStatus.FAIL,
                    "No Cilium or Calico DaemonSet: hybrid nodes stay NotReady until a CNI runs on them.", List.of(),
                    DoctorFix.manual("Install Cilium with the hybrid nodes values (nodeAffinity on eks.amazonaws.com/compute-type"
                            + " In [hybrid], cluster-pool IPAM from the remote pod networks).", ciliumInstall(reads)));
        }
        CniDaemonSet ds = cni.daemonSet();
        String id = "cluster.cni-affinity@" + ds.ref();
        List<HybridNode> nodes = reads.hybridNodes();
        List<Map<String, String>> labels = nodes.isEmpty() ? List.of(Map.of(NodeLabels.COMPUTE_TYPE, "hybrid"))
                : nodes.stream().map(HybridNode::labels).toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(ds.ref() + " nodeSelector " + ds.nodeSelector() + ", required affinity "
                + (ds.requiredTerms() == null ? "(none)" : ds.requiredTerms()));
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String name = nodes.isEmpty() ? "a hybrid node" : nodes.get(i).name();
            boolean ok = ds.selects(labels.get(i));
            evidence.add(name + ": " + (ok ? "selected" : "not selected"));
            if (!ok) {
                missed.add(name);
            }
        }
        if (missed.isEmpty()) {
            return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.PASS,
                    ds.ref() + " reaches " + (nodes.isEmpty() ? "hybrid nodes" : "all " + nodes.size() + " hybrid nodes") + ".",
                    evidence, DoctorFix.NONE);
        }
        return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.FAIL, ds.ref() + " does not reach "
                + String.join(", ", missed) + ": without the CNI they stay NotReady and host no pods.", evidence,
                DoctorFix.automatic("cni-affinity", Map.of("namespace", ds.namespace(), "daemonSet", ds.name()),
                        "Patch " + ds.ref() + "'s node affinity to include eks.amazonaws.com/compute-type In [hybrid]."));
    }

    private static DoctorCheck ipam(DoctorReads reads, Cni cni) {
        Cluster c = reads.cluster();
        String id = "cluster.cni-ipam@" + cni.daemonSet().ref();
        String title = "CNI IPAM pool";
        List<String> evidence = new ArrayList<>();
        evidence.add((cni.ipamSource().isBlank() ? cni.name() + " IPAM" : cni.ipamSource()) + ": "
                + (cni.ipamPools().isEmpty() ? "(none)" : String.join(", ", cni.ipamPools())));
        evidence.add("remote pod networks: " + (c.remotePodCidrs().isEmpty() ? "(none)" : String.join(", ", c.remotePodCidrs())));
        if (cni.ipamPools().isEmpty()) {
            return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.WARN, "No IPAM pod CIDR list was found for "
                    + cni.name() + ": cannot tell whether pods get addresses from the remote pod networks.", evidence,
                    DoctorFix.manual("Set the CNI's IPAM pool to the remote pod networks.", ipamSnippet(reads)));
        }
        List<String> outside = cni.ipamPools().stream()
                .filter(p -> c.remotePodCidrs().stream().noneMatch(r -> Cidrs.contains(r, p))).toList();
        List<String> unused = c.remotePodCidrs().stream()
                .filter(r -> cni.ipamPools().stream().noneMatch(p -> Cidrs.overlap(r, p))).toList();
        if (!outside.isEmpty()) {
            return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.FAIL, cni.name() + " allocates pod CIDRs from "
                    + String.join(", ", outside) + ", outside every remote pod network: the VPC does not route those pods.",
                    evidence, DoctorFix.manual("Set the CNI's IPAM pool to the remote pod networks.", ipamSnippet(reads)));
        }
        if (!unused.isEmpty()) {
            return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.WARN, "The remote pod network "
                    + String.join(", ", unused) + " is not in " + cni.name() + "'s IPAM pool (unused).", evidence,
                    DoctorFix.NONE);
        }
        return new DoctorCheck(id, "cluster", title, List.of(), DoctorStatus.PASS, cni.name()
                + "'s IPAM pool matches the remote pod networks.", evidence, DoctorFix.NONE);
    }

    static String ipamSnippet(DoctorReads reads) {
        List<String> pods = reads.cluster().remotePodCidrs();
        String list = pods.isEmpty() ? "POD_CIDR" : String.join(",", pods);
        return "# Cilium (helm values)\nhelm upgrade cilium cilium/cilium -n kube-system --reuse-values \\\n"
                + "  --set ipam.mode=cluster-pool \\\n  --set ipam.operator.clusterPoolIPv4PodCIDRList='{" + list + "}'\n"
                + "# Calico: an IPPool per remote pod network\n# kubectl apply -f - <<EOF\n# apiVersion: crd.projectcalico.org/v1\n"
                + "# kind: IPPool\n# metadata: {name: hybrid-pods}\n# spec: {cidr: " + (pods.isEmpty() ? "POD_CIDR" : pods.get(0))
                + ", vxlanMode: Always, natOutgoing: true}\n# EOF";
    }

    private static String ciliumInstall(DoctorReads reads) {
        List<String> pods = reads.cluster().remotePodCidrs();
        return "helm install cilium cilium/cilium -n kube-system \\\n"
                + "  --set 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                + ".matchExpressions[0].key=eks.amazonaws.com/compute-type' \\\n"
                + "  --set 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                + ".matchExpressions[0].operator=In' \\\n"
                + "  --set 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                + ".matchExpressions[0].values[0]=hybrid' \\\n"
                + "  --set ipam.mode=cluster-pool --set ipam.operator.clusterPoolIPv4PodCIDRList='{"
                + (pods.isEmpty() ? "POD_CIDR" : String.join(",", pods)) + "}'";
    }
}
