package dev.hybridpane.domain.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster profile: a name and its numbered, immutable versions in ascending order (numbers may have gaps where
 * a version was deleted). Saving content equal to the latest version's makes no new version; otherwise the new
 * version is the latest's number + 1. A version that a pool uses cannot be deleted.
 */
public record ClusterProfile(String name, List<ProfileVersion> versions) {

    /** What saving content did: the profile after it, the version that holds the content, and whether it is new. */
    public record Saved(ClusterProfile profile, ProfileVersion version, boolean created) {
    }

    public ClusterProfile {
        Objects.requireNonNull(name, "name");
        versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " has no versions");
        }
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i).number() <= versions.get(i - 1).number()) {
                throw new IllegalArgumentException("profile " + name + ": versions must be in ascending order without "
                        + "repeats, but " + versions.get(i).number() + " follows " + versions.get(i - 1).number());
            }
        }
    }

    /** A new profile whose first version (1) holds the layers. */
    public static ClusterProfile create(String name, ProfileLayers layers, Instant at, String by) {
        return new ClusterProfile(name, List.of(new ProfileVersion(1, at, by, layers)));
    }

    public ProfileVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<ProfileVersion> version(int number) {
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }

    /** Saves content: the latest version if it is the same, otherwise a new version latest + 1. */
    public Saved save(ProfileLayers layers, Instant at, String by) {
        Objects.requireNonNull(layers, "layers");
        ProfileVersion latest = latest();
        if (latest.layers().equals(layers)) {
            return new Saved(this, latest, false);
        }
        ProfileVersion next = new ProfileVersion(latest.number() + 1, at, by, layers);
        List<ProfileVersion> all = new ArrayList<>(versions);
        all.add(next);
        return new Saved(new ClusterProfile(name, all), next, true);
    }

    /**
     * Why version {@code number} cannot be deleted, or empty when it can: it does not exist, a pool uses it
     * ({@code inUse}: the version numbers of this profile that pools reference), or it is the only one left.
     */
    public Optional<String> deletionRefusal(int number, Collection<Integer> inUse) {
        if (version(number).isEmpty()) {
            return Optional.of("Profile " + name + " has no version " + number + ".");
        }
        if (inUse != null && inUse.contains(number)) {
            return Optional.of("Version " + number + " of profile " + name + " is in use by a node pool; move the pool "
                    + "to another version first.");
        }
        if (versions.size() == 1) {
            return Optional.of("Version " + number + " is the only version of profile " + name
                    + "; delete the profile instead.");
        }
        return Optional.empty();
    }

    /** The profile without version {@code number}; refused (IllegalStateException) as {@link #deletionRefusal} says. */
    public ClusterProfile withoutVersion(int number, Collection<Integer> inUse) {
        deletionRefusal(number, inUse).ifPresent(r -> {
            throw new IllegalStateException(r);
        });
        return new ClusterProfile(name, versions.stream().filter(v -> v.number() != number).toList());
    }
}
