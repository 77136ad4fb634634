package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network commands of a simulated host, answered from its state as iproute2, nftables, iptables, systemd, glibc and
 * bash print them: {@code ip route get}, {@code nft list ruleset}, {@code iptables-save}, {@code timedatectl show -p
 * NTPSynchronized --value}, {@code getent hosts}, {@code timeout N bash -c '</dev/tcp/HOST/PORT'}, and the firewall
 * front ends an administrator opens ports with ({@code firewall-cmd}, {@code ufw}). The host routes through its default
 * gateway, its connected subnet, and the routes of an active {@code hybridpane-route.service} (the unit's own
 * {@code ip route replace CIDR via IP} lines). It reaches the VPC unless its site lost the route
 * ({@link LabHostFleet.NetworkFault#SITE_ROUTE_TO_VPC_LOST}) or its pool gave it a VPN server whose route unit is not active.
 */
final class LabProbeShell {
    static final String ROUTE_UNIT = "hybridpane-route.service";
    static final String ROUTE_UNIT_PATH = "/etc/systemd/system/" + ROUTE_UNIT;
    private static final Pattern UNIT_ROUTE = Pattern.compile("^ExecStart=\\S*ip route (?:replace|add) (\\S+) via (\\S+)\\s*$");
    private static final Pattern DEV_TCP = Pattern.compile("^</dev/tcp/([^/]+)/(\\d{1,5})$");
    private static final int TIMED_OUT = 124;

    private final LabHost host;
    private final LabShellCommand.Io io;
    private final boolean root;

    LabProbeShell(LabHost host, LabShellCommand.Io io, boolean root) {
        this.host = host;
        this.io = io;
        this.root = root;
    }

    private LabHostNetwork net() {
        return host.state().network();
    }

    private String nic() {
        return LabHostOutputs.nic(host.profile());
    }

    // ip route get ----------------------------------------------------------------------------------------------------

    int ip(List<String> a) throws IOException {
        if (a.size() != 3 || !a.get(0).equals("route") || !a.get(1).equals("get")) {
            io.err("Command \"" + String.join(" ", a) + "\" is unknown, try \"ip help\".\n");
            return 255;
        }
        Optional<Long> addr = address(a.get(2));
        if (addr.isEmpty()) {
            io.err("Error: any valid prefix is expected rather than \"" + a.get(2) + "\".\n");
            return 1;
        }
        String x = a.get(2);
        String uid = " uid " + (root ? 0 : 1000) + " \n";
        LabHostProfile p = host.profile();
        if ((addr.get() >>> 24) == 127 || x.equals(p.ip())) {
            io.out("local " + x + " dev lo table local src " + ((addr.get() >>> 24) == 127 ? "127.0.0.1" : x) + uid
                    + "    cache <local> \n");
            return 0;
        }
        String via = unitRoute(addr.get()).orElse(null);
        if (via == null && !inSubnet(addr.get(), p.ip(), p.prefix())) {
            via = p.gateway();
        }
        io.out(x + (via == null ? "" : " via " + via) + " dev " + nic() + " src " + p.ip() + uid + "    cache \n");
        return 0;
    }

    /** The next hop of the longest route of an active route unit that holds {@code addr}. */
    private Optional<String> unitRoute(long addr) {
        String unit = host.state().text(ROUTE_UNIT_PATH);
        if (unit == null || !host.state().unit(ROUTE_UNIT).active()) {
            return Optional.empty();
        }
        String best = null;
        int bestPrefix = -1;
        for (String line : unit.split("\n")) {
            Matcher m = UNIT_ROUTE.matcher(line.strip());
            if (m.matches()) {
                String[] c = m.group(1).split("/");
                int prefix = c.length == 2 && c[1].matches("\\d{1,2}") ? Integer.parseInt(c[1]) : 32;
                if (inSubnet(addr, c[0], prefix) && prefix > bestPrefix) {
                    best = m.group(2);
                    bestPrefix = prefix;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The host reaches the VPC: its site routes it there, and a route unit its pool wrote is active. */
    private boolean reachesVpc() {
        if (net().fault(LabHostFleet.NetworkFault.SITE_ROUTE_TO_VPC_LOST)) {
            return false;
        }
        return host.state().text(ROUTE_UNIT_PATH) == null || host.state().unit(ROUTE_UNIT).active();
    }

    // the firewall ----------------------------------------------------------------------------------------------------

    int nft(List<String> a) throws IOException {
        if (!net().hasNft()) {
            return notFound("nft");
        }
        if (!a.equals(List.of("list", "ruleset"))) {
            io.err("Error: syntax error, the lab's hosts answer only: nft list ruleset\n");
            return 1;
        }
        if (!root) {
            io.err("netlink: Error: cache initialization failed: Operation not permitted\n");
            return 1;
        }
        io.out(LabFirewallRules.nft(net()));
        return 0;
    }

    int iptablesSave(List<String> a) throws IOException {
        if (!a.isEmpty()) {
            io.err("iptables-save: the lab's hosts answer only: iptables-save\n");
            return 1;
        }
        if (!root) {
            io.err("iptables-save v1.8.8 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n");
            return 1;
        }
        io.out(LabFirewallRules.iptablesSave(net(), host.clock().instant()));
        return 0;
    }

    int firewallCmd(List<String> a) throws IOException {
        if (net().firewall() != LabHostNetwork.Firewall.FIREWALLD) {
            return notFound("firewall-cmd");
        }
        if (a.equals(List.of("--state"))) {
            io.out(net().active() ? "running\n" : "not running\n");
            return net().active() ? 0 : 252;
        }
        if (!root) {
            io.err("Authorization failed.\n    Make sure polkit agent is running or run the application as superuser.\n");
            return 11;
        }
        if (!net().active()) {
            io.err("FirewallD is not running\n");
            return 252;
        }
        if (a.equals(List.of("--reload"))) {
            net().reload();
            io.out("success\n");
            return 0;
        }
        if (a.equals(List.of("--list-ports"))) {
            io.out(String.join(" ", net().runtimePorts()) + "\n");
            return 0;
        }
        boolean permanent = a.size() == 2 && a.get(0).equals("--permanent");
        String arg = a.get(a.size() - 1);
        if ((a.size() == 1 || permanent) && arg.matches("--add-port=\\d{1,5}/(tcp|udp)")) {
            net().addPort(arg.substring("--add-port=".length()), permanent);
            io.out("success\n");
            return 0;
        }
        io.err("usage: the lab's hosts answer firewall-cmd --state, [--permanent] --add-port=PORT/PROTO, --reload, --list-ports\n");
        return 2;
    }

    int ufw(List<String> a) throws IOException {
        if (net().firewall() != LabHostNetwork.Firewall.UFW) {
            return notFound("ufw");
        }
        if (!root) {
            io.err("ERROR: You need to be root to run this script\n");
            return 1;
        }
        if (a.equals(List.of("status"))) {
            StringBuilder b = new StringBuilder("Status: " + (net().active() ? "active" : "inactive") + "\n");
            if (net().active() && !net().ufwRules().isEmpty()) {
                b.append("\nTo                         Action      From\n--                         ------      ----\n");
                net().ufwRules().forEach(r -> b.append(String.format(Locale.ROOT, "%-26s ALLOW       Anywhere%n", r)));
            }
            io.out(b.toString().replace("\r", ""));
            return 0;
        }
        if (a.equals(List.of("--force", "enable")) || a.equals(List.of("enable"))) {
            net().active(true);
            io.out("Firewall is active and enabled on system startup\n");
            return 0;
        }
        if (a.equals(List.of("disable"))) {
            net().active(false);
            io.out("Firewall stopped and disabled on system startup\n");
            return 0;
        }
        if (a.size() == 2 && a.get(0).equals("allow") && a.get(1).matches("\\d{1,5}/(tcp|udp)")) {
            io.out(net().ufwAllow(a.get(1)) ? "Rules updated\nRules updated (v6)\n" : "Skipping adding existing rule\n"
                    + "Skipping adding existing rule (v6)\n");
            return 0;
        }
        io.err("ERROR: the lab's hosts answer ufw status, [--force] enable, disable, allow PORT/PROTO\n");
        return 1;
    }

    // time --------------------------------------------------------------------------------------------------------------

    int timedatectl(List<String> a) throws IOException {
        if (a.size() >= 3 && a.get(0).equals("show") && a.get(1).equals("-p") && a.get(2).equals("NTPSynchronized")
                && a.size() <= 4 && (a.size() == 3 || a.get(3).equals("--value"))) {
            String chrony = host.ubuntuLike() ? "chrony" : "chronyd";
            boolean synced = host.profile().ntpSynced() && host.state().unit(chrony).active();
            io.out((a.size() == 4 ? "" : "NTPSynchronized=") + (synced ? "yes" : "no") + "\n");
            return 0;
        }
        io.err("the lab's hosts answer: timedatectl show [-p NTPSynchronized [--value]]\n");
        return 1;
    }

    // names and connections ---------------------------------------------------------------------------------------------

    int getent(List<String> a) throws IOException {
        if (a.size() != 2 || !a.get(0).equals("hosts")) {
            io.err("Unknown database or arguments: the lab's hosts answer only getent hosts NAME\n");
            return 1;
        }
        List<String> lines = lookup(a.get(1));
        if (lines.isEmpty()) {
            return 2;
        }
        StringBuilder b = new StringBuilder();
        lines.forEach(addr -> b.append(String.format(Locale.ROOT, "%-15s %s%n", addr, a.get(1))));
        io.out(b.toString().replace("\r", ""));
        return 0;
    }

    /** The name's addresses as nsswitch's files then dns answer them; an address only as /etc/hosts names it. */
    private List<String> lookup(String name) {
        List<String> out = new ArrayList<>();
        String hosts = host.state().text("/etc/hosts");
        for (String line : hosts == null ? new String[0] : hosts.split("\n")) {
            String[] w = line.strip().split("\\s+");
            for (int i = 1; i < w.length && !w[0].startsWith("#"); i++) {
                if (w[i].equalsIgnoreCase(name) || w[0].equals(name) && i == 1) {
                    out.add(w[0]);
                }
            }
        }
        if (!out.isEmpty() || address(name).isPresent()) {
            return out;
        }
        boolean forwarded = !net().fault(LabHostFleet.NetworkFault.DNS_NOT_FORWARDED);
        return net().site().resolve(name).filter(x -> forwarded).orElse(List.of());
    }

    int timeout(List<String> a) throws IOException {
        Matcher m = a.size() == 4 && a.get(0).matches("\\d+") && a.get(1).equals("bash") && a.get(2).equals("-c")
                ? DEV_TCP.matcher(a.get(3)) : null;
        if (m == null || !m.matches()) {
            io.err("timeout: the lab's hosts run only: timeout SECONDS bash -c '</dev/tcp/HOST/PORT'\n");
            return 125;
        }
        String name = m.group(1);
        int port = Integer.parseInt(m.group(2));
        String addr = address(name).isPresent() ? name : lookup(name).stream().findFirst().orElse(null);
        String dev = "/dev/tcp/" + name + "/" + port;
        if (addr == null) {
            io.err("bash: line 1: " + name + ": Name or service not known\nbash: line 1: " + dev + ": Invalid argument\n");
            return 1;
        }
        boolean loopback = addr.startsWith("127.");
        boolean endpoint = net().site().endpointAddress(addr);
        if ((loopback || endpoint) && !reachesVpc()) {
            return TIMED_OUT;
        }
        boolean open = loopback ? connects(port) : endpoint && port == LabSiteNetwork.API_PORT;
        if (open) {
            return 0;
        }
        long a32 = address(addr).orElse(0L);
        if (loopback || endpoint || inSubnet(a32, host.profile().ip(), host.profile().prefix())) {
            io.err("bash: connect: Connection refused\nbash: line 1: " + dev + ": Connection refused\n");
            return 1;
        }
        return TIMED_OUT;
    }

    /** The lab's API servers listen on loopback: the connection is made for real. */
    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // helpers -------------------------------------------------------------------------------------------------------------

    private int notFound(String cmd) throws IOException {
        io.err(root ? "sudo: " + cmd + ": command not found\n" : "bash: line 1: " + cmd + ": command not found\n");
        return root ? 1 : 127;
    }

    static Optional<Long> address(String text) {
        String[] p = text.split("\\.", -1);
        if (p.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String s : p) {
            if (!s.matches("\\d{1,3}") || Integer.parseInt(s) > 255) {
                return Optional.empty();
            }
            v = v << 8 | Integer.parseInt(s);
        }
        return Optional.of(v);
    }

    private static boolean inSubnet(long addr, String net, int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return address(net).map(n -> (n & mask) == (addr & mask)).orElse(false);
    }
}
