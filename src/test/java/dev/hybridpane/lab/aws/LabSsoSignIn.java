package dev.hybridpane.lab.aws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/** A sign-in to the lab's IAM Identity Center through the SDK's own clients, for tests that need a role session. */
public final class LabSsoSignIn {
    private LabSsoSignIn() {
    }

    /** The device flow (its verification page opened, as a user would), then GetRoleCredentials for ReadOnlyAccess. */
    public static AwsSessionCredentials readOnly(URI endpoint, String accountId) throws Exception {
        try (SsoOidcClient oidc = SsoOidcClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
                SsoClient portal = SsoClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                        .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            RegisterClientResponse c = oidc.registerClient(b -> b.clientName("lab-test").clientType("public"));
            StartDeviceAuthorizationResponse d = oidc.startDeviceAuthorization(b -> b.clientId(c.clientId())
                    .clientSecret(c.clientSecret()).startUrl(SsoDirectory.START_URL));
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(d.verificationUriComplete())).build(),
                    HttpResponse.BodyHandlers.discarding());
            String token = oidc.createToken(b -> b.clientId(c.clientId()).clientSecret(c.clientSecret())
                    .grantType("urn:ietf:params:oauth:grant-type:device_code").deviceCode(d.deviceCode())).accessToken();
            RoleCredentials rc = portal.getRoleCredentials(b -> b.accessToken(token).accountId(accountId)
                    .roleName("ReadOnlyAccess")).roleCredentials();
            return AwsSessionCredentials.create(rc.accessKeyId(), rc.secretAccessKey(), rc.sessionToken());
        }
    }
}
