package dev.hybridpane.core.profile;

import dev.hybridpane.core.profile.ProfileStore.Profiles;
import dev.hybridpane.core.profile.ProfileStore.Stored;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileApply;
import dev.hybridpane.domain.profile.ProfileConflict;
import dev.hybridpane.domain.profile.ProfileDiff;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileRules;
import dev.hybridpane.domain.profile.ProfileSummary;
import dev.hybridpane.domain.profile.ProfileVersion;
import dev.hybridpane.domain.profile.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile use cases of one cluster: list, show, diff, export and apply. {@code controlPlane} is the cluster's
 * Kubernetes version (DescribeCluster), for the version skew check. A profile or version that does not exist is an
 * {@link IllegalArgumentException} (invalid input); the store's failures pass through. Closing it closes the store.
 */
public final class ProfileService implements AutoCloseable {
    private final Profiles store;
    private final String cluster;
    private final String controlPlane;
    private final Clock clock;

    public ProfileService(Profiles store, String cluster, String controlPlane, Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.controlPlane = controlPlane;
        this.clock = clock;
    }

    /** What {@link #apply} did (or, planned, would do). */
    public enum Outcome { INVALID, UNCHANGED, NEW_PROFILE, NEW_VERSION }

    /**
     * {@code problems}: every problem found (warnings too); {@code profile}: the profile as stored after it (or as it
     * would be); {@code change}: "new profile …" or the diff against the stored latest; {@code conflict}: what another
     * admin changed meanwhile, when the first save met a 409.
     */
    public record ApplyResult(Outcome outcome, List<ProfileProblem> problems, ClusterProfile profile, int version,
                              String change, Optional<String> conflict) {
    }

    public String cluster() {
        return cluster;
    }

    public String controlPlane() {
        return controlPlane;
    }

    /** A profile as stored and its row: latest version, what it holds, the pools on each version. */
    public record Listed(ClusterProfile profile, ProfileSummary summary) {
    }

    /** Every profile, whole, with its summary: one list of the profiles and one read of the pools. */
    public List<Listed> listed() {
        Map<String, Map<Integer, List<String>>> usage = store.poolUsage();
        return store.list().stream()
                .map(p -> new Listed(p, ProfileSummary.of(p, usage.getOrDefault(p.name(), Map.of())))).toList();
    }

    /** Every profile with its latest version and the pools that use each version. */
    public List<ProfileSummary> list() {
        return listed().stream().map(Listed::summary).toList();
    }

    /** The pools that use each version of a profile: version → pool names (no entry for an unused version). */
    public Map<Integer, List<String>> poolsByVersion(String name) {
        return store.poolUsage().getOrDefault(name, Map.of());
    }

