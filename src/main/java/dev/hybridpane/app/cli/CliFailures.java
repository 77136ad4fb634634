package dev.hybridpane.app.cli;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.edge.EdgeException;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's last net: whatever a command lets out (an AWS, Kubernetes or SSH failure, or a bug) ends it with ONE line on
 * stderr that names the call and the reason, and exit 1. The stack trace follows only with the global {@code --debug}.
 * The adapters translate their failures first (AwsFailure, EdgeException); this only words what reaches it.
 */
public final class CliFailures implements IExecutionExceptionHandler {
    /** The global option that adds the stack trace. */
    public static final String DEBUG = "--debug";

    private static final Pattern SECRETS = Pattern.compile("(k8s-aws-v1\\.[A-Za-z0-9_\\-]+|(?i:bearer)\\s+\\S+)");
    /** fabric8's "Failure executing: GET at: https://…/api/v1/nodes. Message: Forbidden. Received status: …". */
    private static final Pattern KUBE = Pattern.compile("Failure executing: (\\S+ at: \\S+?)\\.? Message: (.*?)(?:\\. Received status:.*)?$",
            Pattern.DOTALL);
    private static final Pattern KUBE_CODE = Pattern.compile("Received status: Status\\(.*?\\bcode=(\\d{3})");
    private static final String KUBE_EXCEPTION = "io.fabric8.kubernetes.client.KubernetesClientException";
    private static final int MAX = 400;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = debug(parseResult);
        err.println(line(ex, commandLine.getCommandSpec().qualifiedName())
                + (debug || explained(ex) ? "" : " (" + DEBUG + " shows where)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** Whether --debug was given to the command or any command above it. */
    static boolean debug(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is one an adapter worded for the user (no trace needed to understand it). */
    static boolean explained(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsFailure || t instanceof EdgeException || isKube(t)) {
                return true;
            }
        }
        return false;
    }

    /** One line: the call and the reason, never a class name of ours, a token or a second line. */
    static String line(Throwable e, String command) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsFailure || t instanceof EdgeException) {
                return oneLine(t.getMessage());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isKube(t)) {
                return kube(t);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage();
        String why = root.getMessage();
        String reason;
        if (why == null || why.isBlank()) {
            reason = top == null || top.isBlank() ? "an unexpected " + root.getClass().getSimpleName() : top;
        } else if (top != null && !top.isBlank() && root != e && !top.contains(why)) {
            reason = top + ": " + why;
        } else {
            reason = top == null || top.isBlank() ? why : top;
        }
        return command + " failed: " + oneLine(reason);
    }

    /**
     * fabric8's exception, known by its name: only the adapters may depend on fabric8 (LayerRulesTest), and this net
     * only words what an adapter let through.
     */
    static boolean isKube(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(KUBE_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private static String kube(Throwable k) {
        String message = k.getMessage() == null ? "" : k.getMessage();
        Matcher code = KUBE_CODE.matcher(message);
        String status = code.find() ? "HTTP " + code.group(1) : "no answer";
        Matcher m = KUBE.matcher(message.strip());
        if (m.matches()) {
            return oneLine("Kubernetes API " + m.group(1) + " failed (" + status + "): " + m.group(2));
        }
        String reason = message.isBlank() && k.getCause() != null ? String.valueOf(k.getCause().getMessage()) : message;
        return oneLine("Kubernetes API call failed (" + status + "): " + reason);
    }

    /** The text on one line, secrets masked, at most {@value #MAX} characters. */
    static String oneLine(String text) {
        String s = text == null ? "" : SECRETS.matcher(text).replaceAll("****");
        s = String.join("; ", s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (s.length() > MAX) {
            s = s.substring(0, MAX) + "…";
        }
        return s.isEmpty() ? "failed" : s;
    }
}
