package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.profile.ExtraFile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.OsMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A profile version's three layers as readable fields for the detail pane. */
final class ProfileLayerFields {
    private ProfileLayerFields() {
    }

    static String title(String layer) {
        return switch (layer) {
            case "os" -> "OS";
            case "kubernetes" -> "Kubernetes";
            case "network" -> "Network";
            default -> layer;
        };
    }

    static List<LayerField> os(OsLayer os, String kubernetesVersion) {
        List<LayerField> out = new ArrayList<>();
        if (os.mode() == OsMode.APPLIANCE) {
            out.add(LayerField.of("Mode", "Appliance: the host is built from a provider image"));
            out.add(LayerField.of("Image", os.imageReference()));
            out.add(LayerField.block("Image arguments", OsLayer.applianceArgFile(kubernetesVersion)));
            return out;
        }
        out.add(LayerField.of("Mode", "Agent: the host keeps its own OS"));
        out.add(LayerField.of("Packages", String.join(", ", os.packages())));
        out.add(LayerField.of("NTP servers", String.join(", ", os.ntpServers())));
        out.add(LayerField.block("Sysctl", lines(os.sysctl(), " = ")));
        List<String> files = new ArrayList<>();
        for (ExtraFile f : os.files()) {
            long n = f.content().lines().count();
            files.add(f.path() + "  (" + f.permissions() + ", " + n + (n == 1 ? " line)" : " lines)"));
        }
        out.add(LayerField.block("Files", String.join("\n", files)));
        out.add(LayerField.block("Cloud-config", os.cloudConfig()));
        return out;
    }

    static List<LayerField> kubernetes(KubernetesLayer k) {
        List<LayerField> out = new ArrayList<>();
        out.add(LayerField.of("Distribution", KubernetesLayer.DISTRIBUTION));
        out.add(LayerField.of("Version", k.version()));
        out.add(LayerField.of("Credential provider", k.credentialProvider().id() + " (" + k.credentialProvider().label() + ")"));
        out.add(LayerField.of("Containerd source", k.containerdSource().id()));
        out.add(LayerField.block("Kubelet config", tree(k.kubeletConfig(), "")));
        out.add(LayerField.block("Kubelet flags", String.join("\n", k.kubeletFlags())));
        out.add(LayerField.block("Containerd TOML", k.containerdConfig()));
        return out;
    }

    static List<LayerField> network(NetworkLayer n) {
        List<LayerField> out = new ArrayList<>();
        out.add(LayerField.of("CNI", n.cni().label() + (n.version().isEmpty() ? "" : " " + n.version())));
        out.add(LayerField.of("Hybrid affinity", n.hybridAffinity() ? "on" : "off"));
        out.add(LayerField.of("Pod CIDRs", String.join(", ", n.podCidrs())));
        out.add(LayerField.of("BGP", n.bgp() ? "on" : "off"));
        return out;
    }

    private static String lines(Map<String, String> m, String sep) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + sep + v));
        return String.join("\n", out);
    }

    /** A kubelet configuration map in YAML's block style, nested maps indented. */
    private static String tree(Map<String, Object> m, String indent) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) sub;
                out.add(indent + k + ":");
                out.add(tree(s, indent + "  "));
            } else {
                out.add(indent + k + ": " + v);
            }
        });
        return String.join("\n", out);
    }
}
