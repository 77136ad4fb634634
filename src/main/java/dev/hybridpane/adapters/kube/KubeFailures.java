package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ConnectionState.Failed;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Turns whatever fabric8 throws into a Failed state with a sentence for the user. Never leaks a token. */
final class KubeFailures {
    private static final Pattern SECRETS = Pattern.compile("(k8s-aws-v1\\.[A-Za-z0-9_\\-]+|(?i:bearer)\\s+\\S+)");

    private KubeFailures() {
    }

    static Failed classify(Throwable t, String endpoint) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Fabric8ClusterPort.MissingContext m) {
                return m.toState();
            }
            if (c instanceof AwsFailure aws) {
                return new Failed(aws.kind(), scrub(aws.getMessage()));
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() > 0) {
                return byStatus(k.getCode(), endpoint);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (unreachable(c)) {
                return new Failed(FailureKind.UNREACHABLE, "Cannot reach " + endpoint + ": for a private endpoint you need network "
                        + "access to the VPC (VPN/Direct Connect) and DNS that resolves it.");
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new Failed(FailureKind.OTHER, "Cannot read nodes from " + endpoint + ": " + scrub(detail));
    }

    static Failed byStatus(int code, String endpoint) {
        return switch (code) {
            case 401 -> new Failed(FailureKind.UNAUTHORIZED, "The API server rejected the token (401): check the clock, the "
                    + "cluster name, or whether your identity has an access entry.");
            case 403 -> new Failed(FailureKind.FORBIDDEN, "Your identity lacks permission to list nodes and events (403): "
                    + "give its access entry a policy such as AmazonEKSViewPolicy, or RBAC that allows list and watch.");
            case 404 -> new Failed(FailureKind.NOT_FOUND, "The API server at " + endpoint + " does not serve nodes (404): "
                    + "is this a Kubernetes API endpoint?");
            default -> new Failed(FailureKind.OTHER, "The API server at " + endpoint + " answered HTTP " + code
                    + " when listing nodes.");
        };
    }

    private static boolean unreachable(Throwable c) {
        if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof SocketTimeoutException
                || c instanceof NoRouteToHostException || c instanceof TimeoutException) {
            return true;
        }
        String name = c.getClass().getName();
        String msg = c.getMessage() == null ? "" : c.getMessage();
        return name.contains("ConnectTimeout") || name.contains("UnresolvedAddress") || msg.contains("Connection refused")
                || msg.contains("Failed to resolve") || msg.contains("timed out");
    }

    static String scrub(String s) {
        return s == null ? "" : SECRETS.matcher(s).replaceAll("****");
    }
}
