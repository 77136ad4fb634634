package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kubernetes layer: the distribution is always nodeadm. {@code version} is a minor version from
 * {@link dev.hybridpane.domain.edge.SupportMatrix#KUBERNETES_VERSIONS} (checked by {@link ProfileRules}, not here,
 * so that a typed value can be shown with its problem); {@code kubeletConfig} is merged by nodeadm into the
 * KubeletConfiguration ({@code spec.kubelet.config}); {@code kubeletFlags} go to {@code spec.kubelet.flags};
 * {@code containerdConfig} is optional inline TOML ({@code spec.containerd.config}), empty for none.
 */
public record KubernetesLayer(String version, CredentialProvider credentialProvider, ContainerdSource containerdSource,
                              Map<String, Object> kubeletConfig, List<String> kubeletFlags, String containerdConfig) {
    public static final String DISTRIBUTION = "nodeadm";

    public KubernetesLayer {
        version = version == null ? "" : version.strip();
        Objects.requireNonNull(credentialProvider, "credentialProvider");
        containerdSource = containerdSource == null ? ContainerdSource.DISTRO : containerdSource;
        kubeletConfig = Frozen.tree(kubeletConfig, "kubernetes.kubeletConfig");
        kubeletFlags = Frozen.strings(kubeletFlags, "kubernetes.kubeletFlags");
        containerdConfig = containerdConfig == null ? "" : containerdConfig;
    }

    /** A layer with nodeadm's defaults: containerd from the distribution, no kubelet or containerd settings. */
    public static KubernetesLayer of(String version, CredentialProvider credentialProvider) {
        return new KubernetesLayer(version, credentialProvider, ContainerdSource.DISTRO, Map.of(), List.of(), "");
    }
}
