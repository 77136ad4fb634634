package dev.hybridpane.lab.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lab user's virtual MFA device (a TOTP seed, {@link Totp}) and the roles whose trust policies require MFA
 * ({@code "Bool": {"aws:MultiFactorAuthPresent": "true"}}): one in the lab's account and one in the second account
 * (the usual cross-account pattern). STS accepts the code of the current 30-second step or of the step either side of
 * it, as authenticator apps and servers allow for clock drift (RFC 6238 section 5.2).
 */
public final class TotpMfaDevice {
    /** The device's seed, base32: a throwaway lab value that {@code hybridpane lab} prints (not a secret). */
    public static final String SECRET_BASE32 = "JBSWY3DPEHPK3PXPLABMFA2JOHNDOE4Q";
    public static final String ADMIN_ROLE = "HybridPaneAdminWithMfa";
    public static final String CROSS_ACCOUNT_ROLE = "HybridPaneStagingWithMfa";

    private TotpMfaDevice() {
    }

    /** The device's serial number: its ARN, arn:aws:iam::ACCOUNT:mfa/USER. */
    public static String serial(String accountId, String userName) {
        return "arn:aws:iam::" + accountId + ":mfa/" + userName;
    }

    /** The ARNs of the roles that require MFA. */
    public static List<String> roleArns(String primaryAccountId) {
        return List.of("arn:aws:iam::" + primaryAccountId + ":role/" + ADMIN_ROLE,
                "arn:aws:iam::" + SsoDirectory.SECOND_ACCOUNT_ID + ":role/" + CROSS_ACCOUNT_ROLE);
    }

    /** Whether {@code code} is the device's code at {@code now} (or one step before or after). */
    static boolean accepts(String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        Duration step = Duration.ofSeconds(Totp.STEP_SECONDS);
        for (Instant t : List.of(now.minus(step), now, now.plus(step))) {
            if (Totp.code(SECRET_BASE32, t).equals(code)) {
                return true;
            }
        }
        return false;
    }
}
