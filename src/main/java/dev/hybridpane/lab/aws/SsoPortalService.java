package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The AWS access portal API (service SSO, signing name awsssoportal, REST-JSON, unsigned; the bearer token from SSO
 * OIDC in the {@code x-amz-sso_bearer_token} header): ListAccounts, ListAccountRoles (paged with
 * {@code max_result}/{@code next_token}), GetRoleCredentials and Logout. GetRoleCredentials issues real lab
 * credentials ({@link LabCredentials}) for the permission set's role session in that account, so the emulator's
 * SigV4 check accepts them; {@code expiration} is in epoch milliseconds, as the API gives it. A missing, unknown or
 * expired token is UnauthorizedException (401); an account or role not assigned to the user is ForbiddenException
 * "No access" (403), as the portal answers.
 */
final class SsoPortalService extends RestJsonService {
    static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(1);
    private static final int DEFAULT_PAGE = 20;

    private final OidcService oidc;
    private final SsoDirectory directory;
    private final LabCredentials credentials;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SsoPortalService(Json json, OidcService oidc, SsoDirectory directory, LabCredentials credentials, Clock clock) {
        super(json);
        this.oidc = oidc;
        this.directory = directory;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "awsssoportal";
    }

    @Override
    public String operation(AwsRequest r) {
        String path = String.join("/", r.segments());
        return switch (r.method() + " " + path) {
            case "GET federation/credentials" -> "GetRoleCredentials";
            case "GET assignment/accounts" -> "ListAccounts";
            case "GET assignment/roles" -> "ListAccountRoles";
            case "POST logout" -> "Logout";
            default -> null;
        };
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        String token = r.headers().get("x-amz-sso_bearer_token");
        if (!oidc.validAccessToken(token)) {
            return error(r, 401, "UnauthorizedException", "Session token not found or invalid");
        }
        return switch (operation) {
            case "ListAccounts" -> page(r, directory.accounts().stream().map(a -> json.object().put("accountId", a.accountId())
                    .put("accountName", a.accountName()).put("emailAddress", a.emailAddress())).toList(), "accountList");
            case "ListAccountRoles" -> listAccountRoles(r);
            case "GetRoleCredentials" -> getRoleCredentials(r);
            case "Logout" -> {
                oidc.logout(token);
                yield AwsResponse.json(200, "application/json", "");
            }
            default -> unknownOperation(r);
        };
    }

    private AwsResponse listAccountRoles(AwsRequest r) {
        String account = r.params().get("account_id");
        if (account == null) {
            return error(r, 400, "InvalidRequestException", "account_id is required");
        }
        if (directory.account(account).isEmpty()) {
            return error(r, 403, "ForbiddenException", "No access");
        }
        return page(r, directory.roles(account).stream().map(n -> json.object().put("roleName", n).put("accountId", account))
                .toList(), "roleList");
    }

    private AwsResponse page(AwsRequest r, List<ObjectNode> items, String field) {
        int size = DEFAULT_PAGE;
        int start = 0;
        try {
            if (r.params().get("max_result") != null) {
                size = Integer.parseInt(r.params().get("max_result"));
            }
            if (r.params().get("next_token") != null) {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(r.params().get("next_token")), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return error(r, 400, "InvalidRequestException", "Invalid pagination parameters");
        }
        if (size < 1 || size > 100 || start < 0 || start > items.size()) {
            return error(r, 400, "InvalidRequestException", "Invalid pagination parameters");
        }
        int end = Math.min(items.size(), start + size);
        ObjectNode out = json.object();
        ArrayNode list = out.putArray(field);
        items.subList(start, end).forEach(list::add);
        if (end < items.size()) {
            out.put("nextToken", Base64.getUrlEncoder().encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
        } else {
            out.putNull("nextToken");
        }
        return ok(out);
    }

    private AwsResponse getRoleCredentials(AwsRequest r) {
        String account = r.params().get("account_id");
        String role = r.params().get("role_name");
        if (account == null || role == null) {
            return error(r, 400, "InvalidRequestException", "account_id and role_name are required");
        }
        if (!directory.assigned(account, role)) {
            return error(r, 403, "ForbiddenException", "No access");
        }
        String keyId = "ASIA" + hex(8).toUpperCase(Locale.ROOT);
        String secret = Base64.getEncoder().encodeToString(bytes(30));
        String sessionToken = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(bytes(120));
        credentials.issue(keyId, new Secret(secret, sessionToken), SsoDirectory.sessionArn(account, role));
        Instant expiration = clock.instant().plus(CREDENTIALS_LIFETIME);
        ObjectNode out = json.object();
        out.putObject("roleCredentials").put("accessKeyId", keyId).put("secretAccessKey", secret)
                .put("sessionToken", sessionToken).put("expiration", expiration.toEpochMilli());
        return ok(out);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String hex(int n) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes(n)) {
            s.append(String.format(Locale.ROOT, "%02x", b));
        }
        return s.toString();
    }
}
