package dev.hybridpane.domain.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers over the text the {@link FactCommands} print on real systems. Unparseable input gives null. */
public final class FactParsers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+(?:\\.\\d+)?(?:-[0-9A-Za-z.-]+)?)");

    private FactParsers() {
    }

    /** The kernel release and the machine's architecture, as {@code uname -rm} prints them; null when absent. */
    public record Uname(String kernel, String machine) {
    }

    /** {@code uname -rm}: "6.8.0-45-generic x86_64" to its kernel and machine. */
    public static Uname uname(String out) {
        String[] parts = out == null ? new String[0] : out.strip().split("\\s+");
        if (parts.length < 2) {
            return new Uname(parts.length == 1 ? parts[0] : null, null);
        }
        return new Uname(parts[0], parts[parts.length - 1]);
    }

    public static Integer nproc(String out) {
        try {
            return Integer.parseInt(out.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** MemTotal of /proc/meminfo, in MiB. */
    public static Long memTotalMiB(String out) {
        if (out == null) {
            return null;
        }
        for (String line : out.split("\\R")) {
            if (line.startsWith("MemTotal:")) {
                String[] p = line.substring(9).strip().split("\\s+");
                try {
                    return Long.parseLong(p[0]) / 1024;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The "Available" column of {@code df -P -k /}, in GiB. Handles a long device name wrapped onto two lines. */
    public static Double dfAvailableGiB(String out) {
        if (out == null) {
            return null;
        }
        String[] lines = out.strip().split("\\R");
        if (lines.length < 2) {
            return null;
        }
        String data = String.join(" ", Arrays.copyOfRange(lines, 1, lines.length)).strip();
        String[] f = data.split("\\s+");
        if (f.length < 6) {
            return null;
        }
        try {
            return Long.parseLong(f[3]) / 1024.0 / 1024.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** IPv4 addresses with prefix from {@code ip -j addr show}, loopback and link-local excluded. */
    public static List<String> ipv4Addresses(String json) {
        List<String> out = new ArrayList<>();
        JsonNode root = tree(json);
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode link : root) {
            for (JsonNode a : link.path("addr_info")) {
                if (!"inet".equals(a.path("family").asText()) || "host".equals(a.path("scope").asText())) {
                    continue;
                }
                String local = a.path("local").asText("");
                if (local.isEmpty() || local.startsWith("169.254.")) {
                    continue;
                }
                out.add(local + "/" + a.path("prefixlen").asInt(32));
            }
        }
        return out;
    }

    /** The default route of {@code ip -j route show default}: gateway, device and source, or null. */
    public static DefaultRoute defaultRoute(String json) {
        JsonNode root = tree(json);
        if (root == null || !root.isArray()) {
            return null;
        }
        JsonNode best = null;
        for (JsonNode r : root) {
            if (!"default".equals(r.path("dst").asText())) {
                continue;
            }
            if (best == null || r.path("metric").asInt(0) < best.path("metric").asInt(0)) {
                best = r;
            }
        }
        if (best == null) {
            return null;
        }
        return new DefaultRoute(text(best, "gateway"), text(best, "dev"), text(best, "prefsrc"));
    }

    /** A default route. Any part may be null. */
    public record DefaultRoute(String gateway, String device, String source) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (gateway != null) {
                b.append("via ").append(gateway);
            }
            if (device != null) {
                b.append(b.length() > 0 ? " " : "").append("dev ").append(device);
            }
            if (source != null) {
                b.append(" src ").append(source);
            }
            return b.toString();
        }
    }

    /** NTPSynchronized of {@code timedatectl show}; null when absent. */
    public static Boolean timeSynced(String out) {
        String v = keyValues(out).get("NTPSynchronized");
        return v == null ? null : "yes".equals(v);
    }

    /**
     * {@code /proc/swaps} has a header ("Filename Type Size Used Priority") and a line per active swap area;
     * {@code swapon --show} a header ("NAME TYPE ...") and a line per area, or nothing at all when swap is off.
     */
    public static Boolean swapOn(String out) {
        if (out == null) {
            return null;
        }
        return out.strip().lines().filter(l -> !l.isBlank() && !l.startsWith("NAME") && !l.startsWith("Filename"))
                .findAny().isPresent();
    }

    /** The "command yes|no" lines of {@link FactCommands#PACKAGES}, as package name to present. */
    public static Map<String, Boolean> packages(String out) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        if (out == null) {
            return m;
        }
        for (String line : out.split("\\R")) {
            String[] p = line.strip().split("\\s+");
            if (p.length == 2 && SupportMatrix.REQUIRED_COMMANDS.containsKey(p[0])) {
                m.put(SupportMatrix.REQUIRED_COMMANDS.get(p[0]), "yes".equals(p[1]));
            }
        }
        return m;
    }

    /** Hours since the newest package index file of {@link FactCommands#PACKAGE_INDEX}; null when there is none. */
    public static Long packageIndexAgeHours(String out) {
        if (out == null) {
            return null;
        }
        List<Long> n = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            try {
                n.add(Long.parseLong(line.strip()));
            } catch (NumberFormatException e) {
                // stat's complaints are not numbers
            }
        }
        if (n.size() < 2) {
            return null;
        }
        long now = n.get(0);
        long newest = n.subList(1, n.size()).stream().mapToLong(Long::longValue).max().orElse(now);
        return Math.max(0, (now - newest) / 3600);
    }

    /** A version in "Kubernetes v1.31.7-eks-473151a" or "nodeadm v1.0.5"; null for "none". */
    public static String version(String out) {
        if (out == null || out.isBlank() || "none".equals(out.strip())) {
            return null;
        }
        Matcher m = VERSION.matcher(out);
        return m.find() ? "v" + m.group(1) : out.strip();
    }

    /** "server: https://..." of the kubelet's kubeconfig; null for "none". */
    public static String existingNode(String out) {
        if (out == null || out.isBlank() || "none".equals(out.strip())) {
            return null;
        }
        String s = out.strip();
        int i = s.indexOf("server:");
        return i >= 0 ? s.substring(i + 7).strip() : s;
    }

    static Map<String, String> keyValues(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        if (out == null) {
            return m;
        }
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    /**
     * All facts from what {@link FactCommands#ALL} gave (command to exit status, stdout and stderr). Only a command that
     * ended with 0 is parsed; any other leaves its facts unknown (null or empty) with its reason in
     * {@link HostFacts#unknown()}, so a command that is missing or fails can never make a check pass. A sudo probe
     * ({@link FactCommands#SUDO_NOPASSWD}, {@link FactCommands#SUDO_STDIN}) among the results that failed gives its
     * reason too.
     */
    public static HostFacts gathered(Map<String, FactOutput> results, Boolean sudoOk) {
        Map<String, String> stdout = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        results.forEach((cmd, r) -> {
            if (r.ok()) {
                stdout.put(cmd, r.stdout());
            } else {
                unknown.put(cmd, r.reason(cmd));
            }
        });
        return facts(stdout, sudoOk).withUnknown(unknown);
    }

    /**
     * All facts from the outputs of {@link FactCommands#ALL} (command to stdout; a missing command gives
     * unknown facts, never an exception).
     */
    public static HostFacts facts(Map<String, String> out, Boolean sudoOk) {
        OsRelease os = OsRelease.parse(out.getOrDefault(FactCommands.OS_RELEASE, ""));
        Uname un = uname(out.get(FactCommands.UNAME));
        List<String> addrs = ipv4Addresses(out.get(FactCommands.IP_ADDR));
        DefaultRoute route = defaultRoute(out.get(FactCommands.IP_ROUTE));
        String nodeIp = route != null && route.source() != null ? route.source() : null;
        if (nodeIp == null && route != null && route.device() != null) {
            nodeIp = addressOnDevice(out.get(FactCommands.IP_ADDR), route.device());
        }
        if (nodeIp == null && !addrs.isEmpty()) {
            nodeIp = addrs.get(0).substring(0, addrs.get(0).indexOf('/'));
        }
        String hostname = out.get(FactCommands.HOSTNAME);
        return new HostFacts(hostname == null ? null : hostname.strip(), os.id().isEmpty() ? null : os.id(),
                os.versionId().isEmpty() ? null : os.versionId(), os.prettyName().isEmpty() ? null : os.prettyName(),
                un.kernel(), un.machine(), nproc(out.getOrDefault(FactCommands.NPROC, "")), memTotalMiB(out.get(FactCommands.MEMINFO)),
                dfAvailableGiB(out.get(FactCommands.DF_ROOT)), addrs, route == null ? null : route.toString(), nodeIp,
                timeSynced(out.get(FactCommands.TIMEDATECTL)), swapOn(out.get(FactCommands.SWAPS)),
                packages(out.get(FactCommands.PACKAGES)), packageIndexAgeHours(out.get(FactCommands.PACKAGE_INDEX)),
                version(out.get(FactCommands.NODEADM)), version(out.get(FactCommands.KUBELET)),
                existingNode(out.get(FactCommands.EXISTING_NODE)), sudoOk);
    }

    private static String addressOnDevice(String json, String dev) {
        JsonNode root = tree(json);
        if (root == null) {
            return null;
        }
        for (JsonNode link : root) {
            if (dev.equals(link.path("ifname").asText())) {
                for (JsonNode a : link.path("addr_info")) {
                    if ("inet".equals(a.path("family").asText())) {
                        return a.path("local").asText();
                    }
                }
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
