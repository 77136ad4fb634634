package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The user's AWS profiles from ~/.aws/config and ~/.aws/credentials (read through the SDK's ProfileFile,
 * so AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured), "default" first. The files are read
 * again on every call, so a profile added with {@code aws configure} shows up without a restart.
 */
public final class SdkAwsProfiles implements AwsProfiles {
    static final String DEFAULT = "default";

    private final Supplier<ProfileFile> profileFile;
    private final List<String> regions;

    public SdkAwsProfiles() {
        this(ProfileFile::defaultProfileFile, EksRegions.ALL);
    }

    public SdkAwsProfiles(Supplier<ProfileFile> profileFile, List<String> regions) {
        this.profileFile = profileFile;
        this.regions = List.copyOf(regions);
    }

    /**
     * Profile names, sorted, "default" first. When the files hold no profile at all, "default" alone: it then
     * resolves through the SDK's default chain (environment variables, container or instance credentials).
     */
    @Override
    public List<String> profiles() {
        List<String> names = new ArrayList<>(profileFile.get().profiles().keySet());
        names.sort(String::compareTo);
        if (names.remove(DEFAULT) || names.isEmpty()) {
            names.add(0, DEFAULT);
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> availableRegions() {
        return regions;
    }

    @Override
    public AwsPort open(String profile) {
        return new SdkAwsPort(AwsClientFactory.forProfile(profile, profileFile.get()));
    }
}
