package dev.hybridpane.core.profile;

import dev.hybridpane.domain.profile.ClusterProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory profile store with resourceVersions as an API server keeps them; counts writes; can inject a rival
 * save. Public for the UI's view-model tests.
 */
public final class MemoryProfiles implements ProfileStore.Profiles {
    public final Map<String, ProfileStore.Stored> objects = new TreeMap<>();
    public final List<String> writes = new ArrayList<>();
    /** What {@link #poolUsage()} answers: profile name → version → pool names. */
    public final Map<String, Map<Integer, List<String>>> usage = new TreeMap<>();
    private int rv;
    /** Run once just before the next write: another workstation saving first. */
    public Runnable beforeNextWrite;

    public void put(ClusterProfile p) {
        objects.put(p.name(), new ProfileStore.Stored(p, String.valueOf(++rv)));
    }

    private void rival() {
        Runnable r = beforeNextWrite;
        beforeNextWrite = null;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public List<ClusterProfile> list() {
        return objects.values().stream().map(ProfileStore.Stored::profile).toList();
    }

    @Override
    public Map<String, Map<Integer, List<String>>> poolUsage() {
        return usage;
    }

    @Override
    public Optional<ProfileStore.Stored> get(String name) {
        return Optional.ofNullable(objects.get(name));
    }

    @Override
    public ProfileStore.Stored create(ClusterProfile p) {
        rival();
        if (objects.containsKey(p.name())) {
            throw new ProfileConflictException("exists", null);
        }
        writes.add("create " + p.name());
        put(p);
        return objects.get(p.name());
    }

    @Override
    public ProfileStore.Stored update(ClusterProfile p, String resourceVersion) {
        rival();
        ProfileStore.Stored s = objects.get(p.name());
        if (s == null || !s.resourceVersion().equals(resourceVersion)) {
            throw new ProfileConflictException("stale", null);
        }
        writes.add("update " + p.name() + " v" + p.latest().number());
        put(p);
        return objects.get(p.name());
    }

    @Override
    public void close() {
    }
}
