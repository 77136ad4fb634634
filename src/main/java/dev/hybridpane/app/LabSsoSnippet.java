package dev.hybridpane.app;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.aws.TotpMfaDevice;
import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of {@code hybridpane lab}'s banner about the lab's IAM Identity Center and MFA: an {@code ~/.aws/config}
 * snippet with an {@code [sso-session lab]} and profiles on it (the lab's account and the second account), an
 * assume-role profile whose role requires MFA, and the MFA device's TOTP seed (a throwaway lab value).
 */
public final class LabSsoSnippet {
    private static final Pattern DELAY = Pattern.compile("(\\d{1,6})(ms|s|m)");
    /** The snippet's profile for the second account (ReadOnlyAccess), which the lab's kubeconfig uses for its clusters. */
    public static final String STAGING_PROFILE = "lab-staging-sso";

    private LabSsoSnippet() {
    }

    /** "3s", "500ms", "1m"; empty for anything else. */
    static Optional<Duration> parseDelay(String text) {
        Matcher m = DELAY.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        });
    }

    /** The ~/.aws/config text: sso-session lab, profiles lab-sso and lab-staging-sso, lab-keys and lab-mfa. */
    static String config(Lab lab) {
        return config(lab.world(), lab.awsEndpoint());
    }

    /** As above, for a lab world whose AWS emulator is at {@code awsEndpoint}. */
    public static String config(LabWorld world, URI awsEndpoint) {
        String region = world.regions().get(0);
        String endpoint = awsEndpoint.toString();
        String account = world.accountId();
        String mfaRole = TotpMfaDevice.roleArns(account).get(1);
        return "[sso-session lab]\n"
                + "sso_start_url = " + SsoDirectory.START_URL + "\n"
                + "sso_region = " + region + "\n"
                + "sso_registration_scopes = sso:account:access\n\n"
                + "[profile lab-sso]\n"
                + "sso_session = lab\n"
                + "sso_account_id = " + account + "\n"
                + "sso_role_name = AdministratorAccess\n"
                + "region = " + region + "\n"
                + "endpoint_url = " + endpoint + "\n\n"
                + "[profile " + STAGING_PROFILE + "]\n"
                + "sso_session = lab\n"
                + "sso_account_id = " + SsoDirectory.SECOND_ACCOUNT_ID + "\n"
                + "sso_role_name = ReadOnlyAccess\n"
                + "region = " + region + "\n"
                + "endpoint_url = " + endpoint + "\n\n"
                + "[profile lab-keys]\n"
                + "aws_access_key_id = " + Lab.ACCESS_KEY_ID + "\n"
                + "aws_secret_access_key = " + Lab.SECRET_ACCESS_KEY + "\n"
                + "region = " + region + "\n"
                + "endpoint_url = " + endpoint + "\n\n"
                + "[profile lab-mfa]\n"
                + "role_arn = " + mfaRole + "\n"
                + "source_profile = lab-keys\n"
                + "mfa_serial = " + TotpMfaDevice.serial(account, world.userName()) + "\n"
                + "region = " + region + "\n"
                + "endpoint_url = " + endpoint + "\n";
    }

    /** The banner's section; {@code approveAfter} is the --sso-approve-after delay, or null. */
    static String section(Lab lab, Duration approveAfter) {
        StringBuilder b = new StringBuilder();
        b.append("\nIAM Identity Center (SSO) and MFA. Add this to ~/.aws/config (or a file named by AWS_CONFIG_FILE):\n\n");
        config(lab).lines().forEach(l -> b.append(l.isEmpty() ? "" : "  ").append(l).append('\n'));
        b.append("\n  hybridpane login --profile lab-sso          (or: aws sso login --profile lab-sso, with aws CLI v2)\n");
        b.append("  aws sts get-caller-identity --profile lab-sso\n");
        b.append("  aws eks list-clusters --profile ").append(STAGING_PROFILE).append("   (the second account, ")
                .append(SsoDirectory.SECOND_ACCOUNT_ID).append(", and its own clusters)\n");
        b.append("  A sign-in is approved when its verification page (printed by the login) is opened");
        b.append(approveAfter == null ? "; --sso-approve-after 3s approves it on its own.\n"
                : ", or on its own " + approveAfter.toMillis() + " ms after it starts.\n");
        b.append("  MFA device ").append(TotpMfaDevice.serial(lab.world().accountId(), lab.world().userName()))
                .append(", TOTP seed (base32) ").append(TotpMfaDevice.SECRET_BASE32).append('\n');
        b.append("  a code: oathtool --totp -b ").append(TotpMfaDevice.SECRET_BASE32)
                .append("   (or add the seed to an authenticator app)\n");
        b.append("  aws sts get-caller-identity --profile lab-mfa   (asks for the code)\n");
        return b.toString();
    }
}
