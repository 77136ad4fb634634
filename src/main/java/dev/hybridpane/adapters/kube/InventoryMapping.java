package dev.hybridpane.adapters.kube;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Site and EdgeHost spec/status maps, with the field names the CRDs' printer columns read. */
final class InventoryMapping {
    /** The status field of the facts that could not be learned: fact command to why it told nothing. */
    static final String UNKNOWN = "unknownFacts";

    private InventoryMapping() {
    }

    static Map<String, Object> siteSpec(Site s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", s.description());
        m.put("nodeCidrs", s.nodeCidrs());
        m.put("podCidrs", s.podCidrs());
        m.put("vpnGateway", s.vpnGateway());
        m.put("ntpServers", s.ntpServers());
        return m;
    }

    static Site site(String name, Map<String, Object> spec) {
        return new Site(name, str(spec, "description"), strings(spec, "nodeCidrs"), strings(spec, "podCidrs"),
                str(spec, "vpnGateway"), strings(spec, "ntpServers"));
    }

    static Map<String, Object> hostSpec(EdgeHostSpec h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", h.address());
        m.put("port", h.port());
        m.put("user", h.user());
        m.put("site", h.site());
        m.put("sudo", h.sudo().wire());
        return m;
    }

    static EdgeHostSpec host(String name, Map<String, Object> spec) {
        Object port = spec.get("port");
        return new EdgeHostSpec(name, str(spec, "address"), port instanceof Number n ? n.intValue() : 22, str(spec, "user"),
                str(spec, "site"), SudoMode.fromWire(str(spec, "sudo")));
    }

    static Map<String, Object> status(HostStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", s.phase().wire());
        m.put("reason", s.reason());
        HostFacts f = s.facts();
        if (f != null) {
            m.putAll(facts(f));
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Check c : s.checks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", c.id());
            cm.put("title", c.title());
            cm.put("status", c.status().name().charAt(0) + c.status().name().substring(1).toLowerCase());
            cm.put("reason", c.reason());
            checks.add(cm);
        }
        m.put("checks", checks);
        m.put("pool", s.pool());
        m.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
        m.values().removeIf(Objects::isNull);
        return m;
    }

    /**
     * The facts as the EdgeHost's status keeps them. A fact the console could not learn is not written as if it were known
     * (no "unknown" OS label, no empty package or address list): it is left out, and why is kept under
     * {@value #UNKNOWN}, command to reason, so that it reads back unknown, with its reason, never as a pass.
     */
    static Map<String, Object> facts(HostFacts f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostname", f.hostname());
        m.put("os", f.osName() == null && f.osId() == null ? null : f.osLabel());
        m.put("osId", f.osId());
        m.put("osVersion", f.osVersion());
        m.put("kernel", f.kernel());
        m.put("arch", f.arch());
        m.put("cpus", f.cpus());
        m.put("memoryMiB", f.memoryMiB());
        m.put("diskFreeGiB", f.diskFreeGiB() == null ? null : Math.round(f.diskFreeGiB() * 10) / 10.0);
        m.put("addresses", f.addresses().isEmpty() ? null : f.addresses());
        m.put("defaultRoute", f.defaultRoute());
        m.put("nodeIp", f.nodeIp());
        m.put("timeSynced", f.timeSynced());
        m.put("swapOn", f.swapOn());
        m.put("packages", f.packages().isEmpty() ? null : new LinkedHashMap<>(f.packages()));
        m.put("packageIndexAgeHours", f.packageIndexAgeHours());
        m.put("nodeadmVersion", f.nodeadmVersion());
        m.put("kubeletVersion", f.kubeletVersion());
        m.put("existingNode", f.existingNode());
        m.put("sudoOk", f.sudoOk());
        m.put(UNKNOWN, f.unknown().isEmpty() ? null : new LinkedHashMap<>(f.unknown()));
        m.values().removeIf(Objects::isNull);
        return m;
    }

    /** The fact fields of an EdgeHost's status: any of them present means the host's facts were gathered. */
    private static final List<String> FACT_FIELDS = List.of("hostname", "os", "osId", "osVersion", "kernel", "arch", "cpus",
            "memoryMiB", "diskFreeGiB", "addresses", "defaultRoute", "nodeIp", "timeSynced", "swapOn", "packages",
            "packageIndexAgeHours", "nodeadmVersion", "kubeletVersion", "existingNode", "sudoOk", UNKNOWN);

    @SuppressWarnings("unchecked")
    static HostStatus status(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return HostStatus.UNCHECKED;
        }
        HostFacts facts = null;
        if (FACT_FIELDS.stream().anyMatch(m::containsKey)) {
            Map<String, Boolean> pk = new LinkedHashMap<>();
            if (m.get("packages") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> pk.put(String.valueOf(k), Boolean.TRUE.equals(v)));
            }
            facts = new HostFacts(str(m, "hostname"), str(m, "osId"), str(m, "osVersion"), str(m, "os"), str(m, "kernel"),
                    str(m, "arch"), num(m, "cpus") == null ? null : num(m, "cpus").intValue(),
                    num(m, "memoryMiB") == null ? null : num(m, "memoryMiB").longValue(),
                    num(m, "diskFreeGiB") == null ? null : num(m, "diskFreeGiB").doubleValue(), strings(m, "addresses"),
                    str(m, "defaultRoute"), str(m, "nodeIp"), bool(m, "timeSynced"), bool(m, "swapOn"), pk,
                    num(m, "packageIndexAgeHours") == null ? null : num(m, "packageIndexAgeHours").longValue(),
                    str(m, "nodeadmVersion"), str(m, "kubeletVersion"), str(m, "existingNode"), bool(m, "sudoOk"));
            if (m.get(UNKNOWN) instanceof Map<?, ?> u) {
                Map<String, String> reasons = new LinkedHashMap<>();
                u.forEach((k, v) -> reasons.put(String.valueOf(k), String.valueOf(v)));
                facts = facts.withUnknown(reasons);
            }
        }
        List<Check> checks = new ArrayList<>();
        if (m.get("checks") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> c) {
                    Map<String, Object> cm = (Map<String, Object>) c;
                    CheckStatus st;
                    try {
                        st = CheckStatus.valueOf(String.valueOf(cm.get("status")).toUpperCase());
                    } catch (IllegalArgumentException e) {
                        st = CheckStatus.WARN;
                    }
                    checks.add(new Check(str(cm, "id"), str(cm, "title"), st, str(cm, "reason")));
                }
            }
        }
        Instant seen = null;
        try {
            seen = m.get("lastSeen") == null ? null : Instant.parse(String.valueOf(m.get("lastSeen")));
        } catch (RuntimeException e) {
            seen = null;
        }
        return new HostStatus(HostPhase.fromWire(str(m, "phase")), str(m, "reason"), facts, checks, str(m, "pool"), seen);
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v == null ? null : String.valueOf(v);
    }

    private static Number num(Map<String, Object> m, String k) {
        return m.get(k) instanceof Number n ? n : null;
    }

    private static Boolean bool(Map<String, Object> m, String k) {
        return m.get(k) instanceof Boolean b ? b : null;
    }

    private static List<String> strings(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
