package dev.hybridpane.adapters.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * What an AWS SSO profile of the config file says, as the aws CLI reads it: the profile's {@code sso_session} (its
 * {@code [sso-session NAME]} section holds sso_start_url, sso_region and sso_registration_scopes) or, for a legacy
 * profile, its own sso_start_url and sso_region; sso_account_id and sso_role_name; and the profile's
 * {@code endpoint_url} (else {@code AWS_ENDPOINT_URL}), which the CLI also uses for SSO OIDC and the portal.
 *
 * @param sessionName the sso-session's name, or null for a legacy profile
 * @param endpoint    one endpoint for every service, or null for AWS's own
 */
public record SsoSession(String profile, String sessionName, String startUrl, String region, List<String> scopes,
        String accountId, String roleName, URI endpoint) {
    static final String SSO_SESSION = "sso_session";
    static final String SCOPES = "sso_registration_scopes";
    static final String ENDPOINT_URL = "endpoint_url";

    public SsoSession {
        scopes = List.copyOf(scopes);
    }

    /**
     * Reads profile {@code name} of {@code file}.
     *
     * @throws IllegalArgumentException with one line when there is no such profile, it is not an SSO profile, or its
     *                                  sso-session is missing or incomplete
     */
    public static SsoSession of(ProfileFile file, String name) {
        Profile p = file.profile(name).orElseThrow(() -> new IllegalArgumentException("there is no profile '" + name
                + "' in the AWS config file"));
        String endpointText = p.property(ENDPOINT_URL).orElse(System.getenv("AWS_ENDPOINT_URL"));
        URI endpoint = endpointText == null || endpointText.isBlank() ? null : URI.create(endpointText.trim());
        String account = p.property(ProfileProperty.SSO_ACCOUNT_ID).orElse(null);
        String role = p.property(ProfileProperty.SSO_ROLE_NAME).orElse(null);
        Optional<String> session = p.property(SSO_SESSION);
        if (session.isPresent()) {
            Profile s = file.getSection("sso-session", session.get()).orElseThrow(() -> new IllegalArgumentException(
                    "profile '" + name + "' names sso_session " + session.get() + ", but there is no [sso-session "
                            + session.get() + "] in the AWS config file"));
            String url = s.property(ProfileProperty.SSO_START_URL).orElse(null);
            String region = s.property(ProfileProperty.SSO_REGION).orElse(null);
            if (url == null || region == null) {
                throw new IllegalArgumentException("[sso-session " + session.get() + "] needs sso_start_url and sso_region");
            }
            List<String> scopes = s.property(SCOPES).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                    .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
            return new SsoSession(name, session.get(), url, region, scopes, account, role, endpoint);
        }
        Optional<String> url = p.property(ProfileProperty.SSO_START_URL);
        if (url.isEmpty()) {
            throw new IllegalArgumentException("profile '" + name + "' is not an AWS SSO profile (it has neither "
                    + "sso_session nor sso_start_url)");
        }
        String region = p.property(ProfileProperty.SSO_REGION).orElseThrow(() -> new IllegalArgumentException(
                "profile '" + name + "' has sso_start_url but no sso_region"));
        return new SsoSession(name, null, url.get(), region, List.of(), account, role, endpoint);
    }

    /** Profile {@code name} of the user's AWS config file (~/.aws/config, or AWS_CONFIG_FILE). */
    public static SsoSession fromUserConfig(String name) {
        return of(ProfileFile.defaultProfileFile(), name);
    }

    /** Whether a profile is an SSO profile (sso_session or sso_start_url). */
    public static boolean isSso(ProfileFile file, String name) {
        return file.profile(name).map(p -> p.property(SSO_SESSION).isPresent()
                || p.property(ProfileProperty.SSO_START_URL).isPresent()).orElse(false);
    }

    /**
     * The name of the token's file in the CLI's cache: the SHA-1 (hex) of the sso-session's name, or of the start URL
     * for a legacy profile (botocore's SSOTokenLoader, the SDK's OnDiskTokenManager).
     */
    public String cacheKey() {
        String input = sessionName != null ? sessionName : startUrl;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** How messages name it: "sso-session lab" or the start URL. */
    public String label() {
        return sessionName != null ? "sso-session " + sessionName : startUrl;
    }
}
