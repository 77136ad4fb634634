package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.MfaCodePrompt;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An assume-role profile with {@code mfa_serial}, which the SDK's profile provider does not support: STS AssumeRole
 * with the role, the device's serial number and a code asked of the user ({@link MfaCodePrompt}) when a session is
 * needed. The session is kept in memory by {@link MfaSessions} until shortly before it expires, so the user is asked
 * once per session, also across the ports opened on the same profile; the code itself is never kept, nor put in a
 * message.
 *
 * <p>Once asking failed (cancelled, or a code STS refused), the port opened on the profile fails the same way on every
 * call, without asking again: its regions and clusters are listed in parallel, and the user is asked once per open.
 * Opening the profile again (the banner's "Try again") asks again.
 */
final class MfaAssumeRoleCredentials {
    /** The start of the failure's message when the user gave no code (CredentialProblems tells it by this). */
    static final String NO_CODE = "No MFA code was given for profile ";

    private MfaAssumeRoleCredentials() {
    }

    /** Whether the profile is an assume-role profile that names an MFA device. */
    static boolean applies(Profile p) {
        return p.property(ProfileProperty.ROLE_ARN).isPresent() && p.property(ProfileProperty.MFA_SERIAL).isPresent();
    }

    /**
     * @param source   the source profile's credentials (what AssumeRole is signed with)
     * @param prompt   asks for the code; an {@link MfaSessions} also keeps the session for the ports opened after
     * @param endpoint the profile's endpoint, or null for STS's own
     */
    static AwsCredentialsProvider of(String profileName, Profile p, AwsCredentialsProvider source, MfaCodePrompt prompt,
            SdkHttpClient http, URI endpoint, String region) {
        var sts = StsClient.builder().region(Region.of(region)).credentialsProvider(source).httpClient(http)
                .overrideConfiguration(SdkRetries.overrides(SdkRetries.resolve(System.getenv(), Optional.of(p))));
        if (endpoint != null) {
            sts.endpointOverride(endpoint);
        }
        MfaSessions sessions = prompt instanceof MfaSessions s ? s : new MfaSessions(prompt);
        return new Provider(profileName, p, sessions, sts.build(), endpoint);
    }

    /** The credentials of one open of the profile. */
    private static final class Provider implements AwsCredentialsProvider, SdkAutoCloseable {
        private final String profile;
        private final String roleArn;
        private final String serial;
        private final Optional<String> externalId;
        private final int duration;
        private final String sessionName;
        private final String key;
        private final MfaSessions sessions;
        private final StsClient sts;
        private RuntimeException failed;

        Provider(String profile, Profile p, MfaSessions sessions, StsClient sts, URI endpoint) {
            this.profile = profile;
            this.roleArn = p.property(ProfileProperty.ROLE_ARN).orElseThrow().trim();
            this.serial = p.property(ProfileProperty.MFA_SERIAL).orElseThrow().trim();
            this.externalId = p.property(ProfileProperty.EXTERNAL_ID);
            this.duration = p.property(ProfileProperty.DURATION_SECONDS).map(String::trim).map(Integer::parseInt)
                    .orElse(3600);
            this.sessionName = p.property(ProfileProperty.ROLE_SESSION_NAME)
                    .orElse("hybridpane-" + System.currentTimeMillis());
            // a session is the profile's as configured now: another role, device, source or endpoint is another one
            this.key = String.join("\n", profile, roleArn, serial, p.property(ProfileProperty.SOURCE_PROFILE).orElse(""),
                    externalId.orElse(""), endpoint == null ? "" : endpoint.toString());
            this.sessions = sessions;
            this.sts = sts;
        }

        @Override
        public synchronized AwsCredentials resolveCredentials() {
            if (failed != null) {
                // the same words (and AWS's own refusal as the cause), without asking again
                throw SdkClientException.builder().message(failed.getMessage()).cause(failed).build();
            }
            try {
                return sessions.session(key, this::assumeRole);
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
        }

        private AwsSessionCredentials assumeRole() {
            String code = sessions.code(profile, serial).map(String::trim).filter(c -> !c.isEmpty())
                    .orElseThrow(() -> SdkClientException.create(NO_CODE + profile + " (device " + serial
                            + "), so its role cannot be assumed."));
            AssumeRoleRequest.Builder r = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName)
                    .durationSeconds(duration).serialNumber(serial).tokenCode(code);
            externalId.ifPresent(r::externalId);
            Credentials c = sts.assumeRole(r.build()).credentials();
            return AwsSessionCredentials.builder().accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                    .sessionToken(c.sessionToken()).expirationTime(c.expiration()).build();
        }

        @Override
        public void close() {
            sts.close();
        }
    }
}
