package dev.hybridpane.domain.profile;

import java.util.Objects;

/** The content of a profile version: its three layers. Two versions with equal layers are the same content. */
public record ProfileLayers(OsLayer os, KubernetesLayer kubernetes, NetworkLayer network) {
    public ProfileLayers {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(network, "network");
    }
}
