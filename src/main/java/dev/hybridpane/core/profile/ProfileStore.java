package dev.hybridpane.core.profile;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster profiles kept in the cluster as hybridpane.dev/v1alpha1 ClusterProfile objects in {@link #NAMESPACE}, so
 * every workstation that opens the cluster sees the same profiles. Writes are optimistic: an update carries the
 * resourceVersion it read, and a stale one is refused with a {@link ProfileConflictException}. Methods block;
 * other failures are {@link ProfileStoreException}s whose message is one sentence.
 */
public interface ProfileStore {
    String NAMESPACE = InventoryPort.NAMESPACE;

    Profiles open(ClusterRef ref, ClusterAccess access);

    /** A profile as stored, with the resourceVersion to update it with. */
    record Stored(ClusterProfile profile, String resourceVersion) {
    }

    interface Profiles extends AutoCloseable {
        /** Every profile of the cluster, by name. */
        List<ClusterProfile> list();

        Optional<Stored> get(String name);

        /**
         * Which pools use which version of each profile: profile name → version → pool names. Read from the
         * cluster's HybridNodePool objects ({@code spec.profile}) and, for pools that have no object, from their nodes'
         * {@code hybridpane.dev/pool}, {@code hybridpane.dev/profile} and {@code hybridpane.dev/profile-version} labels.
         */
        Map<String, Map<Integer, List<String>>> poolUsage();

        /** Stores a profile the cluster does not have; one that appeared meanwhile: {@link ProfileConflictException}. */
        Stored create(ClusterProfile profile);

        /** Replaces the profile read at {@code resourceVersion}; a newer one stored meanwhile: {@link ProfileConflictException}. */
        Stored update(ClusterProfile profile, String resourceVersion);

        @Override
        void close();
    }
}
