package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.SigV4Canonical.Param;
import dev.hybridpane.lab.aws.SigV4Result.Reason;
import dev.hybridpane.lab.aws.SigV4Result.Refused;
import dev.hybridpane.lab.aws.SigV4Result.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verifies AWS Signature Version 4 as an AWS service does, in both forms: the Authorization header
 * ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}) and the presigned query
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, optionally {@code X-Amz-Security-Token}).
 * Written from AWS's documentation, never from the console's signing code, so that the lab catches the console's
 * mistakes. Canonicalization is that of services other than S3 (each path segment URI-encoded once more).
 */
public final class SigV4Verifier {
    /** How far a signed request's date may be from now (AWS: 5 minutes). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The longest X-Amz-Expires AWS accepts: one week. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String BAD_SIGNATURE = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private static final String BAD_KEY = "The security token included in the request is invalid.";

    /** An access key's secret, and the session token that goes with it for temporary credentials (else null). */
    public record Secret(String secretAccessKey, String sessionToken) {
        public Secret {
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        public static Secret longTerm(String secretAccessKey) {
            return new Secret(secretAccessKey, null);
        }

        @Override
        public String toString() {
            return sessionToken == null ? "Secret[long-term]" : "Secret[with session token]";
        }
    }

    /** Finds the secret of an access key id; empty when the key is unknown. */
    @FunctionalInterface
    public interface Credentials {
        Optional<Secret> find(String accessKeyId);
    }

