package dev.hybridpane.adapters.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * Decides whether this machine has AWS credentials to use (then the app talks to AWS) or not (then it runs
 * on the embedded lab). Looks only at environment variables and the shared config and credentials files;
 * it never calls AWS and never reads a secret's value.
 */
public final class AwsCredentialsDetector {
    private final Map<String, String> env;
    private final Path home;

    /** @param env the environment variables; @param home the user's home directory (for ~/.aws) */
    public AwsCredentialsDetector(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /**
     * From the process environment and the home directory as the SDK and the aws CLI find ~/.aws (HOME first, then the
     * user.home property): the same files the profiles are then read from.
     */
    public static AwsCredentialsDetector fromSystem() {
        return new AwsCredentialsDetector(System.getenv(), Path.of(UserHomeDirectoryUtils.userHomeDirectory()));
    }

    public boolean credentialsAvailable() {
        if (set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY")) {
            return true;
        }
        if (set("AWS_PROFILE") || set("AWS_WEB_IDENTITY_TOKEN_FILE") || set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                || set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            return true;
        }
        return hasProfiles(configFile(), ProfileFile.Type.CONFIGURATION)
                || hasProfiles(credentialsFile(), ProfileFile.Type.CREDENTIALS);
    }

    Path configFile() {
        return set("AWS_CONFIG_FILE") ? Path.of(env.get("AWS_CONFIG_FILE")) : home.resolve(".aws").resolve("config");
    }

    Path credentialsFile() {
        return set("AWS_SHARED_CREDENTIALS_FILE") ? Path.of(env.get("AWS_SHARED_CREDENTIALS_FILE"))
                : home.resolve(".aws").resolve("credentials");
    }

    private boolean set(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static boolean hasProfiles(Path file, ProfileFile.Type type) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return !ProfileFile.builder().content(file).type(type).build().profiles().isEmpty();
        } catch (RuntimeException e) {
            return false; // an unreadable or malformed file offers no usable profile
        }
    }
}
