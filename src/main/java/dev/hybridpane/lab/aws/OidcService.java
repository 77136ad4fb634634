package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM Identity Center's OIDC service (signing name sso-oauth, REST-JSON, unsigned): RegisterClient,
 * StartDeviceAuthorization and CreateToken with the device_code and refresh_token grants (RFC 8628 and the SSO OIDC
 * API reference). Errors are 400 (401 for InvalidClientException) with the code in {@code x-amzn-ErrorType} and an
 * OAuth body {@code {"error": "authorization_pending", "error_description": ...}}. A device code is approved when its
 * verification page ({@code GET /device?user_code=...}, served here) is opened, or on its own after
 * {@link #approveAfter(Duration)}. A client registered with scopes gets refresh tokens, as the service gives them to
 * an sso-session's registration ({@code sso_registration_scopes}).
 */
final class OidcService extends RestJsonService {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final Duration CLIENT_LIFETIME = Duration.ofDays(90);
    static final Duration DEVICE_CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    static final int INTERVAL_SECONDS = 1;

    private record Client(String secret, Instant expires, boolean scoped) {
    }

    private static final class Device {
        final String clientId;
        final String userCode;
        final Instant expires;
        final Instant autoApproveAt;
        volatile boolean approved;
        volatile boolean used;
        volatile Instant lastPoll;

        Device(String clientId, String userCode, Instant expires, Instant autoApproveAt) {
            this.clientId = clientId;
            this.userCode = userCode;
            this.expires = expires;
            this.autoApproveAt = autoApproveAt;
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    /** Every client secret, device code and token this service handed out (for the tests' secret scanner). */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile Duration approveAfter;

    OidcService(Json json, Clock clock) {
        super(json);
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "sso-oauth";
    }

    /** Device codes approve themselves this long after StartDeviceAuthorization; null: only when the page is opened. */
    void approveAfter(Duration delay) {
        this.approveAfter = delay;
    }

    /** Whether the portal should accept this bearer token: issued here, not expired, not logged out. */
    boolean validAccessToken(String token) {
        Instant expires = token == null ? null : accessTokens.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Every client secret, device code, access and refresh token issued so far, used or not. */
    Set<String> issuedSecrets() {
        return Set.copyOf(issued);
    }

    void logout(String token) {
        accessTokens.remove(token);
    }

    @Override
    public String operation(AwsRequest r) {
        String path = r.segments().isEmpty() ? "" : String.join("/", r.segments());
        return switch (r.method() + " " + path) {
            case "POST client/register" -> "RegisterClient";
            case "POST device_authorization" -> "StartDeviceAuthorization";
            case "POST token" -> r.params().containsKey("aws_iam") ? null : "CreateToken";
            case "GET device" -> "VerifyDevice";
            default -> null;
        };
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        return switch (operation) {
            case "RegisterClient" -> registerClient(json.read(r.body()));
            case "StartDeviceAuthorization" -> startDeviceAuthorization(json.read(r.body()), r);
            case "CreateToken" -> createToken(json.read(r.body()));
            case "VerifyDevice" -> verifyDevice(r.params().get("user_code"));
            default -> unknownOperation(r);
        };
    }

    private AwsResponse registerClient(JsonNode in) {
        if (text(in, "clientName") == null || text(in, "clientType") == null) {
            return oauthError(400, "InvalidRequestException", "invalid_request", "clientName and clientType are required");
        }
        if (!"public".equals(text(in, "clientType"))) {
            return oauthError(400, "InvalidClientMetadataException", "invalid_client_metadata", "Invalid client type");
        }
        Instant now = clock.instant();
        String id = random(16);
        String secret = random(48);
        issued.add(secret);
        boolean scoped = in.path("scopes").isArray() && in.path("scopes").size() > 0;
        clients.put(id, new Client(secret, now.plus(CLIENT_LIFETIME), scoped));
        ObjectNode out = json.object().put("clientId", id).put("clientSecret", secret)
                .put("clientIdIssuedAt", now.getEpochSecond())
                .put("clientSecretExpiresAt", now.plus(CLIENT_LIFETIME).getEpochSecond());
        return ok(out);
    }

    private AwsResponse startDeviceAuthorization(JsonNode in, AwsRequest r) {
        Optional<AwsResponse> bad = checkClient(in);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (!SsoDirectory.START_URL.equals(text(in, "startUrl"))) {
            return oauthError(400, "InvalidRequestException", "invalid_request", "Invalid start url");
        }
        Instant now = clock.instant();
        String deviceCode = random(64);
        issued.add(deviceCode);
        String userCode = userCode();
        Duration auto = approveAfter;
        devices.put(deviceCode, new Device(text(in, "clientId"), userCode, now.plus(DEVICE_CODE_LIFETIME),
                auto == null ? null : now.plus(auto)));
        String page = "http://" + r.headers().getOrDefault("host", "127.0.0.1") + "/device";
        ObjectNode out = json.object().put("deviceCode", deviceCode).put("userCode", userCode)
                .put("verificationUri", page).put("verificationUriComplete", page + "?user_code=" + userCode)
                .put("expiresIn", DEVICE_CODE_LIFETIME.toSeconds()).put("interval", INTERVAL_SECONDS);
        return ok(out);
    }

    private AwsResponse createToken(JsonNode in) {
        Optional<AwsResponse> bad = checkClient(in);
        if (bad.isPresent()) {
            return bad.get();
        }
        String clientId = text(in, "clientId");
        String grant = text(in, "grantType");
        if (DEVICE_GRANT.equals(grant)) {
            return deviceToken(clientId, text(in, "deviceCode"));
        }
        if ("refresh_token".equals(grant)) {
            String presented = text(in, "refreshToken");
            if (presented == null || !clientId.equals(refreshTokens.remove(presented))) {
                return oauthError(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided");
            }
            return token(clientId);
        }
        return oauthError(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                "Unsupported grant type: " + grant);
    }

    private AwsResponse deviceToken(String clientId, String deviceCode) {
        Device d = deviceCode == null ? null : devices.get(deviceCode);
        if (d == null || d.used || !d.clientId.equals(clientId)) {
            return oauthError(400, "InvalidGrantException", "invalid_grant", "Invalid grant provided");
        }
        Instant now = clock.instant();
        if (!now.isBefore(d.expires)) {
            return oauthError(400, "ExpiredTokenException", "expired_token", "Device code has expired");
        }
        if (!d.approved && d.autoApproveAt != null && !now.isBefore(d.autoApproveAt)) {
            d.approved = true;
        }
        if (!d.approved) {
            Instant last = d.lastPoll;
            d.lastPoll = now;
            // a client that polls before its interval has passed is told to slow down (RFC 8628 section 3.5)
            if (last != null && Duration.between(last, now).toMillis() < INTERVAL_SECONDS * 1000L - 250) {
                return oauthError(400, "SlowDownException", "slow_down", null);
            }
            return oauthError(400, "AuthorizationPendingException", "authorization_pending", null);
        }
        d.used = true;
        return token(clientId);
    }

    private AwsResponse token(String clientId) {
        String access = "aoa" + random(96);
        accessTokens.put(access, clock.instant().plus(TOKEN_LIFETIME));
        issued.add(access);
        ObjectNode out = json.object().put("accessToken", access).put("tokenType", "Bearer")
                .put("expiresIn", TOKEN_LIFETIME.toSeconds());
        if (clients.get(clientId).scoped()) {
            String refresh = "aor" + random(96);
            refreshTokens.put(refresh, clientId);
            issued.add(refresh);
            out.put("refreshToken", refresh);
        }
        return ok(out);
    }

    private AwsResponse verifyDevice(String userCode) {
        Optional<Device> d = userCode == null ? Optional.empty()
                : devices.values().stream().filter(x -> x.userCode.equalsIgnoreCase(userCode.trim())).findFirst();
        if (d.isEmpty() || !clock.instant().isBefore(d.get().expires)) {
            return page(404, "Unknown or expired code", "No sign-in request has the code "
                    + (userCode == null ? "(none)" : userCode.replaceAll("[^A-Za-z0-9-]", "")) + ".");
        }
        d.get().approved = true;
        return page(200, "Request approved", "HybridPane lab: the sign-in request " + d.get().userCode
                + " is approved for " + SsoDirectory.USER + ". You can close this window.");
    }

    private static AwsResponse page(int status, String title, String text) {
        return AwsResponse.json(status, "text/html; charset=utf-8", "<!doctype html><html><head><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>");
    }

    private Optional<AwsResponse> checkClient(JsonNode in) {
        Client c = text(in, "clientId") == null ? null : clients.get(text(in, "clientId"));
        if (c == null || !c.secret().equals(text(in, "clientSecret"))) {
            return Optional.of(oauthError(401, "InvalidClientException", "invalid_client", "Invalid client provided"));
        }
        if (!clock.instant().isBefore(c.expires())) {
            return Optional.of(oauthError(401, "InvalidClientException", "invalid_client", "Client registration expired"));
        }
        return Optional.empty();
    }

    private AwsResponse oauthError(int status, String type, String error, String description) {
        ObjectNode body = json.object().put("error", error);
        if (description == null) {
            body.putNull("error_description");
        } else {
            body.put("error_description", description);
        }
        return AwsResponse.json(status, "application/json", json.write(body)).withHeader("x-amzn-ErrorType", type);
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        return oauthError(status, code, code.replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT), message);
    }

    private String userCode() {
        String letters = "BCDFGHJKLMNPQRSTVWXZ";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(letters.charAt(random.nextInt(letters.length())));
            if (i == 3) {
                b.append('-');
            }
        }
        return b.toString();
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
