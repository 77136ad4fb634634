package dev.hybridpane.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens {@link AwsPort}s for named profiles (or the lab's fixed credentials). */
public interface AwsProfiles {
    /** Profile names the user can pick; the first is the default. */
    List<String> profiles();

    /** Regions the user can pick from. */
    List<String> availableRegions();

    AwsPort open(String profile);

    /**
     * The region each profile would use with the aws CLI (AWS_REGION, then AWS_DEFAULT_REGION, then the profile's own
     * {@code region}), by profile name; a profile with none is absent. May read files: call it off the FX thread.
     */
    default Map<String, String> defaultRegions() {
        return Map.of();
    }

    /** {@link #defaultRegions()} of one profile. */
    default Optional<String> defaultRegion(String profile) {
        return Optional.ofNullable(defaultRegions().get(profile));
    }
}
