package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * AWS STS on the query protocol. GetCallerIdentity answers for the principal whose key signed the request (the lab
 * user for the lab's key, the assumed role for an STS session's key), whether the request is a signed form POST (the
 * SDK, the CLI) or a presigned GET (an EKS bearer token being checked).
 */
final class StsService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetCallerIdentity", "AssumeRole");
    private static final String NOT_AUTHORIZED = "User: %s is not authorized to perform: sts:AssumeRole on resource: %s";

    private final AwsState state;
    private final LabCredentials credentials;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StsService(AwsState state, LabCredentials credentials, Clock clock) {
        super("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");
        this.state = state;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    boolean supports(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        if ("GetCallerIdentity".equals(operation)) {
            String arn = credentials.principalArn(r.accessKeyId()).orElse(state.userArn());
            return result(operation, r, x -> x.leaf("Arn", arn).leaf("UserId", userId(arn))
                    .leaf("Account", arn.split(":")[4]));
        }
        if ("AssumeRole".equals(operation)) {
            return assumeRole(r);
        }
        return unknownOperation(r);
    }

    private AwsResponse assumeRole(AwsRequest r) {
        String roleArn = r.params().get("RoleArn");
        String sessionName = r.params().get("RoleSessionName");
        if (roleArn == null || sessionName == null) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value null at '"
                    + (roleArn == null ? "roleArn" : "roleSessionName") + "' failed to satisfy constraint: Member must not be null");
        }
        if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        int duration;
        try {
            duration = Integer.parseInt(r.params().getOrDefault("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            duration = -1;
        }
        if (duration < 900 || duration > 43200) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value '" + r.params().get("DurationSeconds")
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        String caller = credentials.principalArn(r.accessKeyId()).orElse(state.userArn());
        if (!caller.equals(state.userArn()) || !TotpMfaDevice.roleArns(state.accountId()).contains(roleArn)) {
            return error(r, 403, "AccessDenied", String.format(NOT_AUTHORIZED, caller, roleArn));
        }
        String serial = r.params().get("SerialNumber");
        String code = r.params().get("TokenCode");
        if (serial == null && code == null) {
            // the trust policy's condition aws:MultiFactorAuthPresent is not met
            return error(r, 403, "AccessDenied", String.format(NOT_AUTHORIZED, caller, roleArn));
        }
        if (serial == null || code == null) {
            return error(r, 403, "AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and "
                    + "one time pass code.");
        }
        if (!serial.equals(TotpMfaDevice.serial(state.accountId(), state.userName()))) {
            return error(r, 403, "AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.  Please "
                    + "verify your MFA serial number is valid and associated with this user.");
        }
        if (!TotpMfaDevice.accepts(code, clock.instant())) {
            return error(r, 403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        }
        String account = roleArn.split(":")[4];
        String roleName = roleArn.substring(roleArn.indexOf(":role/") + 6);
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        String keyId = "ASIA" + HexFormat.of().formatHex(bytes(8)).toUpperCase(Locale.ROOT);
        String secret = Base64.getEncoder().encodeToString(bytes(30));
        String token = "FwoGZXIvYXdzE" + Base64.getEncoder().encodeToString(bytes(120));
        credentials.issue(keyId, new Secret(secret, token), sessionArn);
        Instant expiration = clock.instant().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
        return result("AssumeRole", r, x -> x.open("Credentials").leaf("AccessKeyId", keyId).leaf("SecretAccessKey", secret)
                .leaf("SessionToken", token).leaf("Expiration", expiration.toString()).close("Credentials")
                .open("AssumedRoleUser").leaf("AssumedRoleId", userId(sessionArn)).leaf("Arn", sessionArn)
                .close("AssumedRoleUser"));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * GetCallerIdentity's UserId: the user's unique id (AIDA...) for the lab user; for an assumed role
     * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, "role id:session name" (STS API reference,
     * GetCallerIdentity examples), with a stable AROA... id derived from the role's name.
     */
    private String userId(String arn) {
        if (arn.equals(state.userArn())) {
            return state.userId();
        }
        String[] parts = arn.substring(arn.lastIndexOf(':') + 1).split("/");
        if (parts.length == 3 && "assumed-role".equals(parts[0])) {
            return "AROA" + Integer.toHexString(parts[1].hashCode()).toUpperCase(Locale.ROOT) + "LAB0EXAMPLE:" + parts[2];
        }
        return state.userId();
    }
}
