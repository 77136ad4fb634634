package dev.hybridpane.core.network;

import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import java.util.List;
import java.util.Map;

/**
 * The cluster side of the network doctor, through the cluster's Kubernetes API: pools and sites (the HybridPane objects),
 * the per-node pod CIDRs the CNI allocated, the CNI DaemonSet and its IPAM pool, the hybrid nodes' labels. Methods block;
 * a failure is any RuntimeException with a sentence (the doctor marks the checks that needed it UNKNOWN).
 */
public interface ClusterNetworkPort {

    /** Opens the cluster's API (the implementation chooses the access: the console's EKS token or a kubeconfig context). */
    Session open(Cluster cluster);

    /** The pod CIDRs allocated to one node: CiliumNode spec.ipam.podCIDRs, or the Calico IPAM blocks it holds. */
    record NodePodCidrs(String node, String source, List<String> cidrs) {
        public NodePodCidrs {
            cidrs = List.copyOf(cidrs == null ? List.of() : cidrs);
        }
    }

    /**
     * The CNI: {@code name} cilium, calico or none; its DaemonSet (null for none); {@code ipamPools} the CIDRs its IPAM
     * allocates pod CIDRs from (Cilium cluster-pool {@code cluster-pool-ipv4-cidr}, Calico IPPools) and where they were
     * read ({@code ipamSource}, e.g. "ConfigMap kube-system/cilium-config").
     */
    record Cni(String name, CniDaemonSet daemonSet, List<String> ipamPools, String ipamSource) {
        public Cni {
            ipamPools = List.copyOf(ipamPools == null ? List.of() : ipamPools);
            ipamSource = ipamSource == null ? "" : ipamSource;
        }

        public static final Cni NONE = new Cni("none", null, List.of(), "");
    }

    /** A hybrid node (label eks.amazonaws.com/compute-type=hybrid), its labels and its InternalIP ("" when none). */
    record HybridNode(String name, Map<String, String> labels, boolean ready, String internalIp) {
        public HybridNode {
            labels = Map.copyOf(labels == null ? Map.of() : labels);
            internalIp = internalIp == null ? "" : internalIp;
        }
    }

    interface Session extends AutoCloseable {
        List<PoolStore.Stored> pools();

        List<Site> sites();

        List<NodePodCidrs> nodePodCidrs();

        Cni cni();

        List<HybridNode> hybridNodes();

        /**
         * The CNI's BGP configuration objects that advertise pod CIDRs to the on-prem routers ("CiliumBGPClusterConfig/x",
         * "CiliumBGPPeeringPolicy/x", "BGPPeer/x" for Calico); empty when there are none or their kinds are not served.
         */
        List<String> bgpConfigs();

        @Override
        void close();
    }
}
