package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.MfaCodePrompt;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Which credentials a named profile gives, as the aws CLI resolves them: a "default" profile that is not in the file
 * is the SDK's default chain; an SSO profile, {@link SsoProfileCredentials}; an assume-role profile with mfa_serial,
 * {@link MfaAssumeRoleCredentials} on its source profile's credentials (resolved the same way); anything else the
 * SDK's own profile provider (keys, assume-role without MFA, credential_process, web identity).
 */
final class ProfileCredentials {
    private static final int MAX_SOURCE_DEPTH = 4;

    private ProfileCredentials() {
    }

    static AwsCredentialsProvider of(String name, ProfileFile file, MfaCodePrompt mfa, SsoTokenCache ssoCache,
            SdkHttpClient http, URI endpoint, String region) {
        return of(name, file, mfa, ssoCache, http, endpoint, region, 0);
    }

    private static AwsCredentialsProvider of(String name, ProfileFile file, MfaCodePrompt mfa, SsoTokenCache ssoCache,
            SdkHttpClient http, URI endpoint, String region, int depth) {
        Optional<Profile> profile = file.profile(name);
        if (profile.isEmpty() && "default".equals(name)) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (profile.isPresent() && depth < MAX_SOURCE_DEPTH) {
            Profile p = profile.get();
            if (SsoSession.isSso(file, name)) {
                try {
                    return SsoProfileCredentials.of(SsoSession.of(file, name), ssoCache, http);
                } catch (IllegalArgumentException e) {
                    // an incomplete SSO configuration: the SDK's provider reports it in its own words
                    return sdk(name, file);
                }
            }
            Optional<String> source = p.property(ProfileProperty.SOURCE_PROFILE);
            if (MfaAssumeRoleCredentials.applies(p) && source.isPresent()) {
                AwsCredentialsProvider sourceCredentials = of(source.get(), file, mfa, ssoCache, http, endpoint, region,
                        depth + 1);
                return MfaAssumeRoleCredentials.of(name, p, sourceCredentials, mfa, http, endpoint, region);
            }
        }
        return sdk(name, file);
    }

    private static AwsCredentialsProvider sdk(String name, ProfileFile file) {
        return ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build();
    }
}
