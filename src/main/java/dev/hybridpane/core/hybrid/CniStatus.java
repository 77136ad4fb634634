package dev.hybridpane.core.hybrid;

/**
 * The CNI as the cluster's kube-system shows it. {@code cni} is "cilium", "calico" or "none"; the affinity flags say
 * whether the DaemonSet / operator carry nodeAffinity eks.amazonaws.com/compute-type In [hybrid];
 * {@code vpcCniAntiAffinity} whether aws-node stays off hybrid nodes.
 */
public record CniStatus(String cni, boolean daemonSetHybridAffinity, boolean operatorPresent, boolean operatorHybridAffinity,
        boolean vpcCniPresent, boolean vpcCniAntiAffinity) {

    public boolean ready() {
        return !"none".equals(cni) && daemonSetHybridAffinity && (!operatorPresent || operatorHybridAffinity);
    }

    public String summary() {
        if ("none".equals(cni)) {
            return "No Cilium or Calico: hybrid nodes stay NotReady until a CNI runs on them.";
        }
        String name = "cilium".equals(cni) ? "Cilium" : "Calico";
        if (ready()) {
            return name + " runs on hybrid nodes (hybrid nodeAffinity set)"
                    + (vpcCniPresent && !vpcCniAntiAffinity ? "; the VPC CNI lacks its anti-affinity to hybrid nodes." : ".");
        }
        return name + " is installed but " + (daemonSetHybridAffinity ? "its operator" : "its DaemonSet")
                + " lacks the hybrid nodeAffinity.";
    }
}
