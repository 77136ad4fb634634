package dev.hybridpane.adapters.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * The access token of an SSO session, read from the aws CLI's cache and refreshed there with its refresh token when it
 * has under {@link #REFRESH_WINDOW} left and the session allows it (a refresh token, and a client registration that
 * has not expired), as botocore's SSOTokenProvider does. Failures use the SDK's own words ("Unable to load SSO token",
 * "Token is expired"), which the console's credential diagnosis knows.
 */
public final class SsoSessionTokens {
    /** botocore's refresh window. */
    static final Duration REFRESH_WINDOW = Duration.ofMinutes(15);

    private final SsoSession session;
    private final SsoTokenCache cache;
    private final SsoOidcClient oidc;
    private final Clock clock;

    public SsoSessionTokens(SsoSession session, SsoTokenCache cache, SsoOidcClient oidc, Clock clock) {
        this.session = session;
        this.cache = cache;
        this.oidc = oidc;
        this.clock = clock;
    }

    /** A usable access token, refreshed first if it is near its end. */
    public synchronized String accessToken() {
        SsoCachedToken t = cache.read(session).orElseThrow(() -> SdkClientException.create("Unable to load SSO token: "
                + "there is no sign-in for " + session.label() + " in the SSO cache; sign in (hybridpane login --profile "
                + session.profile() + ")"));
        Instant now = clock.instant();
        if (now.plus(REFRESH_WINDOW).isAfter(t.expiresAt()) && t.refreshable(now)) {
            Optional<SsoCachedToken> fresh = refresh(t);
            if (fresh.isPresent()) {
                return fresh.get().accessToken();
            }
        }
        if (!now.isBefore(t.expiresAt())) {
            throw SdkClientException.create("Token is expired: the AWS SSO sign-in for " + session.label()
                    + " has expired; sign in again (hybridpane login --profile " + session.profile() + ")");
        }
        return t.accessToken();
    }

    /** CreateToken with the refresh_token grant; the new token replaces the cached one. Empty when AWS refuses it. */
    Optional<SsoCachedToken> refresh(SsoCachedToken t) {
        try {
            CreateTokenResponse r = oidc.createToken(b -> b.grantType("refresh_token").clientId(t.clientId())
                    .clientSecret(t.clientSecret()).refreshToken(t.refreshToken()));
            SsoCachedToken fresh = new SsoCachedToken(session.startUrl(), session.region(), r.accessToken(),
                    clock.instant().plusSeconds(r.expiresIn() == null ? 3600 : r.expiresIn()),
                    r.refreshToken() != null ? r.refreshToken() : t.refreshToken(), t.clientId(), t.clientSecret(),
                    t.registrationExpiresAt());
            cache.write(session, fresh);
            return Optional.of(fresh);
        } catch (SdkException e) {
            return Optional.empty();
        }
    }
}
