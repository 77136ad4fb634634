package dev.hybridpane.core.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.pool.PoolHost;
import java.util.ArrayList;
import java.util.List;

/** The on-prem probe: every host of every pool, through the plugged-in {@link HostProbeRunner}. */
final class HostProbe {
    private HostProbe() {
    }

    static Probe probe(HostProbeRunner runner, CancelToken cancel) {
        return new Probe("host.probes", "host", "Hosts", reads -> {
            if (runner == null) {
                return List.of(DoctorCheck.unknown("host.probes", "host", "Hosts", List.of(),
                        "host probes are not available in this environment"));
            }
            List<HostProbeRunner.Target> targets = new ArrayList<>();
            reads.pools().forEach(s -> {
                for (PoolHost h : s.pool().hosts()) {
                    targets.add(new HostProbeRunner.Target(h.host(), s.pool().name(), s.pool().site(), h.vpnServerIp()));
                }
            });
            Cluster c = reads.cluster();
            HostProbeRunner.Context context = new HostProbeRunner.Context(c.ref(), reads.vpcCidrs(), reads.cni().name(),
                    c.endpoint() == null ? "" : c.endpoint());
            return runner.probe(context, targets, cancel);
        });
    }
}
