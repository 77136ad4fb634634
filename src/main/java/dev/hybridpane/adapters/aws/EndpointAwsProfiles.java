package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named profile served by an AWS-compatible endpoint with fixed static keys: the production {@link SdkAwsPort}
 * pointed at that endpoint (a local emulator, for example).
 */
public final class EndpointAwsProfiles implements AwsProfiles {
    private final String profile;
    private final Supplier<URI> endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final List<String> regions;

    /**
     * @param endpoint gives the endpoint's base URI, waiting for it to be up if need be (called on I/O threads only,
     *                 when the profile is opened)
     * @param regions  the regions on offer; the first is the clients' home region
     */
    public EndpointAwsProfiles(String profile, Supplier<URI> endpoint, String accessKeyId, String secretAccessKey,
            List<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("an endpoint profile needs at least one region");
        }
        this.profile = Objects.requireNonNull(profile, "profile");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.regions = List.copyOf(regions);
    }

    @Override
    public List<String> profiles() {
        return List.of(profile);
    }

    @Override
    public List<String> availableRegions() {
        return regions;
    }

    @Override
    public AwsPort open(String name) {
        if (!profile.equals(name)) {
            throw new IllegalArgumentException("this environment has only the profile '" + profile + "', not '" + name + "'");
        }
        return new SdkAwsPort(AwsClientFactory.forEndpoint(endpoint.get(), accessKeyId, secretAccessKey, regions.get(0)));
    }
}
