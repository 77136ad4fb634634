package dev.hybridpane.adapters.aws;

import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The short-term credentials of one account and role that an SSO session may use, whichever account and role its
 * profile names: the SDK's {@link SsoCredentialsProvider} (GetRoleCredentials, fetched again before they expire) with
 * a refresh request that reads the session's current access token ({@link SsoSessionTokens}, refreshed in the aws
 * CLI's cache). {@link #close()} closes the provider and the portal and OIDC clients it made, and their HTTP client.
 */
final class SsoRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
    private final SdkHttpClient http;
    private final SsoOidcClient oidc;
    private final SsoClient portal;
    private final SsoCredentialsProvider provider;

    SsoRoleCredentials(SsoSession session, SsoTokenCache cache, String accountId, String roleName, Clock clock) {
        this.http = AwsClientFactory.httpClient(session);
        this.oidc = SsoClients.oidc(session, http);
        this.portal = SsoClients.portal(session, http);
        SsoSessionTokens tokens = new SsoSessionTokens(session, cache, oidc, clock);
        SsoCredentialsProvider.Builder b = SsoCredentialsProvider.builder();
        b.ssoClient(portal);
        b.asyncCredentialUpdateEnabled(false);
        this.provider = b.refreshRequest(() -> GetRoleCredentialsRequest.builder().accountId(accountId)
                .roleName(roleName).accessToken(tokens.accessToken()).build()).build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    @Override
    public void close() {
        provider.close();
        portal.close();
        oidc.close();
        http.close();
    }
}