    /**
     * A request as it arrived: the path and query exactly as they travelled (still percent-encoded), the headers by
     * any case (a header may repeat), the body's bytes.
     */
    public record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        public HttpRequest {
            Map<String, List<String>> lower = new TreeMap<>();
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
                }
            });
            headers = lower;
            body = body == null ? new byte[0] : body;
            rawQuery = rawQuery == null ? "" : rawQuery;
        }

        /** This request with another raw query string. */
        public HttpRequest withQuery(String newRawQuery) {
            return new HttpRequest(method, rawPath, newRawQuery, headers, body);
        }

        /** This request with another raw path. */
        public HttpRequest withPath(String newRawPath) {
            return new HttpRequest(method, newRawPath, rawQuery, headers, body);
        }

        /** This request with another body. */
        public HttpRequest withBody(String text) {
            return new HttpRequest(method, rawPath, rawQuery, headers, text.getBytes(StandardCharsets.UTF_8));
        }

        /** This request with one header set to a single value (replacing any it had). */
        public HttpRequest withHeader(String name, String value) {
            Map<String, List<String>> changed = new TreeMap<>(headers);
            changed.put(name.toLowerCase(Locale.ROOT), List.of(value));
            return new HttpRequest(method, rawPath, rawQuery, changed, body);
        }

        /** This request without a header. */
        public HttpRequest withoutHeader(String name) {
            Map<String, List<String>> changed = new TreeMap<>(headers);
            changed.remove(name.toLowerCase(Locale.ROOT));
            return new HttpRequest(method, rawPath, rawQuery, changed, body);
        }

        /** The first value of a header, by its lower-case name. */
        public Optional<String> header(String lowerCaseName) {
            List<String> values = headers.get(lowerCaseName);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private final Credentials credentials;
    private final Duration presignedLifetime;

    public SigV4Verifier(Credentials credentials) {
        this(credentials, null);
    }

    private SigV4Verifier(Credentials credentials, Duration presignedLifetime) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.presignedLifetime = presignedLifetime;
    }

    /** A verifier for long-term keys: access key id to secret access key. */
    public static SigV4Verifier forSecrets(Map<String, String> secretsByAccessKeyId) {
        Map<String, String> copy = Map.copyOf(secretsByAccessKeyId);
        return new SigV4Verifier(id -> Optional.ofNullable(copy.get(id)).map(Secret::longTerm));
    }

    /**
     * A verifier whose presigned requests live {@code lifetime} after their X-Amz-Date whatever X-Amz-Expires says,
     * as STS's presigned GetCallerIdentity does (15 minutes), which EKS tokens rely on.
     */
    public SigV4Verifier withPresignedLifetime(Duration lifetime) {
        return new SigV4Verifier(credentials, Objects.requireNonNull(lifetime, "lifetime"));
    }

    /**
     * Verifies {@code request} at {@code now} for a service. The credential scope must name {@code expectedService}
     * and {@code expectedRegion}; a null one is not checked (the caller may check {@link Verified#service()} and
     * {@link Verified#region()} itself, e.g. to route by them).
     */
    public SigV4Result verify(HttpRequest request, Instant now, String expectedService, String expectedRegion) {
        try {
            Claim claim = claim(request);
            checkScope(claim, expectedService, expectedRegion);
            Secret secret = credentials.find(claim.accessKeyId)
                    .orElseThrow(() -> refusal(Reason.UNKNOWN_ACCESS_KEY, BAD_KEY));
            if (!Objects.equals(secret.sessionToken(), claim.sessionToken)) {
                throw refusal(Reason.UNKNOWN_ACCESS_KEY, BAD_KEY);
            }
            checkTime(claim, now);
            checkSignature(request, claim, secret);
            return new Verified(claim.accessKeyId, claim.region, claim.service, claim.signedHeaders, claim.presigned);
        } catch (Refusal r) {
            return r.refused;
        }
    }

    /** What the request says about who signed it, when, for what, and with which signature. */
    private record Claim(boolean presigned, String accessKeyId, String scopeDate, String region, String service,
            String amzDate, Instant date, List<String> signedHeaders, String signature, String sessionToken,
            long expiresSeconds, List<Param> canonicalParams) {
        String scope() {
            return scopeDate + "/" + region + "/" + service + "/" + SigV4Canonical.TERMINATOR;
        }
    }

    private static Claim claim(HttpRequest request) {
        List<Param> params = SigV4Canonical.parseQuery(request.rawQuery());
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            return fromHeader(request, authorization.get(), params);
        }
        Map<String, String> amz = amzParams(params);
        if (amz.containsKey("X-Amz-Algorithm") || amz.containsKey("X-Amz-Credential") || amz.containsKey("X-Amz-Signature")) {
            return fromQuery(amz, params);
        }
        throw refusal(Reason.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    private static Claim fromHeader(HttpRequest request, String authorization, List<Param> params) {
        String value = authorization.trim();
        Map<String, String> parts = new LinkedHashMap<>();
        if (value.startsWith(SigV4Canonical.ALGORITHM + " ")) {
            for (String part : value.substring(SigV4Canonical.ALGORITHM.length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        Optional<String> amzDate = request.header("x-amz-date").or(() -> request.header("date").map(SigV4Verifier::fromHttpDate));
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (amzDate.isEmpty()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, missing + "Authorization=" + firstWord(value));
        }
        List<String> signedHeaders = signedHeaders(parts.get("SignedHeaders"));
        Optional<String> token = request.header("x-amz-security-token");
        if (token.isPresent() && !signedHeaders.contains("x-amz-security-token")) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return claimOf(false, parts.get("Credential"), amzDate.get(), signedHeaders, parts.get("Signature"),
                token.orElse(null), -1, params);
    }

    private static Claim fromQuery(Map<String, String> amz, List<Param> params) {
        List<String> required = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date",
                "X-Amz-SignedHeaders", "X-Amz-Expires");
        if (!required.stream().allMatch(amz::containsKey)) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include 'X-Amz-Algorithm', "
                    + "'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. "
                    + "Re-examine the query-string parameters.");
        }
        if (!SigV4Canonical.ALGORITHM.equals(amz.get("X-Amz-Algorithm"))) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '" + amz.get("X-Amz-Algorithm") + "'");
        }
        long expires;
        try {
            expires = Long.parseLong(amz.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 0 || expires > MAX_EXPIRES_SECONDS) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires must be a number of seconds from 0 to 604800 (a week), not '" + amz.get("X-Amz-Expires") + "'");
        }
        List<Param> canonical = params.stream().filter(p -> !p.name().equals("X-Amz-Signature")).toList();
        return claimOf(true, amz.get("X-Amz-Credential"), amz.get("X-Amz-Date"), signedHeaders(amz.get("X-Amz-SignedHeaders")),
                amz.get("X-Amz-Signature"), amz.get("X-Amz-Security-Token"), expires, canonical);
    }

    private static Claim claimOf(boolean presigned, String credential, String amzDate, List<String> signedHeaders,
            String signature, String sessionToken, long expires, List<Param> canonicalParams) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty)) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!SigV4Canonical.TERMINATOR.equals(scope[4])) {
            throw refusal(Reason.SIGNATURE_MISMATCH,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'.");
        }
        Instant date;
        try {
            date = ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        if (!signedHeaders.contains("host")) {
            throw refusal(Reason.INCOMPLETE_SIGNATURE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw refusal(Reason.SIGNATURE_MISMATCH, "Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                    + "version of date from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        return new Claim(presigned, scope[0], scope[1], scope[2], scope[3], amzDate, date, signedHeaders, signature,
                sessionToken, expires, canonicalParams);
    }

    private static void checkScope(Claim claim, String expectedService, String expectedRegion) {
        if (expectedService != null && !expectedService.equals(claim.service)) {
            throw refusal(Reason.SIGNATURE_MISMATCH, "Credential should be scoped to correct service: '" + expectedService + "'. ");
        }
        if (expectedRegion != null && !expectedRegion.equals(claim.region)) {
            throw refusal(Reason.SIGNATURE_MISMATCH, "Credential should be scoped to a valid region. ");
        }
    }

    private void checkTime(Claim claim, Instant now) {
        if (claim.presigned) {
            Duration lifetime = presignedLifetime != null ? presignedLifetime : Duration.ofSeconds(claim.expiresSeconds);
            if (now.isAfter(claim.date.plus(lifetime))) {
                throw refusal(Reason.EXPIRED, "Request has expired");
            }
            if (claim.date.isAfter(now.plus(CLOCK_SKEW))) {
                throw refusal(Reason.EXPIRED, "Request is not yet valid");
            }
            return;
        }
        String nowText = AMZ_DATE.format(now);
        if (claim.date.isBefore(now.minus(CLOCK_SKEW))) {
            throw refusal(Reason.EXPIRED, "Signature expired: " + claim.amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(CLOCK_SKEW)) + " (" + nowText + " - 5 min.)");
        }
        if (claim.date.isAfter(now.plus(CLOCK_SKEW))) {
            throw refusal(Reason.EXPIRED, "Signature not yet current: " + claim.amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(CLOCK_SKEW)) + " (" + nowText + " + 5 min.)");
        }
    }

    private static void checkSignature(HttpRequest request, Claim claim, Secret secret) {
        String canonicalUri = SigV4Canonical.canonicalUri(request.rawPath());
        String canonicalQuery = SigV4Canonical.canonicalQuery(claim.canonicalParams);
        String canonicalHeaders = SigV4Canonical.canonicalHeaders(claim.signedHeaders, request.headers());
        byte[] key = SigV4Canonical.signingKey(secret.secretAccessKey(), claim.scopeDate, claim.region, claim.service);
        for (String payloadHash : payloadHashes(request, claim)) {
            String canonicalRequest = SigV4Canonical.canonicalRequest(request.method().toUpperCase(Locale.ROOT),
                    canonicalUri, canonicalQuery, canonicalHeaders, claim.signedHeaders, payloadHash);
            String expected = SigV4Canonical.signature(key,
                    SigV4Canonical.stringToSign(claim.amzDate, claim.scope(), canonicalRequest));
            if (SigV4Canonical.sameSignature(expected, claim.signature)) {
                return;
            }
        }
        throw refusal(Reason.SIGNATURE_MISMATCH, BAD_SIGNATURE);
    }

    /**
     * The payload hashes the signer may have used: x-amz-content-sha256 when sent (which must then be the body's
     * hash, unless it says UNSIGNED-PAYLOAD; the SDK v2 sends it with every body), else the body's SHA-256; a presigned URL may also be signed with
     * UNSIGNED-PAYLOAD, as S3-style presigners do.
     */
    private static List<String> payloadHashes(HttpRequest request, Claim claim) {
        String bodyHash = SigV4Canonical.sha256Hex(request.body());
        Optional<String> declared = request.header("x-amz-content-sha256").map(String::trim);
        if (declared.isPresent()) {
            String value = declared.get();
            if (!value.equals(SigV4Canonical.UNSIGNED_PAYLOAD) && !value.equalsIgnoreCase(bodyHash)) {
                // the body is not the one that was signed
                throw refusal(Reason.SIGNATURE_MISMATCH, BAD_SIGNATURE);
            }
            return List.of(value);
        }
        return claim.presigned ? List.of(bodyHash, SigV4Canonical.UNSIGNED_PAYLOAD) : List.of(bodyHash);
    }

    /** The X-Amz-* parameters by name; a repeated one keeps its first value. */
    private static Map<String, String> amzParams(List<Param> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : params) {
            if (p.name().startsWith("X-Amz-")) {
                out.putIfAbsent(p.name(), p.value());
            }
        }
        return out;
    }

    private static List<String> signedHeaders(String list) {
        return Arrays.stream(list.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String fromHttpDate(String httpDate) {
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return httpDate;
        }
    }

    private static String firstWord(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }

    private static Refusal refusal(Reason reason, String message) {
        return new Refusal(reason.refuse(message));
    }

    /** Carries a refusal out of the parsing and checking steps. */
    private static final class Refusal extends RuntimeException {
        private final transient Refused refused;

        Refusal(Refused refused) {
            super(refused.message(), null, false, false);
            this.refused = refused;
        }
    }
}
