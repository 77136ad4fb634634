package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lab's one profile, "lab": the production {@link SdkAwsPort} pointed at the lab's AWS emulator with
 * fixed dummy keys (the emulator does not check signatures).
 */
public final class LabAwsProfiles implements AwsProfiles {
    public static final String PROFILE = "lab";
    static final String ACCESS_KEY_ID = "AKIALAB00000EXAMPLE0";
    static final String SECRET_ACCESS_KEY = "lab/secret/not-a-real-key/EXAMPLEKEY00";

    private final Supplier<URI> endpoint;
    private final List<String> regions;

    /** @param endpoint the emulator's base URI; @param regions the lab world's regions, the first is home */
    public LabAwsProfiles(URI endpoint, List<String> regions) {
        this(() -> endpoint, regions);
    }

    /**
     * @param endpoint gives the emulator's base URI, waiting for the lab to start if need be (called on I/O
     *        threads only, when a profile is opened)
     */
    public LabAwsProfiles(Supplier<URI> endpoint, List<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("the lab needs at least one region");
        }
        this.endpoint = endpoint;
        this.regions = List.copyOf(regions);
    }

    @Override
    public List<String> profiles() {
        return List.of(PROFILE);
    }

    @Override
    public List<String> availableRegions() {
        return regions;
    }

    @Override
    public AwsPort open(String profile) {
        if (!PROFILE.equals(profile)) {
            throw new IllegalArgumentException("the lab has only the profile '" + PROFILE + "', not '" + profile + "'");
        }
        return new SdkAwsPort(AwsClientFactory.forEndpoint(endpoint.get(), ACCESS_KEY_ID, SECRET_ACCESS_KEY, regions.get(0)));
    }
}
