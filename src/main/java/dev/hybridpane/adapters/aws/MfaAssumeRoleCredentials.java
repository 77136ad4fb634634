package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.MfaCodePrompt;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * An assume-role profile with {@code mfa_serial}, which the SDK's profile provider does not support: STS AssumeRole
 * with the role, the device's serial number and a code asked of the user ({@link MfaCodePrompt}) each time a session
 * is needed. The SDK's StsAssumeRoleCredentialsProvider keeps the session in memory until shortly before it expires,
 * so the user is asked once per session; the code itself is never kept.
 */
final class MfaAssumeRoleCredentials {
    private MfaAssumeRoleCredentials() {
    }

    /** Whether the profile is an assume-role profile that names an MFA device. */
    static boolean applies(Profile p) {
        return p.property(ProfileProperty.ROLE_ARN).isPresent() && p.property(ProfileProperty.MFA_SERIAL).isPresent();
    }

    /**
     * @param source   the source profile's credentials (what AssumeRole is signed with)
     * @param endpoint the profile's endpoint, or null for STS's own
     */
    static AwsCredentialsProvider of(String profileName, Profile p, AwsCredentialsProvider source, MfaCodePrompt prompt,
            SdkHttpClient http, URI endpoint, String region) {
        String roleArn = p.property(ProfileProperty.ROLE_ARN).orElseThrow();
        String serial = p.property(ProfileProperty.MFA_SERIAL).orElseThrow();
        Optional<String> externalId = p.property(ProfileProperty.EXTERNAL_ID);
        int duration = p.property(ProfileProperty.DURATION_SECONDS).map(Integer::parseInt).orElse(3600);
        String session = p.property(ProfileProperty.ROLE_SESSION_NAME).orElse("hybridpane-" + System.currentTimeMillis());
        var sts = StsClient.builder().region(Region.of(region)).credentialsProvider(source).httpClient(http);
        if (endpoint != null) {
            sts.endpointOverride(endpoint);
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts.build()).asyncCredentialUpdateEnabled(false)
                .refreshRequest(() -> {
                    String code = prompt.code(profileName, serial).map(String::trim).filter(c -> !c.isEmpty())
                            .orElseThrow(() -> SdkClientException.create("No MFA code was given for profile " + profileName
                                    + " (device " + serial + "), so its role cannot be assumed."));
                    AssumeRoleRequest.Builder r = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(session)
                            .durationSeconds(duration).serialNumber(serial).tokenCode(code);
                    externalId.ifPresent(r::externalId);
                    return r.build();
                }).build();
    }
}
