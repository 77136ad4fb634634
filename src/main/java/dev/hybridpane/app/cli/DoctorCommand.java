package dev.hybridpane.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.ReportJson;
import dev.hybridpane.domain.network.ReportMarkdown;
import dev.hybridpane.domain.network.ReportText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane doctor --cluster C --region R [--hosts] [-o text|json|markdown] [--strict] [--fix [--plan|--apply]]`: checks
 * every hybrid network requirement of the cluster and prints the report. With --fix it also prints the fix plan (one line
 * per automatic change, the manual fixes per site); with --fix --apply it applies the changes as a journaled operation and
 * runs the doctor again. Exit 0 when nothing fails, 1 when a check fails (--strict: a warning or unknown too), the fixes
 * failed or the run was cancelled, 2 for invalid input (a bad option, no such cluster).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check a hybrid cluster's network requirements (AWS, "
        + "cluster and, with --hosts, each host over SSH); --fix plans or applies the automatic fixes.")
public final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Tests only: how a session is opened (default: AWS or the lab, from the options). */
    static volatile Function<DoctorCommand, DoctorSession> sessions = AwsDoctorSession::open;

    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Option(names = "--hosts", description = "Probe each pool host over SSH too (route, firewall, time, API); needs --ssh-key.")
    boolean hosts;
    @Option(names = "--ssh-key", paramLabel = "KEY", description = "Private key file to log in to the hosts (with --hosts).")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Trusted host keys (default: HybridPane's own known_hosts).")
    Path knownHosts;
    @Option(names = {"-o", "--output"}, paramLabel = "text|json|markdown", defaultValue = "text",
            description = "Report format (default text).")
    String output;
    @Option(names = "--strict", description = "Exit 1 on a warning or an unknown check too.")
    boolean strict;
    @Option(names = "--fix", description = "Plan the fixes of what fails (with --apply: apply them, then check again).")
    boolean fix;
    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", description = "With --fix: print the plan only (the default).")
        boolean plan;
        @Option(names = "--apply", description = "With --fix: apply the automatic fixes, then run the doctor again.")
        boolean apply;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = problem();
        if (problem != null) {
            err.println(problem);
            err.flush();
            return 2;
        }
        CancelToken cancel = new CancelToken();
        CliInterrupt interrupt = CliInterrupt.cancelling(cancel);
        int code = 1;
        try (DoctorSession session = sessions.apply(this)) {
            code = run(session, cancel, out, err);
            return code;
        } catch (AwsFailure f) {
            err.println(f.getMessage());
            err.flush();
            code = f.kind() == FailureKind.NOT_FOUND ? 2 : 1;
            return code;
        } catch (OperationCancelledException e) {
            err.println("Cancelled: the doctor stopped before every check ran.");
            err.flush();
            return code;
        } catch (RuntimeException e) {
            err.println(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            err.flush();
            return code;
        } finally {
            interrupt.finished(code);
        }
    }

    /** The one line that says what is wrong with the options, or null. */
    String problem() {
        if (!List.of("text", "json", "markdown").contains(output)) {
            return "-o: write text, json or markdown, not " + output + ".";
        }
        if (mode != null && !fix) {
            return (mode.apply ? "--apply" : "--plan") + ": only with --fix.";
        }
        if (target.cluster.isBlank() || target.region.isBlank()) {
            return target.cluster.isBlank() ? "--cluster: a cluster name." : "--region: a region such as us-west-2.";
        }
        if (!target.region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            return "--region: a region such as us-west-2, not " + target.region + ".";
        }
        if (hosts && sshKey == null) {
            return "--ssh-key: needed with --hosts (the hosts are reached over SSH).";
        }
        if (sshKey != null && !sshKey.toFile().canRead()) {
            return "--ssh-key: cannot read " + sshKey + ".";
        }
        return null;
    }

    private int run(DoctorSession session, CancelToken cancel, PrintWriter out, PrintWriter err) {
        DoctorReport report = session.diagnose(target.cluster, target.region, hosts, cancel);
        if (!fix) {
            out.print(render(report));
            out.flush();
            return report.exitCode(strict);
        }
        FixPlan plan = NetworkFixes.plan(report);
        boolean apply = mode != null && mode.apply;
        boolean json = output.equals("json");
        if (!apply || plan.changes().isEmpty()) {
            if (json) {
                ObjectNode root = JSON.createObjectNode();
                root.set("report", ReportJson.tree(report));
                root.set("fixPlan", planJson(plan));
                out.print(json(root));
            } else {
                out.print(render(report));
                out.println();
                out.print(plan.text());
                out.println(apply ? "\nNothing to apply: no automatic change." : "\nNothing was changed (--plan; --apply applies it).");
            }
            out.flush();
            return report.exitCode(strict);
        }
        // the run's log goes to stderr with -o json, so that stdout stays one JSON document
        PrintWriter log = json ? err : out;
        if (!json) {
            out.print(render(report));
            out.println();
            out.print(plan.text());
            out.println();
        }
        AtomicInteger printed = new AtomicInteger();
        Journal j;
        try {
            j = session.applyFixes(plan, cancel, journal -> JournalLines.print(journal, printed, log));
        } catch (LockedException e) {
            err.println(NetworkFixes.refusal(target.cluster, e));
            err.flush();
            return 1;
        }
        if (j.status() != OperationStatus.SUCCEEDED) {
            err.println((j.status() == OperationStatus.CANCELLED ? "" : j.status() + ": ") + (j.error() == null
                    ? "the fixes did not finish" : j.error()) + "; running `hybridpane doctor --fix --apply` again resumes them.");
            err.flush();
            return 1;
        }
        log.println("Checking again after the fixes.");
        log.flush();
        DoctorReport after = session.diagnose(target.cluster, target.region, hosts, cancel);
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.set("report", ReportJson.tree(report));
            root.set("fixPlan", planJson(plan));
            root.put("fixStatus", j.status().name().toLowerCase(Locale.ROOT));
            root.set("after", ReportJson.tree(after));
            out.print(json(root));
        } else {
            out.println();
            out.print(render(after));
        }
        out.flush();
        return after.exitCode(strict);
    }

    private String render(DoctorReport r) {
        return switch (output) {
            case "json" -> ReportJson.render(r);
            case "markdown" -> ReportMarkdown.render(r);
            default -> ReportText.render(r);
        };
    }

    static ObjectNode planJson(FixPlan plan) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode changes = o.putArray("changes");
        for (FixPlan.Change c : plan.changes()) {
            ObjectNode x = changes.addObject();
            x.put("action", c.action());
            x.put("line", c.line());
            ObjectNode params = x.putObject("params");
            c.params().forEach(params::put);
            c.checkIds().forEach(x.putArray("checks")::add);
        }
        ArrayNode manual = o.putArray("manual");
        for (FixPlan.Manual m : plan.manual()) {
            ObjectNode x = manual.addObject();
            x.put("site", m.site());
            x.put("check", m.checkId());
            x.put("title", m.title());
            x.put("description", m.description());
            x.put("snippet", m.snippet());
        }
        plan.problems().forEach(o.putArray("problems")::add);
        return o;
    }

    private static String json(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
