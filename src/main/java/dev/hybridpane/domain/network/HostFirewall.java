package dev.hybridpane.domain.network;

import dev.hybridpane.domain.network.HostProbeCommands.Port;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a host's firewall lets in, read from {@code nft list ruleset} or {@code iptables-save}. Only the chains packets
 * to the host pass through count: the input hook's base chains and the chains they jump to. The host filters when one
 * of them drops by policy or rejects/drops unconditionally (firewalld's closing {@code reject with icmpx
 * admin-prohibited}, ufw's policy drop); then a port is open only where a rule of those chains accepts it
 * ({@code tcp dport 10250 accept}, {@code tcp dport { 22, 10250 }}, {@code -p udp --dport 8472 -j ACCEPT},
 * {@code --dports 8472,4789}, ranges). A host that does not filter lets every port in.
 *
 * @param frontend what manages the rules (for the fix): firewalld, ufw, plain nftables or iptables, or none
 * @param inputChain where a plain nftables/iptables fix inserts its rules ("inet filter input", "INPUT")
 * @param evidence the lines that decided it: the input chains with their policies, the closing rejects, the port rules
 */
public record HostFirewall(Frontend frontend, boolean filtering, List<Port> open, List<Port> closed, String inputChain,
        List<String> evidence) {

    public enum Frontend { NONE, FIREWALLD, UFW, NFTABLES, IPTABLES }

    public HostFirewall {
        open = List.copyOf(open);
        closed = List.copyOf(closed);
        evidence = List.copyOf(evidence);
    }

    private record Chain(String key, String table, boolean input, String policy, List<String> rules) {
    }

    private static final Pattern NFT_PORTS = Pattern.compile("\\b(tcp|udp) dport (\\{[^}]*\\}|\\S+)");
    private static final Pattern NFT_JUMP = Pattern.compile("\\b(?:jump|goto) (\\S+)");
    private static final Pattern COUNTER = Pattern.compile("\\s*counter( packets \\d+ bytes \\d+)?");

    /** Reads {@code nft list ruleset}. */
    public static HostFirewall fromNft(String ruleset, List<Port> required) {
        Map<String, Chain> chains = new LinkedHashMap<>();
        String table = null;
        Chain chain = null;
        int skipDepth = 0;
        boolean firewalld = false;
        for (String raw : ruleset == null ? List.<String>of() : ruleset.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (skipDepth > 0) {
                skipDepth += count(line, '{') - count(line, '}');
                continue;
            }
            if (line.startsWith("table ")) {
                String[] w = line.split("\\s+");
                table = w.length >= 3 ? w[1] + " " + w[2] : w[1];
                firewalld |= table.endsWith(" firewalld");
            } else if (line.startsWith("chain ") && table != null) {
                String name = line.split("\\s+")[1];
                chain = new Chain(table + " " + name, table, false, "accept", new ArrayList<>());
                chains.put(chain.key(), chain);
            } else if (line.startsWith("set ") || line.startsWith("map ") || line.startsWith("flowtable ")
                    || line.startsWith("ct ") && line.endsWith("{")) {
                skipDepth = count(line, '{') - count(line, '}');
            } else if (line.equals("}")) {
                if (chain != null) {
                    chain = null;
                } else {
                    table = null;
                }
            } else if (chain != null && line.startsWith("type ")) {
                boolean input = line.contains(" hook input ");
                String policy = line.contains("policy drop") ? "drop" : "accept";
                chain = new Chain(chain.key(), chain.table(), input, policy, chain.rules());
                chains.put(chain.key(), chain);
            } else if (chain != null) {
                chain.rules().add(line);
            }
        }
        boolean ufw = chains.keySet().stream().anyMatch(k -> k.endsWith(" ufw-user-input"));
        Frontend f = firewalld ? Frontend.FIREWALLD : ufw ? Frontend.UFW : Frontend.NFTABLES;
        return evaluate(chains, required, f, true);
    }

    private static final Pattern IPT_PORT = Pattern.compile("-p (tcp|udp)\\b.*?--dports? (\\S+)");
    private static final Pattern IPT_JUMP = Pattern.compile("(?:^|\\s)-[jg] (\\S+)");

    /** Reads {@code iptables-save} (its filter table). */
    public static HostFirewall fromIptables(String save, List<Port> required) {
        Map<String, Chain> chains = new LinkedHashMap<>();
        boolean filter = false;
        for (String raw : save == null ? List.<String>of() : save.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                filter = line.equals("*filter");
            } else if (!filter || line.startsWith("#") || line.equals("COMMIT")) {
                continue;
            } else if (line.startsWith(":")) {
                String[] w = line.substring(1).split("\\s+");
                boolean input = w[0].equals("INPUT");
                chains.put(w[0], new Chain(w[0], "filter", input, w.length > 1 && w[1].equals("DROP") ? "drop" : "accept",
                        new ArrayList<>()));
            } else if (line.startsWith("-A ")) {
                String[] w = line.split("\\s+", 3);
                Chain c = chains.computeIfAbsent(w[1], n -> new Chain(n, "filter", false, "accept", new ArrayList<>()));
                c.rules().add(w.length > 2 ? w[2] : "");
            }
        }
        Frontend f = chains.containsKey("ufw-user-input") ? Frontend.UFW : Frontend.IPTABLES;
        return evaluate(chains, required, f, false);
    }

    private static HostFirewall evaluate(Map<String, Chain> chains, List<Port> required, Frontend frontend, boolean nft) {
        List<Chain> bases = chains.values().stream().filter(Chain::input).toList();
        Set<String> reach = new LinkedHashSet<>();
        Deque<Chain> todo = new ArrayDeque<>(bases);
        while (!todo.isEmpty()) {
            Chain c = todo.pop();
            if (!reach.add(c.key())) {
                continue;
            }
            for (String r : c.rules()) {
                Matcher m = (nft ? NFT_JUMP : IPT_JUMP).matcher(r);
                if (m.find()) {
                    Chain next = chains.get(nft ? c.table() + " " + m.group(1) : m.group(1));
                    if (next != null) {
                        todo.push(next);
                    }
                }
            }
        }
        List<String> evidence = new ArrayList<>();
        boolean filtering = false;
        for (Chain b : bases) {
            evidence.add((nft ? "chain " : "") + b.key() + ": hook input, policy " + b.policy());
            filtering |= b.policy().equals("drop");
        }
        List<Port> open = new ArrayList<>();
        for (String key : reach) {
            Chain c = chains.get(key);
            for (String r : c.rules()) {
                if (nft ? nftBlocksAll(r) : iptBlocksAll(r)) {
                    filtering = true;
                    evidence.add(key + ": " + r);
                }
                for (Port p : required) {
                    if (!open.contains(p) && (nft ? nftAccepts(r, p) : iptAccepts(r, p))) {
                        open.add(p);
                        evidence.add(key + ": " + r);
                    }
                }
            }
        }
        if (!filtering) {
            evidence.add(bases.isEmpty() ? "no chain filters the input hook: every port is open"
                    : "nothing drops or rejects what the input chains do not accept: every port is open");
            return new HostFirewall(Frontend.NONE, false, required, List.of(), "", evidence);
        }
        List<Port> closed = required.stream().filter(p -> !open.contains(p)).toList();
        closed.forEach(p -> evidence.add("no rule accepts " + p));
        String input = bases.isEmpty() ? (nft ? "inet filter input" : "INPUT") : bases.get(0).key();
        return new HostFirewall(frontend, true, required.stream().filter(open::contains).toList(), closed, input, evidence);
    }

    private static String verdictOnly(String rule) {
        return COUNTER.matcher(rule).replaceAll("").strip();
    }

    private static boolean nftBlocksAll(String rule) {
        String r = verdictOnly(rule);
        return r.equals("drop") || r.equals("reject") || r.startsWith("reject with ");
    }

    private static boolean nftAccepts(String rule, Port p) {
        if (!rule.endsWith(" accept")) {
            return false;
        }
        Matcher m = NFT_PORTS.matcher(rule);
        while (m.find()) {
            if (m.group(1).equals(p.protocol()) && portsContain(m.group(2).replaceAll("[{}]", ""), p.number())) {
                return true;
            }
        }
        return false;
    }

    private static boolean iptBlocksAll(String rule) {
        String r = rule.strip();
        return r.equals("-j DROP") || r.equals("-j REJECT") || r.startsWith("-j REJECT --reject-with ");
    }

    private static boolean iptAccepts(String rule, Port p) {
        if (!rule.endsWith("-j ACCEPT")) {
            return false;
        }
        Matcher m = IPT_PORT.matcher(rule);
        return m.find() && m.group(1).equals(p.protocol()) && portsContain(m.group(2).replace(':', '-'), p.number());
    }

    /** "22, 10250", "8472", "10000-11000", "22,8472". */
    private static boolean portsContain(String spec, int port) {
        for (String part : spec.split(",")) {
            String s = part.strip();
            try {
                int dash = s.indexOf('-');
                if (dash > 0 ? Integer.parseInt(s.substring(0, dash)) <= port && port <= Integer.parseInt(s.substring(dash + 1))
                        : !s.isEmpty() && Integer.parseInt(s) == port) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a named service or a set reference: not a port number
            }
        }
        return false;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** The exact commands that open the closed ports with the host's own front end, persistent across reboots. */
    public String fixSnippet() {
        StringBuilder b = new StringBuilder();
        switch (frontend) {
            case FIREWALLD -> {
                closed.forEach(p -> b.append("sudo firewall-cmd --permanent --add-port=").append(p).append('\n'));
                b.append("sudo firewall-cmd --reload\n");
            }
            case UFW -> closed.forEach(p -> b.append("sudo ufw allow ").append(p).append('\n'));
            case NFTABLES -> {
                closed.forEach(p -> b.append("sudo nft insert rule ").append(inputChain).append(' ').append(p.protocol())
                        .append(" dport ").append(p.number()).append(" accept\n"));
                b.append("sudo nft list ruleset | sudo tee /etc/nftables.conf >/dev/null   # keep them after a reboot\n");
            }
            case IPTABLES -> {
                closed.forEach(p -> b.append("sudo iptables -I ").append(inputChain).append(" -p ").append(p.protocol())
                        .append(" --dport ").append(p.number()).append(" -j ACCEPT\n"));
                b.append("# then save them the distribution's way (iptables-save > /etc/sysconfig/iptables, netfilter-persistent save)\n");
            }
            case NONE -> {
                // nothing is closed
            }
        }
        return b.toString();
    }

    public String frontendName() {
        return frontend.name().toLowerCase(Locale.ROOT);
    }
}
