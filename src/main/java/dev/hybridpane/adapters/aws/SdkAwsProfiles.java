package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.MfaCodePrompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The user's AWS profiles from ~/.aws/config and ~/.aws/credentials (read through the SDK's ProfileFile,
 * so AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured), "default" first. The files are read
 * again on every call, so a profile added with {@code aws configure} shows up without a restart. An assume-role
 * profile with {@code mfa_serial} asks its code of the {@link MfaCodePrompt} given (the window's), and its session is
 * kept in memory ({@link MfaSessions}) until it expires: opening the profile again does not ask again.
 */
public final class SdkAwsProfiles implements AwsProfiles {
    static final String DEFAULT = "default";

    private final Supplier<ProfileFile> profileFile;
    private final List<String> regions;
    private final Map<String, String> env;
    private final MfaSessions mfa;

    public SdkAwsProfiles() {
        this(MfaCodePrompt.NONE);
    }

    /** @param mfa asks for MFA codes (on an I/O thread); an {@link MfaSessions} shares its sessions with others */
    public SdkAwsProfiles(MfaCodePrompt mfa) {
        this(ProfileFile::defaultProfileFile, EksRegions.ALL, System.getenv(), mfa);
    }

    public SdkAwsProfiles(Supplier<ProfileFile> profileFile, List<String> regions) {
        this(profileFile, regions, System.getenv());
    }

    /** @param env the environment variables (AWS_REGION, AWS_DEFAULT_REGION) */
    public SdkAwsProfiles(Supplier<ProfileFile> profileFile, List<String> regions, Map<String, String> env) {
        this(profileFile, regions, env, MfaCodePrompt.NONE);
    }

    /** As above, asking {@code mfa} for the code of an MFA profile. */
    public SdkAwsProfiles(Supplier<ProfileFile> profileFile, List<String> regions, Map<String, String> env,
            MfaCodePrompt mfa) {
        this.profileFile = profileFile;
        this.regions = List.copyOf(regions);
        this.env = Map.copyOf(env);
        this.mfa = mfa instanceof MfaSessions s ? s : new MfaSessions(mfa);
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

    /**
     * As the aws CLI chooses a profile's region: AWS_REGION (CLI v2), then AWS_DEFAULT_REGION, then the profile's own
     * {@code region} (never its source_profile's: the CLI does not follow it for the region). The Java SDK's
     * DefaultAwsRegionProviderChain differs (the aws.region property, AWS_REGION, the profile; it ignores
     * AWS_DEFAULT_REGION): HybridPane follows the CLI, which its users have configured and checked their setup with.
     */
    @Override
    public Map<String, String> defaultRegions() {
        String fromEnv = env("AWS_REGION").or(() -> env("AWS_DEFAULT_REGION")).orElse(null);
        Map<String, String> out = new LinkedHashMap<>();
        ProfileFile file = profileFile.get();
        for (String name : profiles()) {
            String region = fromEnv != null ? fromEnv : file.profile(name)
                    .flatMap(p -> p.property(ProfileProperty.REGION)).map(String::trim).filter(r -> !r.isEmpty())
                    .orElse(null);
            if (region != null) {
                out.put(name, region);
            }
        }
        return out;
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public AwsPort open(String profile) {
        ProfileFile file = profileFile.get();
        // a failure to get the profile's credentials comes back with its cause and fix in the user's words
        return new ProfileAwsPort(new SdkAwsPort(AwsClientFactory.forProfile(profile, file, mfa, SsoTokenCache.user())),
                profile, file);
    }
}
