package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.MfaCodePrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.directconnect.DirectConnectClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rolesanywhere.RolesAnywhereClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds and caches the SDK clients of one set of credentials, one client per service and region, all sharing
 * one HTTP client (the SDK's URL-connection client) and HybridPane's retry strategy ({@link SdkRetries}). Either for a named profile
 * (through the SDK's own profile provider, so SSO, assume-role and credential_process profiles work) or for an
 * endpoint override with static keys (the lab). AWS_CA_BUNDLE (else a profile's ca_bundle) is the trust store for
 * HTTPS endpoints, as for the aws CLI. {@link #close()} closes every client it built.
 */
public final class AwsClientFactory implements AutoCloseable {
    /** Where STS calls without a region go when the profile names none. */
    static final String FALLBACK_REGION = "us-east-1";

    /** The SDK's defaults for its URL-connection client (SdkHttpConfigurationOption). */
    static final Duration PLAIN_HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration PLAIN_HTTP_READ_TIMEOUT = Duration.ofSeconds(30);

    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final String homeRegion;
    private final String label;
    private final SdkHttpClient http;
    private final SdkRetries.Settings retries;
    private final Map<String, SdkAutoCloseable> clients = new ConcurrentHashMap<>();

    /**
     * @param credentials      the credentials every client signs with
     * @param endpointOverride one endpoint for every service (the lab), or null for the real AWS endpoints
     * @param homeRegion       the region for calls that have none (sts:GetCallerIdentity)
     * @param label            how messages name these credentials, e.g. "profile dev"
     */
    public AwsClientFactory(AwsCredentialsProvider credentials, URI endpointOverride, String homeRegion, String label) {
        this(credentials, endpointOverride, homeRegion, label, httpClient(endpointOverride), SdkRetries.resolve());
    }

    private AwsClientFactory(AwsCredentialsProvider credentials, URI endpointOverride, String homeRegion, String label,
            SdkHttpClient http, SdkRetries.Settings retries) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpointOverride = endpointOverride;
        this.homeRegion = homeRegion == null || homeRegion.isBlank() ? FALLBACK_REGION : homeRegion;
        this.label = label;
        this.http = http;
        this.retries = retries;
    }

    /** {@link #httpClient(URI, Optional)} with the CA bundle of the environment (AWS_CA_BUNDLE), if any. */
    static SdkHttpClient httpClient(URI endpointOverride) {
        return httpClient(endpointOverride, CaBundle.fromEnvironment());
    }

    /**
     * The HTTP client of an SSO session's OIDC and portal calls: at its endpoint, with the CA bundle the aws CLI would
     * use for its profile (AWS_CA_BUNDLE, else the profile's ca_bundle in the user's config file).
     */
    static SdkHttpClient httpClient(SsoSession session) {
        return httpClient(session.endpoint(), CaBundle.forUserProfile(session.profile()));
    }

    /**
     * The HTTP client for these endpoints. For a plain-HTTP override (the lab on loopback): direct connections
     * with the SDK's own default timeouts, and no TLS context, whose trust store alone (the JDK's CA certificates)
     * costs tens of milliseconds of start-up. Otherwise the SDK's client, with proxies from the usual environment
     * variables (HTTPS_PROXY, NO_PROXY) and JVM properties, except for the override's host; trusting only the CA
     * bundle's certificates when there is one, as the aws CLI does (a TLS-inspecting proxy's CA). A bundle that cannot
     * be used gives a client whose every request fails with the sentence why ({@link RefusingHttpClient}).
     */
    static SdkHttpClient httpClient(URI endpointOverride, Optional<CaBundle> caBundle) {
        if (endpointOverride != null && "http".equalsIgnoreCase(endpointOverride.getScheme())) {
            return UrlConnectionHttpClient.create(uri -> {
                try {
                    var c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
                    c.setConnectTimeout((int) PLAIN_HTTP_CONNECT_TIMEOUT.toMillis());
                    c.setReadTimeout((int) PLAIN_HTTP_READ_TIMEOUT.toMillis());
                    return c;
                } catch (IOException e) {
                    // as the SDK's own connection factory does
                    throw new UncheckedIOException(e);
                }
            });
        }
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder().useEnvironmentVariablesValues(true)
                .useSystemPropertyValues(true);
        if (endpointOverride != null && endpointOverride.getHost() != null) {
            proxy.addNonProxyHost(endpointOverride.getHost());
        }
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder().proxyConfiguration(proxy.build());
        if (caBundle.isPresent()) {
            TrustManager[] trusted;
            try {
                trusted = caBundle.get().trustManagers();
            } catch (CaBundleException e) {
                return new RefusingHttpClient(e);
            }
            http.tlsTrustManagersProvider(() -> trusted);
        }
        return http.build();
    }

    /**
     * A named profile of the given profile file. A "default" profile that is not in the file falls back to the
     * SDK's default chain (environment variables, container and instance credentials). An assume-role profile with
     * mfa_serial cannot be opened without a code: see {@link #forProfile(String, ProfileFile, MfaCodePrompt, SsoTokenCache)}.
     */
    public static AwsClientFactory forProfile(String profileName, ProfileFile profileFile) {
        return forProfile(profileName, profileFile, MfaCodePrompt.NONE, SsoTokenCache.user());
    }

    /**
     * A named profile, as the aws CLI reads it: SSO profiles with the CLI's token cache (refreshed there), assume-role
     * profiles with mfa_serial with a code from {@code mfa}, others through the SDK's own profile provider; every
     * client at the profile's {@code endpoint_url} when it names one.
     */
    public static AwsClientFactory forProfile(String profileName, ProfileFile profileFile, MfaCodePrompt mfa,
            SsoTokenCache ssoCache) {
        return forProfile(profileName, profileFile, mfa, ssoCache, System.getenv());
    }

    /** As above, reading AWS_REGION, AWS_DEFAULT_REGION and AWS_CA_BUNDLE from {@code env} (tests). */
    static AwsClientFactory forProfile(String profileName, ProfileFile profileFile, MfaCodePrompt mfa,
            SsoTokenCache ssoCache, Map<String, String> env) {
        Optional<Profile> profile = profileFile.profile(profileName);
        URI endpoint = profile.flatMap(p -> p.property(SsoSession.ENDPOINT_URL)).filter(v -> !v.isBlank())
                .map(v -> URI.create(v.trim())).orElse(null);
        String region = profile.flatMap(p -> p.property(ProfileProperty.REGION)).orElse(null);
        if (region == null) {
            region = env.get("AWS_REGION") != null ? env.get("AWS_REGION") : env.get("AWS_DEFAULT_REGION");
        }
        SdkHttpClient http = httpClient(endpoint, CaBundle.resolve(env, profile));
        AwsCredentialsProvider provider = ProfileCredentials.of(profileName, profileFile, mfa, ssoCache, http, endpoint,
                region == null ? FALLBACK_REGION : region);
        return new AwsClientFactory(provider, endpoint, region, "profile " + profileName, http,
                SdkRetries.resolve(env, profile));
    }

    /** A named profile of the user's ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and friends). */
    public static AwsClientFactory forProfile(String profileName) {
        return forProfile(profileName, ProfileFile.defaultProfileFile());
    }

    /** As {@link #forProfile(String)}, asking {@code mfa} for the code of an MFA profile. */
    public static AwsClientFactory forProfile(String profileName, MfaCodePrompt mfa) {
        return forProfile(profileName, ProfileFile.defaultProfileFile(), mfa, SsoTokenCache.user());
    }

    /** One endpoint for every service, with static keys: the lab's AWS emulator. */
    public static AwsClientFactory forEndpoint(URI endpoint, String accessKeyId, String secretAccessKey, String homeRegion) {
        return new AwsClientFactory(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
                Objects.requireNonNull(endpoint, "endpoint"), homeRegion, "endpoint " + endpoint);
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    public String homeRegion() {
        return homeRegion;
    }

    /** e.g. "profile dev" or "endpoint http://127.0.0.1:1234". */
    public String label() {
        return label;
    }

    /** How the clients retry, e.g. "standard, 10 attempts". */
    public String retries() {
        return retries.describe();
    }

    public EksClient eks(String region) {
        return client("eks", region, r -> configure(EksClient.builder(), r).build());
    }

    public Ec2Client ec2(String region) {
        return client("ec2", region, r -> configure(Ec2Client.builder(), r).build());
    }

    /** IAM is global: one client signed for us-east-1 (aws-global). */
    public IamClient iam() {
        return client("iam", "aws-global", r -> configure(IamClient.builder(), r).build());
    }

    public RolesAnywhereClient rolesAnywhere(String region) {
        return client("rolesanywhere", region,
                r -> configure(RolesAnywhereClient.builder(), r).build());
    }

    public DirectConnectClient directConnect(String region) {
        return client("directconnect", region, r -> configure(DirectConnectClient.builder(), r).build());
    }

    public SsmClient ssm(String region) {
        return client("ssm", region, r -> configure(SsmClient.builder(), r).build());
    }

    public StsClient sts(String region) {
        return client("sts", region, r -> configure(StsClient.builder(), r).build());
    }

    /** The STS endpoint an EKS token is presigned for: the override, or the regional STS endpoint. */
    public URI stsEndpoint(String region) {
        if (endpointOverride != null) {
            return endpointOverride;
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://sts." + region + "." + suffix);
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkAutoCloseable> C client(String service, String region, Function<Region, C> build) {
        Objects.requireNonNull(region, "region");
        return (C) clients.computeIfAbsent(service + "/" + region, k -> build.apply(Region.of(region)));
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B
            configure(B builder, Region region) {
        // one retry strategy per client: its token bucket is that client's
        builder.region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(SdkRetries.overrides(retries));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
        http.close();
        if (credentials instanceof SdkAutoCloseable c) {
            c.close();
        }
    }
}
