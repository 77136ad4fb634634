package dev.hybridpane.core.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.network.DoctorCheck;
import java.util.List;

/**
 * The on-prem half of the doctor, plugged in when hosts are probed ({@code --hosts}): read-only commands on each host over
 * SSH, returned as {@code host.*} checks ({@code host.route@HOST}, {@code host.firewall@HOST}, {@code host.time@HOST},
 * {@code host.api@HOST}). A host that cannot be reached gives UNKNOWN checks; the runner never throws for one host.
 */
public interface HostProbeRunner {

    /**
     * What every host is checked against: the VPC CIDRs, the CNI (cilium or calico: its VXLAN port), the API server
     * endpoint as the cluster gives it (its URL: the host and, when it names one, the port; 443 otherwise).
     */
    record Context(ClusterRef cluster, List<String> vpcCidrs, String cni, String apiEndpointHost) {
        public Context {
            vpcCidrs = List.copyOf(vpcCidrs == null ? List.of() : vpcCidrs);
        }
    }

    /** One host of a pool: its inventory name, its pool and site, and the pool's VPN server IP for it ("" when none). */
    record Target(String host, String pool, String site, String vpnServerIp) {
        public Target {
            vpnServerIp = vpnServerIp == null ? "" : vpnServerIp;
        }
    }

    List<DoctorCheck> probe(Context context, List<Target> targets, CancelToken cancel);
}
