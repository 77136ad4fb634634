package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each layer to and from the maps of the stored object; empty fields are left out when writing. */
final class ProfileLayerMaps {
    private ProfileLayerMaps() {
    }

    static Map<String, Object> os(OsLayer os) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", os.mode().id());
        putIf(m, "image", os.imageReference());
        putIf(m, "packages", os.packages());
        putIf(m, "ntpServers", os.ntpServers());
        if (!os.sysctl().isEmpty()) {
            m.put("sysctl", new LinkedHashMap<>(os.sysctl()));
        }
        if (!os.files().isEmpty()) {
            List<Object> files = new ArrayList<>();
            for (ExtraFile f : os.files()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", f.path());
                fm.put("permissions", f.permissions());
                fm.put("content", f.content());
                files.add(fm);
            }
            m.put("files", files);
        }
        putIf(m, "cloudConfig", os.cloudConfig());
        return m;
    }

    static OsLayer os(Node n) {
        n.only("mode", "image", "packages", "ntpServers", "sysctl", "files", "cloudConfig");
        OsMode mode = parse(n, "mode", OsMode::parse);
        List<ExtraFile> files = new ArrayList<>();
        for (Node f : n.list("files")) {
            f.only("path", "permissions", "content");
            files.add(new ExtraFile(f.requiredText("path"), f.text("content"), f.text("permissions")));
        }
        return new OsLayer(mode, n.texts("packages"), n.texts("ntpServers"), n.textMap("sysctl"), files,
                n.text("cloudConfig"), n.text("image"));
    }

    static Map<String, Object> kubernetes(KubernetesLayer k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distribution", KubernetesLayer.DISTRIBUTION);
        m.put("version", k.version());
        m.put("credentialProvider", k.credentialProvider().id());
        m.put("containerdSource", k.containerdSource().id());
        if (!k.kubeletConfig().isEmpty()) {
            m.put("kubeletConfig", k.kubeletConfig());
        }
        putIf(m, "kubeletFlags", k.kubeletFlags());
        putIf(m, "containerdConfig", k.containerdConfig());
        return m;
    }

    static KubernetesLayer kubernetes(Node n) {
        n.only("distribution", "version", "credentialProvider", "containerdSource", "kubeletConfig", "kubeletFlags",
                "containerdConfig");
        String distribution = n.text("distribution");
        if (!distribution.isEmpty() && !distribution.equals(KubernetesLayer.DISTRIBUTION)) {
            throw new ProfileFormatException(n.path() + ".distribution: " + Shown.quoted(distribution) + " is not supported; "
                    + "hybrid nodes run nodeadm.");
        }
        ContainerdSource source = n.has("containerdSource") ? parse(n, "containerdSource", ContainerdSource::parse)
                : ContainerdSource.DISTRO;
        return new KubernetesLayer(n.requiredText("version"), parse(n, "credentialProvider", CredentialProvider::parse),
                source, n.tree("kubeletConfig"), n.texts("kubeletFlags"), n.text("containerdConfig"));
    }

    static Map<String, Object> network(NetworkLayer net) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cni", net.cni().id());
        putIf(m, "version", net.version());
        m.put("hybridAffinity", net.hybridAffinity());
        putIf(m, "podCidrs", net.podCidrs());
        m.put("bgp", net.bgp());
        return m;
    }

    static NetworkLayer network(Node n) {
        n.only("cni", "version", "hybridAffinity", "podCidrs", "bgp");
        return new NetworkLayer(parse(n, "cni", CniKind::parse), n.text("version"), n.bool("hybridAffinity", true),
                n.texts("podCidrs"), n.bool("bgp", false));
    }

    private static <T> T parse(Node n, String field, java.util.function.Function<String, T> parser) {
        String text = n.requiredText(field);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException(n.path() + "." + field + ": " + e.getMessage() + ".");
        }
    }

    private static void putIf(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static void putIf(Map<String, Object> m, String key, List<String> value) {
        if (!value.isEmpty()) {
            m.put(key, new ArrayList<>(value));
        }
    }
}
