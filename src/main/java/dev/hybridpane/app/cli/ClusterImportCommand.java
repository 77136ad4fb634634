package dev.hybridpane.app.cli;

import dev.hybridpane.core.hybrid.ImportReview;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.ClusterRef;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane cluster import`: check the hybrid requirements, show or apply HybridPane's manifest, record the cluster. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an EKS cluster: check the hybrid requirements, install HybridPane's manifest "
                + "(namespace, CRDs, RBAC) and record the cluster in this workstation's workspace.")
public final class ClusterImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "NAME")
    String cluster;

    @Option(names = "--region", required = true, paramLabel = "REGION")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (default: default).")
    String profile;

    @Option(names = "--lab", description = "Run against a freshly started embedded lab.")
    boolean lab;

    @Option(names = "--manifest-out", paramLabel = "FILE", description = "Also write the manifest here (for kubectl or GitOps).")
    Path manifestOut;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", description = "Print the checks and the plan; change nothing.")
        boolean plan;
        @Option(names = "--apply", description = "Apply the plan.")
        boolean apply;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CliEnvironment env = CliEnvironment.open(lab, profile, region)) {
            ImportReview review = env.setup().reviewImport(new ClusterRef(region, cluster));
            out.println("Hybrid requirements of " + cluster + " (" + region + "):");
            for (Check c : review.checks()) {
                out.printf("  [%s] %s: %s%n", c.status().name().toLowerCase(Locale.ROOT), c.title(), c.reason());
            }
            out.println("Manifest objects: " + review.footprint().present().size() + " present, "
                    + review.footprint().missing().size() + " missing");
            if (manifestOut != null) {
                Files.writeString(manifestOut, review.manifest(), StandardCharsets.UTF_8);
                out.println("Manifest written to " + manifestOut + " (kubectl apply -f " + manifestOut + ")");
            }
            Operation op = env.setup().planImport(review);
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
}
