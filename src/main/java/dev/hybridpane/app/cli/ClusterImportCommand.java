package dev.hybridpane.app.cli;

import dev.hybridpane.core.hybrid.ImportReview;
import dev.hybridpane.domain.Check;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    TargetOptions target;

    @Option(names = "--manifest-out", paramLabel = "FILE", description = "Also write the manifest here (for kubectl or GitOps).")
    Path manifestOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CliEnvironment env = target.open()) {
            ImportReview review = env.setup().reviewImport(target.ref());
            out.println("Hybrid requirements of " + target.cluster + " (" + target.region + "):");
            for (Check c : review.checks()) {
                out.printf("  [%s] %s: %s%n", c.status().name().toLowerCase(Locale.ROOT), c.title(), c.reason());
            }
            out.println("Manifest objects: " + review.footprint().present().size() + " present, "
                    + review.footprint().missing().size() + " missing");
            if (manifestOut != null) {
                Files.writeString(manifestOut, review.manifest(), StandardCharsets.UTF_8);
                out.println("Manifest written to " + manifestOut + " (kubectl apply -f " + manifestOut + ")");
            }
            return target.planThenApply(env, env.setup().planImport(review), out);
        }
    }
}
