package dev.hybridpane.domain.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One host's nodeadm NodeConfig ({@code apiVersion: node.eks.aws/v1alpha1}, {@code kind: NodeConfig}):
 * {@code spec.cluster {name, region}}, {@code spec.kubelet {config, flags}}, {@code spec.containerd.config} and
 * {@code spec.hybrid} from the credentials. {@link NodeConfigs#toYaml} writes it; {@code toString} is the masked
 * YAML, so a log or a plan never shows the activation code.
 */
public record NodeConfig(String clusterName, String region, Map<String, Object> kubeletConfig, List<String> kubeletFlags,
                         String containerdConfig, NodeCredentials credentials) {
    public NodeConfig {
        clusterName = clusterName == null ? "" : clusterName;
        region = region == null ? "" : region;
        kubeletConfig = kubeletConfig == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kubeletConfig));
        kubeletFlags = kubeletFlags == null ? List.of() : List.copyOf(kubeletFlags);
        containerdConfig = containerdConfig == null ? "" : containerdConfig;
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The YAML with the activation code masked. */
    @Override
    public String toString() {
        return NodeConfigs.masked(NodeConfigs.toYaml(this));
    }
}
