package dev.hybridpane.domain.profile;

import java.util.List;
import java.util.Optional;

/**
 * When a save is refused with a 409 (another admin stored the profile first), the console re-reads it and tells
 * the user what changed since the version their edit started from. Their content is then saved on top of the
 * re-read profile as usual ({@link ClusterProfile#save}), so no write is lost.
 */
public final class ProfileConflict {
    private ProfileConflict() {
    }

    /** The versions saved after {@code baseNumber}, oldest first. */
    public static List<ProfileVersion> newerThan(ClusterProfile current, int baseNumber) {
        return current.versions().stream().filter(v -> v.number() > baseNumber).toList();
    }

    /**
     * What changed in {@code current} since {@code baseNumber}: empty when nothing was saved after it, otherwise a
     * text naming the new versions (number, author) and the field changes from the base (or from the oldest version
     * still there, if the base was deleted) to the latest.
     */
    public static Optional<String> describe(ClusterProfile current, int baseNumber) {
        List<ProfileVersion> newer = newerThan(current, baseNumber);
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("Profile ").append(current.name()).append(" changed while you edited it: ");
        for (int i = 0; i < newer.size(); i++) {
            ProfileVersion v = newer.get(i);
            b.append(i == 0 ? "" : ", ").append("version ").append(v.number());
            if (!v.createdBy().isEmpty()) {
                b.append(" by ").append(v.createdBy());
            }
        }
        ProfileVersion from = current.version(baseNumber).orElse(current.versions().get(0));
        b.append(" was saved. Changes from version ").append(from.number()).append(" to ")
                .append(current.latest().number()).append(":\n");
        b.append(ProfileDiff.render(ProfileDiff.between(from, current.latest())));
        return Optional.of(b.toString());
    }
}
