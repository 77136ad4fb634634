package dev.hybridpane.adapters.aws;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * The SDK's SSO OIDC and portal clients for a session: in its sso_region, at the profile's endpoint when it names one,
 * unsigned (AWS serves both APIs without SigV4; the portal takes the bearer token in a header); with HybridPane's
 * retries ({@link SdkRetries}).
 */
final class SsoClients {
    private SsoClients() {
    }

    static SsoOidcClient oidc(SsoSession s, SdkHttpClient http) {
        var b = SsoOidcClient.builder().region(Region.of(s.region())).httpClient(http)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(SdkRetries.overrides(SdkRetries.resolve()));
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }

    static SsoClient portal(SsoSession s, SdkHttpClient http) {
        var b = SsoClient.builder().region(Region.of(s.region())).httpClient(http)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(SdkRetries.overrides(SdkRetries.resolve()));
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }
}
