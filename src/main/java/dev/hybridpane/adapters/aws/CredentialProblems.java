package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Tells why a profile's credentials failed, from what the SDK threw and what the profile file says the profile is. The
 * SDK's own words, seen by resolving each kind of profile against a temporary config (see CredentialProblemsTest):
 * <ul>
 * <li>an sso-session profile not signed in: SdkClientException "Unable to load SSO token"; a legacy SSO profile (its
 * own sso_start_url): UncheckedIOException of a NoSuchFileException under ~/.aws/sso/cache;</li>
 * <li>an expired legacy SSO sign-in: the SSO client's ExpiredTokenException ("The SSO session associated with this
 * profile has expired…"); an expired sso-session token the SDK could not refresh: "Token is expired", or a
 * NullPointerException "clientId is null" when the cache holds no client registration to refresh with;</li>
 * <li>an assume-role profile: the source's own failure, unchanged (the profile is not named), or
 * IllegalStateException "The source profile of 'x' was configured to be 'y', but that source profile has no
 * credentials configured."; STS's own refusal comes as an StsException (mfa_serial is not used by the SDK);</li>
 * <li>credential_process: IllegalStateException "Failed to refresh process-based credentials." caused by "Command
 * returned non-zero exit value (N) with error message: STDERR", or by the JSON parser's error;</li>
 * <li>no credentials: SdkClientException "Profile file contained no credentials for profile 'x': ProfileFile(…)", or
 * "Unable to load credentials from any of the providers in the chain …".</li>
 * </ul>
 */
final class CredentialProblems {
    private static final Pattern PROCESS_STDERR = Pattern.compile("(?s)Command returned non-zero exit value \\((\\d+)\\)"
            + " with error message: (.*)");
    private static final String SSO_SESSION = "sso_session";
    private static final int MAX_STDERR = 800;
    private static final String SSO_LOGIN = "Sign in to AWS SSO (in HybridPane, or with: aws sso login --profile %s),"
            + " then refresh.";

    private CredentialProblems() {
    }

    /**
     * @param operation the call that failed, e.g. "eks:ListClusters"
     * @param region    the region of the call, or null
     * @return the problem, or empty when the failure is not about credentials or access (a network failure, a throttle)
     */
    static Optional<CredentialProblem> classify(String profile, ProfileFile file, String operation, String region,
            Throwable e) {
        Optional<AwsServiceException> service = serviceCause(e);
        if (service.isPresent() && !"Sts".equalsIgnoreCase(service.get().awsErrorDetails().serviceName())) {
            boolean denied = e instanceof AwsFailure f ? f.kind() == FailureKind.ACCESS_DENIED
                    : AwsFailures.kindOf(service.get().awsErrorDetails().errorCode(), service.get().statusCode())
                            == FailureKind.ACCESS_DENIED;
            if (denied && "eks:ListClusters".equals(operation)) {
                String where = region == null ? "" : " in " + region;
                return Optional.of(new CredentialProblem(Kind.ACCESS_DENIED, profile, null, region,
                        "Access denied to eks:ListClusters" + where, SecretMask.mask(awsMessage(service.get())),
                        "Ask your AWS administrator to allow eks:ListClusters and eks:DescribeCluster" + where
                                + " for the role of profile " + profile + ", or pick other regions.", null));
            }
            return Optional.empty();
        }
        return classify(profile, file, e, service.orElse(null), new HashSet<>());
    }

    private static Optional<CredentialProblem> classify(String profile, ProfileFile file, Throwable e,
            AwsServiceException sts, Set<String> seen) {
        seen.add(profile);
        Optional<Profile> p = file.profile(profile);
        String text = messages(e);
        String roleArn = property(p, ProfileProperty.ROLE_ARN);
        String source = property(p, ProfileProperty.SOURCE_PROFILE);
        if (roleArn != null) {
            String mfa = property(p, ProfileProperty.MFA_SERIAL);
            boolean noCode = text.contains(MfaAssumeRoleCredentials.NO_CODE);
            if (sts != null || text.contains("MultiFactorAuthentication") || noCode) {
                if (mfa != null) {
                    return Optional.of(new CredentialProblem(Kind.MFA_REQUIRED, profile, null, null,
                            "Profile " + profile + " needs an MFA code", "To assume " + roleArn + ", AWS asks for a code"
                            + " from the MFA device " + mfa + ". " + (sts != null ? SecretMask.mask(awsMessage(sts))
                                    : noCode ? "No code was given." : ""),
                            "Enter the code from your MFA device when HybridPane asks for it, then refresh.", null));
                }
                return Optional.empty(); // STS refused the role: the region's failure says what AWS said
            }
            if (source != null && !seen.contains(source)) {
                if (text.contains("but that source profile has no credentials configured")) {
                    return Optional.of(sourceFailed(profile, source, "Source profile " + source
                            + (file.profile(source).isPresent() ? " has no credentials configured."
                                    : " is not in your AWS config."),
                            "Give profile " + source + " credentials (aws configure --profile " + source
                                    + "), or point source_profile of " + profile + " at a profile that has them.", null));
                }
                Optional<CredentialProblem> inner = classify(source, file, e, null, seen);
                if (inner.isPresent()) {
                    CredentialProblem s = inner.get();
                    return Optional.of(sourceFailed(profile, source, s.title() + (s.detail().isEmpty() ? "."
                            : ": " + s.detail()), s.fix(), s.signInProfile()));
                }
            }
        }
        return own(profile, p, e, text);
    }

