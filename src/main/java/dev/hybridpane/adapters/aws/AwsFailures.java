package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Translates SDK exceptions into {@link AwsFailure}: a kind the UI can act on and one sentence that names
 * the operation, who called it and what AWS said. Never includes credentials.
 */
final class AwsFailures {
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired");
    private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "AuthFailure", "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature");
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "NoSuchEntity", "NotFoundException");

    private AwsFailures() {
    }

    /**
     * @param operation e.g. "eks:DescribeCluster"
     * @param caller    the caller's ARN when known (from an earlier GetCallerIdentity), else the credentials' label
     */
    static AwsFailure translate(String operation, SdkException e, String caller) {
        if (e instanceof SdkServiceException sse && !hasCode(sse)) {
            return unexpected(operation, sse, caller);
        }
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String code = ase.awsErrorDetails().errorCode();
            String message = ase.awsErrorDetails().errorMessage();
            String aws = message == null || message.isBlank() ? code : message;
            FailureKind kind = kindOf(code, ase.statusCode());
            String sentence = switch (kind) {
                case ACCESS_DENIED -> operation + " was denied for " + caller + ": " + aws;
                case EXPIRED_CREDENTIALS -> operation + " failed: the credentials of " + caller
                        + " have expired; sign in again (for SSO: aws sso login). AWS said: " + aws;
                case UNAUTHORIZED -> operation + " failed: AWS rejected the credentials of " + caller + ": " + aws;
                case NOT_FOUND -> operation + " found nothing: " + aws;
                default -> operation + " failed (" + code + ", HTTP " + ase.statusCode() + "): " + aws;
            };
            return new AwsFailure(kind, operation, code, sentence, e);
        }
        CaBundleException bundle = causeOf(e, CaBundleException.class);
        if (bundle != null) {
            return new AwsFailure(FailureKind.UNREACHABLE, operation, null, operation + " could not run: "
                    + bundle.getMessage(), e);
        }
        SSLException tls = causeOf(e, SSLException.class);
        if (tls != null) {
            return new AwsFailure(FailureKind.UNREACHABLE, operation, null, operation + " could not reach AWS: "
                    + tlsSentence(tls), e);
        }
        String text = messages(e);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("sso session") && lower.contains("expired") || lower.contains("token is expired")
                || lower.contains("expiredtoken") || lower.contains("the security token included in the request is expired")) {
            return new AwsFailure(FailureKind.EXPIRED_CREDENTIALS, operation, null, operation + " could not run: the sign-in of "
                    + caller + " has expired; sign in again (for SSO: aws sso login). " + firstMessage(e), e);
        }
        if (lower.contains("unable to load credentials") || lower.contains("profile file contained no credentials")
                || lower.contains("no credentials")) {
            return new AwsFailure(FailureKind.NO_CREDENTIALS, operation, null,
                    operation + " could not run: no AWS credentials were found for " + caller + ".", e);
        }
        if (hasIoCause(e)) {
            return new AwsFailure(FailureKind.UNREACHABLE, operation, null,
                    operation + " could not reach AWS: " + rootMessage(e), e);
        }
        return new AwsFailure(FailureKind.OTHER, operation, null, operation + " failed: " + firstMessage(e), e);
    }

    private static boolean hasCode(SdkServiceException e) {
        return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null
                && !ase.awsErrorDetails().errorCode().isBlank();
    }

    /**
     * An answer with an HTTP status and no AWS error code: not AWS's own (a proxy, a wrong endpoint, a service that
     * changed), or a 401 whose body the JDK's HTTP client dropped. Only 401 and 403 say something about the caller; any
     * other status is no proof that a resource is absent, so it never reads as NOT_FOUND.
     */
    private static AwsFailure unexpected(String operation, SdkServiceException e, String caller) {
        int status = e.statusCode();
        String message = e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                ? ase.awsErrorDetails().errorMessage() : null;
        String said = message == null || message.isBlank() ? "" : ": " + firstLine(message);
        return switch (status) {
            case 401 -> new AwsFailure(FailureKind.UNAUTHORIZED, operation, null, operation
                    + " failed: AWS rejected the credentials of " + caller + " (HTTP 401, no AWS error code)" + said, e);
            case 403 -> new AwsFailure(FailureKind.ACCESS_DENIED, operation, null, operation + " was denied for " + caller
                    + " (HTTP 403, no AWS error code)" + said, e);
            default -> new AwsFailure(FailureKind.OTHER, operation, null, operation + " failed: the endpoint answered HTTP "
                    + status + " with no AWS error code" + (said.isEmpty() ? " (is the endpoint an AWS service for this call?)" : said), e);
        };
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static FailureKind kindOf(String code, int status) {
        if (code == null) {
            // EC2 answers an unknown key with 401 AuthFailure, and the JDK's HTTP client drops a 401's body
            return switch (status) {
                case 401 -> FailureKind.UNAUTHORIZED;
                case 403 -> FailureKind.ACCESS_DENIED;
                case 404 -> FailureKind.NOT_FOUND;
                default -> FailureKind.OTHER;
            };
        }
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")) {
            return FailureKind.ACCESS_DENIED;
        }
        if (EXPIRED.contains(code)) {
            return FailureKind.EXPIRED_CREDENTIALS;
        }
        if (REJECTED.contains(code)) {
            return FailureKind.UNAUTHORIZED;
        }
        if (NOT_FOUND.contains(code) || code.endsWith(".NotFound")) {
            return FailureKind.NOT_FOUND;
        }
        return FailureKind.OTHER;
    }

    /**
     * A certificate AWS's endpoint (or a proxy in between) presented that the trust store does not accept: behind a
     * TLS-inspecting proxy, the fix is the aws CLI's, a CA bundle.
     */
    /**
     * Why a call could not be sent safely, when that is the cause: an unusable CA bundle, or a TLS handshake that
     * failed (with the fix when the certificate is not trusted). For messages that are not {@link #translate}'s.
     */
    static Optional<String> tlsProblem(Throwable e) {
        CaBundleException bundle = causeOf(e, CaBundleException.class);
        if (bundle != null) {
            return Optional.of(bundle.getMessage());
        }
        SSLException tls = causeOf(e, SSLException.class);
        return tls == null ? Optional.empty() : Optional.of(tlsSentence(tls));
    }

    private static String tlsSentence(SSLException tls) {
        boolean untrusted = causeOf(tls, CertificateException.class) != null || causeOf(tls, CertPathBuilderException.class) != null
                || causeOf(tls, CertPathValidatorException.class) != null;
        if (!untrusted) {
            return "the TLS handshake failed (" + rootMessage(tls) + ").";
        }
        return "the endpoint's TLS certificate is not trusted (" + rootText(tls) + "). Behind a "
                + "TLS-inspecting proxy, set AWS_CA_BUNDLE (or ca_bundle in the profile) to a PEM file of its CA "
                + "certificates, as for the aws CLI.";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootText(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(' ');
            for (Throwable s : t.getSuppressed()) {
                sb.append(s.getMessage()).append(' ');
            }
        }
        return sb.toString();
    }

    private static String firstMessage(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": "
                + root.getMessage();
    }
}
