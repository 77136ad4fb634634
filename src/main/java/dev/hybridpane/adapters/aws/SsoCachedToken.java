package dev.hybridpane.adapters.aws;

import java.time.Instant;

/**
 * A token of the aws CLI's SSO cache ({@code ~/.aws/sso/cache/<sha1>.json}), with the CLI's own fields. The refresh
 * fields (refreshToken, clientId, clientSecret, registrationExpiresAt) are null when the sign-in gave none.
 * {@link #toString()} names no secret.
 */
public record SsoCachedToken(String startUrl, String region, String accessToken, Instant expiresAt, String refreshToken,
        String clientId, String clientSecret, Instant registrationExpiresAt) {

    /** Whether a refresh token and a client registration that is still valid at {@code now} are there to refresh with. */
    public boolean refreshable(Instant now) {
        return refreshToken != null && clientId != null && clientSecret != null && registrationExpiresAt != null
                && now.isBefore(registrationExpiresAt);
    }

    @Override
    public String toString() {
        return "SsoCachedToken[" + startUrl + ", expires " + expiresAt + (refreshToken != null ? ", refreshable" : "") + "]";
    }
}
