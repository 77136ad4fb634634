package dev.hybridpane.lab.edge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host's firewall as {@code nft list ruleset} and {@code iptables-save} print it: firewalld's native nftables table
 * (firewalld 1.x: the input hook's chain jumps to the zone's chains and ends with {@code reject with icmpx
 * admin-prohibited}; the public zone's services and the ports added at runtime are accepted in
 * {@code filter_IN_public_allow}), ufw through iptables-nft (policy drop, its user rules in {@code ufw-user-input}),
 * or nothing. firewalld's native table is not iptables-compatible, so {@code iptables-save} does not show it.
 */
final class LabFirewallRules {
    private LabFirewallRules() {
    }

    static String nft(LabHostNetwork net) {
        if (!net.active()) {
            return "";
        }
        return switch (net.firewall()) {
            case FIREWALLD -> firewalld(net);
            case UFW -> ufwNft(net);
            case NONE -> "";
        };
    }

    private static String firewalld(LabHostNetwork net) {
        List<String> allow = new ArrayList<>();
        allow.add("tcp dport 22 accept");
        allow.add("ip6 daddr fe80::/64 udp dport 546 accept");
        allow.add("tcp dport 9090 accept");
        for (String p : net.runtimePorts()) {
            String[] w = p.split("/");
            allow.add(w[1] + " dport " + w[0] + " accept");
        }
        StringBuilder b = new StringBuilder();
        b.append("table inet firewalld {\n");
        b.append("\tct helper helper-netbios-ns-udp {\n\t\ttype \"netbios-ns\" protocol udp\n\t\tl3proto ip\n\t}\n\n");
        b.append("\tchain mangle_PREROUTING {\n\t\ttype filter hook prerouting priority mangle + 10; policy accept;\n"
                + "\t\tjump mangle_PREROUTING_POLICIES_pre\n\t\tjump mangle_PREROUTING_ZONES\n\t}\n\n");
        b.append("\tchain mangle_PREROUTING_POLICIES_pre {\n\t}\n\n");
        b.append("\tchain mangle_PREROUTING_ZONES {\n\t}\n\n");
        b.append("\tchain filter_INPUT {\n\t\ttype filter hook input priority filter + 10; policy accept;\n"
                + "\t\tct state { established, related } accept\n\t\tct status dnat accept\n\t\tiifname \"lo\" accept\n"
                + "\t\tct state invalid drop\n\t\tjump filter_INPUT_POLICIES_pre\n\t\tjump filter_INPUT_ZONES\n"
                + "\t\tjump filter_INPUT_POLICIES_post\n\t\treject with icmpx admin-prohibited\n\t}\n\n");
        b.append("\tchain filter_FORWARD {\n\t\ttype filter hook forward priority filter + 10; policy accept;\n"
                + "\t\tct state { established, related } accept\n\t\tct status dnat accept\n\t\tiifname \"lo\" accept\n"
                + "\t\tct state invalid drop\n\t\treject with icmpx admin-prohibited\n\t}\n\n");
        b.append("\tchain filter_OUTPUT {\n\t\ttype filter hook output priority filter + 10; policy accept;\n"
                + "\t\tct state { established, related } accept\n\t\toifname \"lo\" accept\n\t}\n\n");
        b.append("\tchain filter_INPUT_POLICIES_pre {\n\t}\n\n\tchain filter_INPUT_POLICIES_post {\n\t}\n\n");
        b.append("\tchain filter_INPUT_ZONES {\n\t\tiifname \"ens192\" goto filter_IN_public\n\t\tgoto filter_IN_public\n\t}\n\n");
        b.append("\tchain filter_IN_public {\n\t\tjump filter_IN_public_pre\n\t\tjump filter_IN_public_log\n"
                + "\t\tjump filter_IN_public_deny\n\t\tjump filter_IN_public_allow\n\t\tjump filter_IN_public_post\n"
                + "\t\tmeta l4proto { icmp, ipv6-icmp } accept\n\t}\n\n");
        b.append("\tchain filter_IN_public_pre {\n\t}\n\n\tchain filter_IN_public_log {\n\t}\n\n"
                + "\tchain filter_IN_public_deny {\n\t}\n\n");
        b.append("\tchain filter_IN_public_allow {\n");
        allow.forEach(r -> b.append("\t\t").append(r).append('\n'));
        b.append("\t}\n\n\tchain filter_IN_public_post {\n\t}\n}\n");
        return b.toString();
    }

    private static String ufwNft(LabHostNetwork net) {
        StringBuilder b = new StringBuilder();
        b.append("table ip filter {\n");
        b.append("\tchain INPUT {\n\t\ttype filter hook input priority filter; policy drop;\n"
                + "\t\tcounter packets 0 bytes 0 jump ufw-before-logging-input\n"
                + "\t\tcounter packets 0 bytes 0 jump ufw-before-input\n"
                + "\t\tcounter packets 0 bytes 0 jump ufw-after-input\n\t}\n\n");
        b.append("\tchain FORWARD {\n\t\ttype filter hook forward priority filter; policy drop;\n\t}\n\n");
        b.append("\tchain OUTPUT {\n\t\ttype filter hook output priority filter; policy accept;\n\t}\n\n");
        b.append("\tchain ufw-before-logging-input {\n\t}\n\n");
        b.append("\tchain ufw-before-input {\n\t\tiifname \"lo\" counter packets 0 bytes 0 accept\n"
                + "\t\tct state related,established counter packets 0 bytes 0 accept\n"
                + "\t\tct state invalid counter packets 0 bytes 0 drop\n"
                + "\t\tcounter packets 0 bytes 0 jump ufw-user-input\n\t}\n\n");
        b.append("\tchain ufw-user-input {\n");
        for (String r : net.ufwRules()) {
            String[] w = r.split("/");
            b.append("\t\tmeta l4proto ").append(w[1]).append(' ').append(w[1]).append(" dport ").append(w[0])
                    .append(" counter packets 0 bytes 0 accept\n");
        }
        b.append("\t}\n\n\tchain ufw-after-input {\n\t}\n}\n");
        return b.toString();
    }

    static String iptablesSave(LabHostNetwork net, Instant now) {
        String at = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC).format(now);
        StringBuilder b = new StringBuilder("# Generated by iptables-nft-save v1.8.8 on " + at + "\n*filter\n");
        if (net.firewall() == LabHostNetwork.Firewall.UFW && net.active()) {
            b.append(":INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:ufw-before-input - [0:0]\n"
                    + ":ufw-user-input - [0:0]\n-A INPUT -j ufw-before-input\n-A ufw-before-input -i lo -j ACCEPT\n"
                    + "-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
                    + "-A ufw-before-input -j ufw-user-input\n");
            for (String r : net.ufwRules()) {
                String[] w = r.split("/");
                b.append("-A ufw-user-input -p ").append(w[1]).append(" -m ").append(w[1]).append(" --dport ").append(w[0])
                        .append(" -j ACCEPT\n");
            }
        } else {
            b.append(":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        }
        return b.append("COMMIT\n# Completed on ").append(at).append('\n').toString();
    }
}
