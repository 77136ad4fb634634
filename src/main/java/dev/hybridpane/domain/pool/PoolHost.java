package dev.hybridpane.domain.pool;

import java.util.Objects;
import java.util.Optional;

/**
 * One edge host of a pool: the EdgeHost's name and, optionally, the VPN server through which the host reaches the
 * VPC (a static route to the VPC CIDR is set up on the host). {@code vpnServerIp} is "" when there is none.
 */
public record PoolHost(String host, String vpnServerIp) {
    public PoolHost {
        host = Objects.requireNonNull(host, "host").strip();
        vpnServerIp = vpnServerIp == null ? "" : vpnServerIp.strip();
    }

    public static PoolHost of(String host) {
        return new PoolHost(host, "");
    }

    public Optional<String> vpn() {
        return vpnServerIp.isEmpty() ? Optional.empty() : Optional.of(vpnServerIp);
    }
}
