package dev.hybridpane.core;

import java.util.List;

/** Opens {@link AwsPort}s for named profiles (or the lab's fixed credentials). */
public interface AwsProfiles {
    /** Profile names the user can pick; the first is the default. */
    List<String> profiles();

    /** Regions the user can pick from. */
    List<String> availableRegions();

    AwsPort open(String profile);
}
