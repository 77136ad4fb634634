package dev.hybridpane.lab.kube;

import dev.hybridpane.lab.aws.SigV4Result;
import dev.hybridpane.lab.aws.SigV4Verifier;
import dev.hybridpane.lab.aws.SigV4Verifier.HttpRequest;
import dev.hybridpane.lab.kube.EksTokenResult.Authenticated;
import dev.hybridpane.lab.kube.EksTokenResult.Unauthenticated;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authenticates an EKS bearer token as aws-iam-authenticator (the EKS control plane's authenticator) does: the token
 * is {@code k8s-aws-v1.} + the unpadded base64url of a SigV4-presigned STS GetCallerIdentity URL whose signed headers
 * include {@code x-k8s-aws-id}. The URL must point at STS (sts.amazonaws.com, sts.REGION.amazonaws.com, or one of the
 * configured endpoints, such as the lab's), carry only the parameters of such a URL, have X-Amz-Expires of at most
 * 900 and an X-Amz-Date of the last 15 minutes. Where the authenticator then calls STS with x-k8s-aws-id set to its
 * cluster's name, this verifier checks the presigned signature itself with {@link SigV4Verifier}, with the same
 * header: a token made for another cluster does not verify.
 */
public final class EksTokenVerifier {
    public static final String PREFIX = "k8s-aws-v1.";
    public static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** Presigned STS URLs are honoured for 15 minutes after X-Amz-Date, whatever X-Amz-Expires says. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final int MAX_TOKEN_LENGTH = 4096;
    static final int MAX_EXPIRES_SECONDS = 900;

    private static final Pattern AWS_STS_HOST = Pattern.compile("sts(\\.[a-z0-9-]+)?\\.amazonaws\\.com(\\.cn)?");
    private static final Set<String> ALLOWED_PARAMETERS = Set.of("action", "version", "x-amz-algorithm",
            "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature",
            "x-amz-signedheaders");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SigV4Verifier signatures;
    private final List<URI> extraEndpoints;
    private final String expectedRegion;

    /**
     * @param credentials the access keys STS would know
     * @param extraStsEndpoints STS endpoints accepted besides AWS's own (scheme, host and port must match), e.g. the
     *                          lab's {@code http://127.0.0.1:PORT}
     * @param expectedRegion the region the credential scope must name, or null for any
     */
    public EksTokenVerifier(SigV4Verifier.Credentials credentials, Collection<URI> extraStsEndpoints, String expectedRegion) {
        this.signatures = new SigV4Verifier(credentials).withPresignedLifetime(TOKEN_LIFETIME);
        this.extraEndpoints = List.copyOf(extraStsEndpoints);
        this.expectedRegion = expectedRegion;
    }

    /** Authenticates {@code token} for the cluster named {@code clusterName} at {@code now}. */
    public EksTokenResult verify(String token, String clusterName, Instant now) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (token == null || token.isEmpty()) {
            return refuse("no bearer token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return refuse("token is too large");
        }
        if (!token.startsWith(PREFIX)) {
            return refuse("token is missing expected \"" + PREFIX + "\" prefix");
        }
        String encoded = token.substring(PREFIX.length());
        if (encoded.indexOf('=') >= 0) {
            return refuse("illegal base64 data: the token is padded");
        }
        URI url;
        try {
            url = new URI(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return refuse("illegal base64 data");
        } catch (URISyntaxException e) {
            // not e.getMessage(): it quotes the URL, signature included, and reasons are logged
            return refuse("the token is not a URL");
        }
        String problem = urlProblem(url);
        if (problem != null) {
            return refuse(problem);
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return refuse("malformed query parameter");
            }
            if (!ALLOWED_PARAMETERS.contains(name)) {
                return refuse("non-whitelisted query parameter \"" + name + "\"");
            }
            if (params.put(name, value) != null) {
                return refuse("query parameter with multiple values not supported");
            }
        }
        problem = parameterProblem(params, now);
        if (problem != null) {
            return refuse(problem);
        }
        HttpRequest request = new HttpRequest("GET", url.getRawPath(), url.getRawQuery(),
                Map.of("Host", List.of(url.getRawAuthority()), CLUSTER_ID_HEADER, List.of(clusterName)), new byte[0]);
        SigV4Result result = signatures.verify(request, now, "sts", expectedRegion);
        if (result instanceof SigV4Result.Verified v) {
            return new Authenticated(v.accessKeyId(), v.region());
        }
        SigV4Result.Refused r = (SigV4Result.Refused) result;
        String hint = r.reason() == SigV4Result.Reason.SIGNATURE_MISMATCH
                ? " (a token for another cluster than '" + clusterName + "', or a changed one)" : "";
        return new Unauthenticated("sts getCallerIdentity failed: " + r.awsErrorCode() + ": " + r.message() + hint);
    }

    /** The URL must be STS's root, over HTTPS at AWS or at one of the configured endpoints. */
    private String urlProblem(URI url) {
        if (url.getRawQuery() == null || url.getHost() == null) {
            return "the token is not a presigned URL";
        }
        boolean configured = extraEndpoints.stream().anyMatch(e -> sameEndpoint(e, url));
        if (!configured) {
            if (!"https".equals(url.getScheme())) {
                return "unexpected scheme \"" + url.getScheme() + "\" in pre-signed URL";
            }
            boolean awsPort = url.getPort() == -1 || url.getPort() == 443;
            if (!AWS_STS_HOST.matcher(url.getHost()).matches() || !awsPort) {
                return "unexpected hostname \"" + url.getRawAuthority() + "\" in pre-signed URL";
            }
        }
        if (!"/".equals(url.getRawPath())) {
            return "unexpected path in pre-signed URL";
        }
        return null;
    }

    private static boolean sameEndpoint(URI endpoint, URI url) {
        return endpoint.getScheme().equalsIgnoreCase(url.getScheme())
                && endpoint.getHost().equalsIgnoreCase(url.getHost())
                && port(endpoint) == port(url);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** GetCallerIdentity of 2011-06-15, x-k8s-aws-id signed, X-Amz-Expires 0..900, X-Amz-Date of the last 15 minutes. */
    private static String parameterProblem(Map<String, String> params, Instant now) {
        if (!"GetCallerIdentity".equals(params.get("action"))) {
            return "unexpected action parameter in pre-signed URL";
        }
        if (!"2011-06-15".equals(params.get("version"))) {
            return "unexpected version parameter in pre-signed URL";
        }
        String signedHeaders = params.getOrDefault("x-amz-signedheaders", "");
        if (Arrays.stream(signedHeaders.split(";")).noneMatch(h -> h.equalsIgnoreCase(CLUSTER_ID_HEADER))) {
            return "client did not sign the " + CLUSTER_ID_HEADER + " header in the pre-signed URL";
        }
        int expires;
        try {
            expires = Integer.parseInt(params.getOrDefault("x-amz-expires", ""));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 0 || expires > MAX_EXPIRES_SECONDS) {
            return "invalid X-Amz-Expires parameter in pre-signed URL: " + params.get("x-amz-expires");
        }
        String date = params.get("x-amz-date");
        if (date == null) {
            return "X-Amz-Date parameter must be present in pre-signed URL";
        }
        Instant signedAt;
        try {
            signedAt = ZonedDateTime.parse(date, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return "error parsing X-Amz-Date parameter " + date;
        }
        if (now.isAfter(signedAt.plus(TOKEN_LIFETIME))) {
            return "X-Amz-Date parameter is expired (15 minute expiration) " + date;
        }
        if (signedAt.isAfter(now.plus(SigV4Verifier.CLOCK_SKEW))) {
            return "X-Amz-Date parameter is in the future: " + date;
        }
        return null;
    }

    /** The authenticator's wording for a token it will not even send to STS. */
    private static Unauthenticated refuse(String reason) {
        return new Unauthenticated("input token was not properly formatted: " + reason);
    }
}