    /**
     * Deletes version {@code version} of a profile; refused with an {@link IllegalStateException} whose message says
     * why when a pool uses it or it is the only one, and an {@link IllegalArgumentException} when it does not exist.
     * A 409 (someone saved meanwhile) re-reads once and deletes from what is stored then.
     */
    public ClusterProfile deleteVersion(String name, int version) {
        for (int attempt = 0; ; attempt++) {
            Stored stored = store.get(name)
                    .orElseThrow(() -> new IllegalArgumentException("Cluster " + cluster + " has no profile " + name + "."));
            if (stored.profile().version(version).isEmpty()) {
                version(stored.profile(), version); // throws: no such version
            }
            ClusterProfile without = stored.profile().withoutVersion(version, poolsByVersion(name).keySet());
            try {
                return store.update(without, stored.resourceVersion()).profile();
            } catch (ProfileConflictException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /** The profile, or only its version {@code version} when not null. */
    public ClusterProfile show(String name, Integer version) {
        ClusterProfile p = store.get(name).map(Stored::profile)
                .orElseThrow(() -> new IllegalArgumentException("Cluster " + cluster + " has no profile " + name + "."));
        return version == null ? p : new ClusterProfile(name, List.of(version(p, version)));
    }

    public String diff(String name, int from, int to) {
        ClusterProfile p = show(name, null);
        return ProfileDiff.render(ProfileDiff.between(version(p, from), version(p, to)));
    }

    public String export(String name, Integer version) {
        return ProfileMapper.toYaml(show(name, version));
    }

    private static ProfileVersion version(ClusterProfile p, int n) {
        return p.version(n).orElseThrow(() -> new IllegalArgumentException("Profile " + p.name() + " has no version " + n
                + "; it has " + p.versions().stream().map(v -> String.valueOf(v.number())).toList() + "."));
    }

    /**
     * The problems of the profile a file holds: its name, every version's fields, and its latest against the control
     * plane. Warnings are those of the latest version only (the content being applied); an older version, already
     * stored, repeated its warnings at every apply.
     */
    public List<ProfileProblem> validate(ClusterProfile file) {
        List<ProfileProblem> out = new ArrayList<>();
        ProfileRules.name(file.name()).ifPresent(p -> out.add(ProfileProblem.error("metadata.name", p)));
        for (ProfileVersion v : file.versions()) {
            Map<String, String> cp = v == file.latest() ? Map.of(cluster, controlPlane) : Map.of();
            for (ProfileProblem p : ProfileRules.validate(v.layers(), cp)) {
                if (v != file.latest() && p.severity() != Severity.ERROR) {
                    continue;
                }
                out.add(file.versions().size() == 1 ? p
                        : new ProfileProblem("versions[" + v.number() + "]." + p.field(), p.message(), p.severity()));
            }
        }
        return out;
    }

    /**
     * Applies a file: invalid → nothing written; the stored latest already holds the file's latest → "unchanged",
     * nothing written; otherwise the new profile, or a new version, is stored (unless {@code plan}). A 409 on the
     * save re-reads the profile once, tells what changed, and saves the file's content on top of it.
     */
    public ApplyResult apply(ClusterProfile file, String by, boolean plan) {
        List<ProfileProblem> problems = validate(file);
        if (ProfileRules.hasErrors(problems)) {
            return new ApplyResult(Outcome.INVALID, problems, null, 0, "", Optional.empty());
        }
        Optional<Stored> stored = store.get(file.name());
        ClusterProfile.Saved saved = ProfileApply.apply(stored.map(Stored::profile), file, clock.instant(), by);
        if (!saved.created()) {
            return new ApplyResult(Outcome.UNCHANGED, problems, saved.profile(), saved.version().number(),
                    "Profile " + file.name() + " is unchanged (version " + saved.version().number() + ").", Optional.empty());
        }
        if (plan) {
            return result(problems, stored, saved, Optional.empty());
        }
        try {
            if (stored.isEmpty()) {
                store.create(saved.profile());
            } else {
                store.update(saved.profile(), stored.get().resourceVersion());
            }
            return result(problems, stored, saved, Optional.empty());
        } catch (ProfileConflictException e) {
            Stored current = store.get(file.name()).orElseThrow(() -> e);
            int base = stored.map(s -> s.profile().latest().number()).orElse(0);
            Optional<String> conflict = ProfileConflict.describe(current.profile(), base);
            ClusterProfile.Saved again = current.profile().save(file.latest().layers(), clock.instant(), by);
            if (!again.created()) {
                return new ApplyResult(Outcome.UNCHANGED, problems, again.profile(), again.version().number(),
                        "Profile " + file.name() + " is unchanged (version " + again.version().number() + ").", conflict);
            }
            store.update(again.profile(), current.resourceVersion());
            return result(problems, Optional.of(current), again, conflict);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static ApplyResult result(List<ProfileProblem> problems, Optional<Stored> before, ClusterProfile.Saved saved,
            Optional<String> conflict) {
        if (before.isEmpty()) {
            return new ApplyResult(Outcome.NEW_PROFILE, problems, saved.profile(), saved.version().number(),
                    "New profile " + saved.profile().name() + " (versions " + saved.profile().versions().stream()
                            .map(v -> String.valueOf(v.number())).toList() + ").\n", conflict);
        }
        ProfileVersion from = before.get().profile().latest();
        return new ApplyResult(Outcome.NEW_VERSION, problems, saved.profile(), saved.version().number(),
                "Version " + saved.version().number() + " of " + saved.profile().name() + ", changes from version "
                        + from.number() + ":\n" + ProfileDiff.render(ProfileDiff.between(from, saved.version())), conflict);
    }
}