    private static CredentialProblem sourceFailed(String profile, String source, String detail, String fix,
            String signIn) {
        return new CredentialProblem(Kind.SOURCE_FAILED, profile, source, null, "Profile " + profile
                + " assumes a role with the credentials of profile " + source + ", which failed", detail, fix, signIn);
    }

    /** A profile's own credentials: SSO, a process, keys, or none. */
    private static Optional<CredentialProblem> own(String profile, Optional<Profile> p, Throwable e, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (property(p, ProfileProperty.CREDENTIAL_PROCESS) != null && (text.contains("process-based credentials")
                || text.contains("Command returned non-zero exit value"))) {
            Matcher m = PROCESS_STDERR.matcher(text);
            String detail = m.find() ? "It exited with status " + m.group(1) + (m.group(2).isBlank() ? "."
                    : " and said: " + SecretMask.mask(clip(m.group(2)))) : "Its output was not credentials: "
                            + SecretMask.mask(firstLine(innermost(e)));
            return Optional.of(new CredentialProblem(Kind.PROCESS_FAILED, profile, null, null,
                    "The credential_process of profile " + profile + " failed", detail,
                    "Run the command of credential_process in a terminal to see what it needs (a sign-in, a device),"
                            + " then refresh.", null));
        }
        boolean sso = property(p, SSO_SESSION) != null
                || property(p, ProfileProperty.SSO_START_URL) != null;
        if (sso) {
            String session = property(p, SSO_SESSION);
            String where = session != null ? "sso-session " + session : property(p, ProfileProperty.SSO_START_URL);
            if (text.contains("Unable to load SSO token") || has(e, NoSuchFileException.class)
                    && lower.contains("sso") && lower.contains("cache")) {
                return Optional.of(new CredentialProblem(Kind.SSO_NOT_SIGNED_IN, profile, null, null,
                        "Not signed in to AWS SSO", "Profile " + profile + " uses AWS SSO (" + where
                        + "), and there is no sign-in for it on this computer.", SSO_LOGIN.formatted(profile), profile));
            }
            if (lower.contains("token is expired") || lower.contains("has expired or is otherwise invalid")
                    || lower.contains("clientid is null") || lower.contains("session token not found or invalid")
                    || e.getClass().getSimpleName().contains("Expired")) {
                return Optional.of(new CredentialProblem(Kind.SSO_EXPIRED, profile, null, null,
                        "Your AWS SSO session has expired", "The sign-in of profile " + profile + " (" + where
                        + ") has expired and could not be refreshed.", SSO_LOGIN.formatted(profile), profile));
            }
        }
        if (text.contains("contained no credentials for profile")
                || text.contains("Unable to load credentials from any of the providers in the chain")) {
            return Optional.of(new CredentialProblem(Kind.NO_CREDENTIALS, profile, null, null,
                    "No AWS credentials for profile " + profile, "Neither the profile nor the environment gives"
                            + " HybridPane credentials to sign AWS requests with.",
                    "Set up credentials (aws configure sso, or aws configure), or try HybridPane on its embedded lab:"
                            + " start it with --lab.", null));
        }
        return Optional.empty();
    }

    private static String property(Optional<Profile> p, String name) {
        return p.flatMap(x -> x.property(name)).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static Optional<AwsServiceException> serviceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
                return Optional.of(ase);
            }
        }
        return Optional.empty();
    }

    private static String awsMessage(AwsServiceException e) {
        String m = e.awsErrorDetails().errorMessage();
        return m == null || m.isBlank() ? String.valueOf(e.awsErrorDetails().errorCode()) : m;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every message of the chain and its suppressed exceptions, the exceptions' types too. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                sb.append(s.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A process's stderr as the user sees it: trimmed, at most {@link #MAX_STDERR} characters. */
    private static String clip(String s) {
        String t = s.strip();
        return t.length() <= MAX_STDERR ? t : t.substring(0, MAX_STDERR) + " …";
    }

    private static String firstLine(String s) {
        String trimmed = s.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl) + " …";
    }
}
