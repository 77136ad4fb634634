package dev.hybridpane.ui.profiles;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the Profiles view and its wizard need from the composition root: the profile store, and who saves (the
 * caller's IAM ARN; blocking).
 */
public record ProfilesServices(ProfileStore store, Supplier<String> caller, Clock clock) {
    public ProfilesServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(clock, "clock");
    }

    /** Opens a cluster's profiles (blocking: call it off the FX thread); the caller closes what it gets. */
    public ProfileService open(Cluster cluster, ClusterAccess access) {
        return new ProfileService(store.open(cluster.ref(), access), cluster.name(), cluster.version(), clock);
    }
}
