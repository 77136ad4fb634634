package dev.hybridpane.domain.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The differences between two profile versions, layer by layer and field by field. Maps are compared key by key
 * (nested kubelet configuration too), lists of names element by element (an element added or removed is one
 * change), everything else as a value.
 */
public final class ProfileDiff {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private ProfileDiff() {
    }

    public static List<FieldChange> between(ProfileVersion from, ProfileVersion to) {
        return between(from.layers(), to.layers());
    }

    public static List<FieldChange> between(ProfileLayers a, ProfileLayers b) {
        List<FieldChange> out = new ArrayList<>();
        os(a.os(), b.os(), out);
        kubernetes(a.kubernetes(), b.kubernetes(), out);
        network(a.network(), b.network(), out);
        return List.copyOf(out);
    }

    private static void os(OsLayer a, OsLayer b, List<FieldChange> out) {
        String l = "os";
        value(l, "os.mode", a.mode().id(), b.mode().id(), out);
        value(l, "os.image", a.imageReference(), b.imageReference(), out);
        elements(l, "os.packages", a.packages(), b.packages(), out);
        elements(l, "os.ntpServers", a.ntpServers(), b.ntpServers(), out);
        map(l, "os.sysctl", a.sysctl(), b.sysctl(), out);
        Map<String, ExtraFile> fa = new java.util.LinkedHashMap<>();
        a.files().forEach(f -> fa.put(f.path(), f));
        Map<String, ExtraFile> fb = new java.util.LinkedHashMap<>();
        b.files().forEach(f -> fb.put(f.path(), f));
        for (String path : union(fa.keySet(), fb.keySet())) {
            ExtraFile x = fa.get(path);
            ExtraFile y = fb.get(path);
            String p = "os.files" + key(path);
            if (x == null || y == null) {
                value(l, p, x == null ? null : describe(x), y == null ? null : describe(y), out);
            } else {
                value(l, p + ".permissions", x.permissions(), y.permissions(), out);
                value(l, p + ".content", x.content(), y.content(), out);
            }
        }
        value(l, "os.cloudConfig", a.cloudConfig(), b.cloudConfig(), out);
    }

    private static void kubernetes(KubernetesLayer a, KubernetesLayer b, List<FieldChange> out) {
        String l = "kubernetes";
        value(l, "kubernetes.version", a.version(), b.version(), out);
        value(l, "kubernetes.credentialProvider", a.credentialProvider().id(), b.credentialProvider().id(), out);
        value(l, "kubernetes.containerdSource", a.containerdSource().id(), b.containerdSource().id(), out);
        tree(l, "kubernetes.kubeletConfig", a.kubeletConfig(), b.kubeletConfig(), out);
        elements(l, "kubernetes.kubeletFlags", a.kubeletFlags(), b.kubeletFlags(), out);
        value(l, "kubernetes.containerdConfig", a.containerdConfig(), b.containerdConfig(), out);
    }

    private static void network(NetworkLayer a, NetworkLayer b, List<FieldChange> out) {
        String l = "network";
        value(l, "network.cni", a.cni().id(), b.cni().id(), out);
        value(l, "network.version", a.version(), b.version(), out);
        value(l, "network.hybridAffinity", String.valueOf(a.hybridAffinity()), String.valueOf(b.hybridAffinity()), out);
        elements(l, "network.podCidrs", a.podCidrs(), b.podCidrs(), out);
        value(l, "network.bgp", String.valueOf(a.bgp()), String.valueOf(b.bgp()), out);
    }

    /** A scalar: empty text counts as absent. */
    private static void value(String layer, String path, String a, String b, List<FieldChange> out) {
        String x = a == null || a.isEmpty() ? null : a;
        String y = b == null || b.isEmpty() ? null : b;
        if (!Objects.equals(x, y)) {
            out.add(new FieldChange(layer, path, x, y));
        }
    }

    /** A list of names: removed ones, then added ones; the same elements in another order is one change. */
    private static void elements(String layer, String path, List<String> a, List<String> b, List<FieldChange> out) {
        if (a.equals(b)) {
            return;
        }
        List<String> removed = new ArrayList<>(a);
        b.forEach(removed::remove);
        List<String> added = new ArrayList<>(b);
        a.forEach(added::remove);
        if (removed.isEmpty() && added.isEmpty()) {
            out.add(new FieldChange(layer, path + " (order)", String.join(", ", a), String.join(", ", b)));
            return;
        }
        added.forEach(x -> out.add(new FieldChange(layer, path, null, x)));
        removed.forEach(x -> out.add(new FieldChange(layer, path, x, null)));
    }

    private static void map(String layer, String path, Map<String, String> a, Map<String, String> b,
                            List<FieldChange> out) {
        for (String k : union(a.keySet(), b.keySet())) {
            value(layer, path + key(k), a.get(k), b.get(k), out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void tree(String layer, String path, Object a, Object b, List<FieldChange> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            for (String k : union((Set<String>) ma.keySet(), (Set<String>) mb.keySet())) {
                tree(layer, path + key(k), ma.get(k), mb.get(k), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(new FieldChange(layer, path, a == null ? null : render(a), b == null ? null : render(b)));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code .maxPods}, or {@code ["net.ipv4.ip_forward"]} for a key that is not a plain name. */
    static String key(String k) {
        return PLAIN_KEY.matcher(k).matches() ? "." + k : "[\"" + k.replace("\"", "\\\"") + "\"]";
    }

    /** A kubelet configuration value in a flow style close to YAML's: {a: 1, b: [x, y]}. */
    static String render(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + ": " + render(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(ProfileDiff::render).toList()) + "]";
        }
        return String.valueOf(v);
    }

    private static String describe(ExtraFile f) {
        int lines = (int) f.content().lines().count();
        return f.permissions() + ", " + lines + (lines == 1 ? " line" : " lines");
    }

    /** The changes as plain text for the CLI, one line per field ({@link DiffText}). */
    public static String render(List<FieldChange> changes) {
        return DiffText.render(changes);
    }
}
