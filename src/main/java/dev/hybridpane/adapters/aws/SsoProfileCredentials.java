package dev.hybridpane.adapters.aws;

import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * An SSO profile's credentials as the aws CLI gets them: the portal's GetRoleCredentials for the profile's account and
 * role, with the session's token from the CLI's cache, refreshed there when it nears its end ({@link SsoSessionTokens}).
 * Built here rather than by the SDK's profile provider so that the portal and OIDC calls go to the profile's
 * {@code endpoint_url} too, and the cache is the one HybridPane's own sign-in writes.
 */
final class SsoProfileCredentials {
    private SsoProfileCredentials() {
    }

    static AwsCredentialsProvider of(SsoSession s, SsoTokenCache cache, SdkHttpClient http) {
        if (s.accountId() == null || s.roleName() == null) {
            throw SdkClientException.create("Profile " + s.profile() + " uses AWS SSO but names no sso_account_id and "
                    + "sso_role_name");
        }
        SsoOidcClient oidc = SsoClients.oidc(s, http);
        SsoClient portal = SsoClients.portal(s, http);
        SsoSessionTokens tokens = new SsoSessionTokens(s, cache, oidc, Clock.systemUTC());
        SsoCredentialsProvider.Builder b = SsoCredentialsProvider.builder();
        b.ssoClient(portal);
        b.asyncCredentialUpdateEnabled(false);
        return b.refreshRequest(() -> GetRoleCredentialsRequest.builder().accountId(s.accountId()).roleName(s.roleName())
                        .accessToken(tokens.accessToken()).build())
                .build();
    }
}
