package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.ops.CancelToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Signs in to AWS SSO (IAM Identity Center) with the OAuth device authorization flow through the SDK's SSO OIDC
 * client, as {@code aws sso login} does: RegisterClient (with the sso-session's registration scopes and the
 * device_code and refresh_token grants, so that the token can be refreshed), StartDeviceAuthorization for the start
 * URL, then CreateToken every {@code interval} seconds while the service says authorization_pending, 5 s more after
 * each slow_down (RFC 8628 section 3.5), until the code expires or the sign-in is cancelled. The token goes to the
 * aws CLI's own cache ({@link SsoTokenCache}), so the CLI and the SDK's SSO providers use it too.
 */
public final class SsoDeviceLogin implements AutoCloseable {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final long NAP_MILLIS = 100;

    private final SsoSession session;
    private final SsoTokenCache cache;
    private final SsoOidcClient oidc;
    private final SdkHttpClient ownHttp;
    private final Clock clock;

    /** With its own HTTP client and the SDK's OIDC client for the session (its region and endpoint). */
    public SsoDeviceLogin(SsoSession session, SsoTokenCache cache) {
        this(session, cache, Clock.systemUTC());
    }

    /** With this clock for the code's expiry and the token's (tests). */
    SsoDeviceLogin(SsoSession session, SsoTokenCache cache, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ownHttp = AwsClientFactory.httpClient(session);
        this.oidc = SsoClients.oidc(session, ownHttp);
        this.clock = clock;
    }

    /**
     * Registers a client and starts the device authorization: show its user code and open its verification URL.
     *
     * @throws SsoLoginException REFUSED or UNREACHABLE
     */
    public SsoDeviceCode start() {
        try {
            return register();
        } catch (SsoOidcException e) {
            throw new SsoLoginException(SsoLoginException.Reason.REFUSED, "AWS SSO refused to start a sign-in for "
                    + session.label() + ": " + errorCode(e));
        } catch (SdkException e) {
            throw new SsoLoginException(SsoLoginException.Reason.UNREACHABLE, "could not reach AWS SSO in " + session.region()
                    + " for " + session.label() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String errorCode(SsoOidcException e) {
        return e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
    }

    private static String firstLine(String s) {
        return s == null ? "no details" : s.lines().findFirst().orElse("");
    }

    private SsoDeviceCode register() {
        List<String> grants = new ArrayList<>(List.of(DEVICE_GRANT));
        if (!session.scopes().isEmpty()) {
            grants.add("refresh_token");
        }
        RegisterClientResponse client = oidc.registerClient(b -> {
            b.clientName("hybridpane-" + (session.sessionName() != null ? session.sessionName() : "legacy"))
                    .clientType("public");
            if (!session.scopes().isEmpty()) {
                b.scopes(session.scopes()).grantTypes(grants);
            }
        });
        Instant now = clock.instant();
        StartDeviceAuthorizationResponse d = oidc.startDeviceAuthorization(b -> b.clientId(client.clientId())
                .clientSecret(client.clientSecret()).startUrl(session.startUrl()));
        int interval = d.interval() == null || d.interval() < 1 ? 5 : d.interval();
        return new SsoDeviceCode(d.userCode(), d.verificationUri(), d.verificationUriComplete(),
                now.plusSeconds(d.expiresIn() == null ? 600 : d.expiresIn()), Duration.ofSeconds(interval), d.deviceCode(),
                client.clientId(), client.clientSecret(),
                client.clientSecretExpiresAt() == null ? null : Instant.ofEpochSecond(client.clientSecretExpiresAt()));
    }

    /**
     * Polls until the user approves the sign-in, then writes the token to the cache and returns it.
     *
     * @throws SsoLoginException EXPIRED when the code runs out, CANCELLED when {@code cancel} is set, REFUSED when the
     *                           service refuses the sign-in, UNREACHABLE when it cannot be reached
     */
    public SsoCachedToken await(SsoDeviceCode code, CancelToken cancel) {
        Duration interval = code.interval();
        while (true) {
            if (cancel.cancelled()) {
                throw new SsoLoginException(SsoLoginException.Reason.CANCELLED, "the sign-in was cancelled");
            }
            if (!clock.instant().isBefore(code.expiresAt())) {
                throw expired();
            }
            try {
                CreateTokenResponse t = oidc.createToken(b -> b.clientId(code.clientId).clientSecret(code.clientSecret)
                        .grantType(DEVICE_GRANT).deviceCode(code.deviceCode));
                SsoCachedToken token = new SsoCachedToken(session.startUrl(), session.region(), t.accessToken(),
                        clock.instant().plusSeconds(t.expiresIn() == null ? 3600 : t.expiresIn()), t.refreshToken(),
                        code.clientId, code.clientSecret, code.registrationExpiresAt);
                cache.write(session, token);
                return token;
            } catch (AuthorizationPendingException e) {
                // not approved yet
            } catch (SlowDownException e) {
                interval = interval.plus(SLOW_DOWN_STEP);
            } catch (ExpiredTokenException e) {
                throw expired();
            } catch (SsoOidcException e) {
                throw new SsoLoginException(SsoLoginException.Reason.REFUSED, "AWS SSO refused the sign-in for "
                        + session.label() + ": " + errorCode(e));
            } catch (SdkException e) {
                throw new SsoLoginException(SsoLoginException.Reason.UNREACHABLE, "lost AWS SSO in " + session.region()
                        + " while waiting for the sign-in: " + firstLine(e.getMessage()));
            }
            nap(interval, cancel);
        }
    }

    private SsoLoginException expired() {
        return new SsoLoginException(SsoLoginException.Reason.EXPIRED, "the sign-in code expired before it was approved; "
                + "sign in again");
    }

    private void nap(Duration d, CancelToken cancel) {
        long until = System.nanoTime() + d.toNanos();
        while (!cancel.cancelled() && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(NAP_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
            }
        }
    }

    @Override
    public void close() {
        oidc.close();
        ownHttp.close();
    }
}
