package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: a valid profile version's layers, and variations of them. */
final class Profiles {
    private Profiles() {
    }

    static OsLayer agentOs() {
        Map<String, String> sysctl = new LinkedHashMap<>();
        sysctl.put("net.core.somaxconn", "4096");
        return OsLayer.agent(List.of("vim", "curl"), List.of("ntp1.example.com", "10.0.0.1"), sysctl,
                List.of(new ExtraFile("/etc/motd", "edge store\n", "0644")),
                "#cloud-config\nwrite_files:\n  - path: /etc/hello\n    content: hi\nruncmd:\n  - echo hi\n  - [systemctl, restart, chronyd]\n");
    }

    static KubernetesLayer kubernetes(String version) {
        return new KubernetesLayer(version, CredentialProvider.SSM, ContainerdSource.NONE,
                Map.of("maxPods", 110), List.of("--node-labels=hybridpane.dev/pool=store-pos"), "");
    }

    static NetworkLayer cilium() {
        return new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false);
    }

    static ProfileLayers layers() {
        return new ProfileLayers(agentOs(), kubernetes("1.31"), cilium());
    }

    static ProfileLayers withKubernetes(ProfileLayers l, KubernetesLayer k) {
        return new ProfileLayers(l.os(), k, l.network());
    }

    static ProfileLayers withOs(ProfileLayers l, OsLayer os) {
        return new ProfileLayers(os, l.kubernetes(), l.network());
    }

    static ProfileLayers withNetwork(ProfileLayers l, NetworkLayer n) {
        return new ProfileLayers(l.os(), l.kubernetes(), n);
    }

    static KubernetesLayer flags(String... flags) {
        KubernetesLayer k = kubernetes("1.31");
        return new KubernetesLayer(k.version(), k.credentialProvider(), k.containerdSource(), k.kubeletConfig(),
                List.of(flags), k.containerdConfig());
    }

    static KubernetesLayer withSource(CredentialProvider p, ContainerdSource s) {
        KubernetesLayer k = kubernetes("1.31");
        return new KubernetesLayer(k.version(), p, s, k.kubeletConfig(), k.kubeletFlags(), k.containerdConfig());
    }

    static KubernetesLayer withToml(String toml) {
        KubernetesLayer k = kubernetes("1.31");
        return new KubernetesLayer(k.version(), k.credentialProvider(), k.containerdSource(), k.kubeletConfig(),
                k.kubeletFlags(), toml);
    }

    static OsLayer cloudConfig(String text) {
        OsLayer os = agentOs();
        return OsLayer.agent(os.packages(), os.ntpServers(), os.sysctl(), os.files(), text);
    }
}
