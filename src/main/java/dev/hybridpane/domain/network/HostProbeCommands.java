package dev.hybridpane.domain.network;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.profile.CniKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-prem side of the network doctor: the read-only commands the console runs on a host over SSH (one exec request
 * each), and what their answers mean. The console ({@code core.network.HostProbes}) and the lab's hosts agree on exactly
 * these words. Only the firewall needs root ({@code sudo -n}: reading the kernel's ruleset needs CAP_NET_ADMIN).
 *
 * <p>Why {@code nft list ruleset} first: RHEL 8/9's firewalld and Debian 12 use nftables natively, and the iptables of
 * Ubuntu 22.04/24.04, RHEL 8/9, Debian 12 and Amazon Linux 2023 is {@code iptables-nft}, whose rules (ufw's among them)
 * live in the same nf_tables ruleset. {@code iptables-save} would miss firewalld's native nftables rules, so it is only
 * the fallback for a host without the {@code nft} command (exit 127).
 */
public final class HostProbeCommands {
    private HostProbeCommands() {
    }

    /** The kubelet's port: the API server's logs, exec and port-forward reach it (inbound from the cluster's ENIs). */
    public static final int KUBELET_PORT = 10250;
    /** Cilium's VXLAN overlay port. */
    public static final int CILIUM_VXLAN_PORT = 8472;
    /** Calico's VXLAN overlay port. */
    public static final int CALICO_VXLAN_PORT = 4789;
    public static final int CONNECT_SECONDS = 5;
    /** The exit status of {@code timeout} when the command ran out of time. */
    public static final int TIMED_OUT = 124;
    /** The shell's exit status for a command that is not installed. */
    public static final int NOT_FOUND = 127;

    public static final String NFT_RULESET = "sudo -n nft list ruleset";
    public static final String IPTABLES_SAVE = "sudo -n iptables-save";
    public static final String NTP_SYNCHRONIZED = "timedatectl show -p NTPSynchronized --value";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    /** A port and its protocol, as a firewall rule names it ("10250/tcp"). */
    public record Port(int number, String protocol) {
        @Override
        public String toString() {
            return number + "/" + protocol;
        }
    }

    /** What the host's firewall must let in: the kubelet, and the CNI's VXLAN port (none known for a custom CNI). */
    public static List<Port> requiredPorts(CniKind cni) {
        List<Port> out = new ArrayList<>(List.of(new Port(KUBELET_PORT, "tcp")));
        if (cni == CniKind.CILIUM) {
            out.add(new Port(CILIUM_VXLAN_PORT, "udp"));
        } else if (cni == CniKind.CALICO) {
            out.add(new Port(CALICO_VXLAN_PORT, "udp"));
        }
        return out;
    }

    /** The address the route to a VPC CIDR is asked for: the block's first host address (10.100.0.0/16 → 10.100.0.1). */
    public static String probeAddress(String vpcCidr) {
        Cidr c = Cidr.parse(vpcCidr);
        return Cidr.format(c.prefix() >= 31 ? c.first() : c.first() + 1);
    }

    /** {@code ip route get ADDRESS}: the route the kernel would use. */
    public static String routeGet(String address) {
        if (Cidr.parseAddress(address).isEmpty()) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return "ip route get " + address.strip();
    }

    /** {@code getent hosts NAME}: the name as the host's resolver (nsswitch: files, then DNS) answers it. */
    public static String resolve(String host) {
        return "getent hosts " + checkedHost(host);
    }

    /** Bash's /dev/tcp opens a TCP connection; {@code timeout} stops it after {@link #CONNECT_SECONDS}. */
    public static String connect(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
        return "timeout " + CONNECT_SECONDS + " bash -c '</dev/tcp/" + checkedHost(host) + "/" + port + "'";
    }

    /** True when {@code host} is an IPv4 address (then it is not looked up). */
    public static boolean isAddress(String host) {
        return Cidr.parseAddress(host).isPresent();
    }

    private static String checkedHost(String host) {
        if (host == null || !HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name or address: " + host);
        }
        return host;
    }

    // Reading the answers ---------------------------------------------------------------------------------------------

    /**
     * One line of {@code ip route get}: "10.100.0.1 via 10.200.1.1 dev ens18 src 10.200.1.11 uid 1000".
     *
     * @param via the next hop, "" when the address is on a connected network
     */
    public record Route(String address, String via, String dev, String src) {
    }

    private static final Pattern ROUTE = Pattern.compile("^(?:local\\s+|unicast\\s+)?(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s(.*)$");

    /** The route in {@code ip route get}'s output; empty when there is none (an unreachable, blackhole or prohibit route). */
    public static Optional<Route> parseRoute(String stdout) {
        for (String line : stdout == null ? List.<String>of() : stdout.lines().toList()) {
            Matcher m = ROUTE.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(new Route(m.group(1), word(m.group(2), "via"), word(m.group(2), "dev"), word(m.group(2), "src")));
            }
        }
        return Optional.empty();
    }

    private static String word(String words, String key) {
        String[] w = words.trim().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals(key)) {
                return w[i + 1];
            }
        }
        return "";
    }

    /** timedatectl's {@code yes}/{@code no}; empty when it printed something else. */
    public static Optional<Boolean> parseSynchronized(String stdout) {
        String v = stdout == null ? "" : stdout.strip();
        return v.equals("yes") ? Optional.of(true) : v.equals("no") ? Optional.of(false) : Optional.empty();
    }

    /** The addresses of {@code getent hosts} ("10.100.12.34    NAME" a line). */
    public static List<String> parseAddresses(String stdout) {
        List<String> out = new ArrayList<>();
        for (String line : stdout == null ? List.<String>of() : stdout.lines().toList()) {
            String[] w = line.strip().split("\\s+");
            if (!w[0].isEmpty() && !out.contains(w[0])) {
                out.add(w[0]);
            }
        }
        return out;
    }

    // Fixes -----------------------------------------------------------------------------------------------------------

    /** The commands that install the pool's route unit by hand (the unit pool creation writes, {@code HostCommands}). */
    public static String routeFix(List<String> vpcCidrs, String vpnServerIp, String unit, String unitPath, String unitText) {
        return "sudo tee " + unitPath + " >/dev/null <<'EOF'\n" + unitText + "EOF\n"
                + "sudo systemctl daemon-reload\nsudo systemctl enable --now " + unit + "\n"
                + "ip route get " + probeAddress(vpcCidrs.get(0)) + "   # now via " + vpnServerIp + "\n";
    }

    /** chrony on, its sources, and the check. */
    public static String timeFix(String service, String confPath) {
        return "# point chrony at your NTP servers (one 'server NAME iburst' line each) in " + confPath + ", then:\n"
                + "sudo systemctl enable --now " + service + "\nsudo systemctl restart " + service + "\n"
                + "chronyc sources -v\ntimedatectl show -p NTPSynchronized --value   # yes\n";
    }
}
