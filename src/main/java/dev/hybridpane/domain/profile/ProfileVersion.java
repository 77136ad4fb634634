package dev.hybridpane.domain.profile;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable, numbered version of a profile. {@code createdAt} and {@code createdBy} are history, not content:
 * {@link #sameContent} compares the layers only.
 */
public record ProfileVersion(int number, Instant createdAt, String createdBy, ProfileLayers layers) {

    public ProfileVersion {
        if (number < 1) {
            throw new IllegalArgumentException("a profile version number starts at 1, not " + number);
        }
        Objects.requireNonNull(layers, "layers");
        createdBy = createdBy == null ? "" : createdBy;
    }

    public OsLayer os() {
        return layers.os();
    }

    public KubernetesLayer kubernetes() {
        return layers.kubernetes();
    }

    public NetworkLayer network() {
        return layers.network();
    }

    /** Whether the layers are equal, whatever the numbers and timestamps. */
    public boolean sameContent(ProfileVersion other) {
        return other != null && layers.equals(other.layers);
    }

    /** The appliance image's build arguments for this version's Kubernetes version. */
    public Map<String, String> applianceArgs() {
        return OsLayer.applianceArgs(kubernetes().version());
    }
}
