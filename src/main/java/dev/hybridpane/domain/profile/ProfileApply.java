package dev.hybridpane.domain.profile;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code profile apply -f FILE} does to the stored profile: a profile the cluster does not have is stored as
 * the file holds it (its versions and numbers kept); otherwise the file's latest version is the desired content,
 * saved as a new version unless the stored latest already holds it ("unchanged").
 */
public final class ProfileApply {
    private ProfileApply() {
    }

    public static ClusterProfile.Saved apply(Optional<ClusterProfile> stored, ClusterProfile file, Instant at, String by) {
        if (stored.isEmpty()) {
            return new ClusterProfile.Saved(file, file.latest(), true);
        }
        ClusterProfile current = stored.get();
        if (!current.name().equals(file.name())) {
            throw new IllegalArgumentException("The file holds profile " + file.name() + ", not " + current.name() + ".");
        }
        return current.save(file.latest().layers(), at, by);
    }
}
