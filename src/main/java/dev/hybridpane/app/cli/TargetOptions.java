package dev.hybridpane.app.cli;

import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.ClusterRef;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What every plan-then-apply command shares: the target cluster, where AWS is, and --plan or --apply. */
final class TargetOptions {
    @Option(names = "--cluster", required = true, paramLabel = "NAME")
    String cluster;

    @Option(names = "--region", required = true, paramLabel = "REGION")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (default: default).")
    String profile;

    @Option(names = "--lab", description = "Run against a freshly started embedded lab.")
    boolean lab;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", description = "Print the plan; change nothing.")
        boolean plan;
        @Option(names = "--apply", description = "Apply the plan.")
        boolean apply;
    }

    ClusterRef ref() {
        return new ClusterRef(region, cluster);
    }

    CliEnvironment open() {
        return CliEnvironment.open(lab, profile, region);
    }

    /** Prints the plan; with --plan stops there (exit 0), with --apply runs it (exit 0 success, 1 failure). */
    int planThenApply(CliEnvironment env, Operation op, PrintWriter out) {
        out.println();
        out.print(op.planText());
        out.flush();
        if (mode.plan) {
            out.println("\nNothing was changed (--plan).");
            return 0;
        }
        return env.run(op, out);
    }
}
