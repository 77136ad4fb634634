package dev.hybridpane.app;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane lab`: the embedded lab without a window, for the aws CLI and kubectl. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the embedded lab without a window until interrupted, and print how to point "
                + "the aws CLI and kubectl at it.")
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lab-scale", paramLabel = "NODES", description = "Grow the first hybrid cluster to NODES hybrid nodes.")
    int labScale;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Where to write the lab's kubeconfig (default: a new temporary directory).")
    Path kubeconfig;

    @Option(names = "--flap-seconds", paramLabel = "S", defaultValue = "30",
            description = "How often a hybrid node flaps NotReady/Ready (0: never). Default: ${DEFAULT-VALUE}.")
    int flapSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LabWorld world = LabWorld.load().scaled(labScale);
        Lab lab = Lab.start(world, Duration.ofSeconds(flapSeconds));
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "hybridpane-lab-stop"));
        Path file = kubeconfig != null ? kubeconfig : Files.createTempDirectory("hybridpane-lab").resolve("kubeconfig");
        lab.writeKubeconfig(file);
        out.println(banner(lab, file));
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    static String banner(Lab lab, Path kubeconfig) {
        StringBuilder b = new StringBuilder();
        String region = lab.world().regions().get(0);
        b.append("HybridPane lab is running (started in ").append(lab.startupTime().toMillis()).append(" ms). Ctrl+C stops it.\n\n");
        b.append("AWS emulator    ").append(lab.awsEndpoint()).append("   (STS, EKS, EC2, IAM, SSM, Roles Anywhere)\n");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(lab.kubeEndpoints()).entrySet()) {
            b.append(String.format("Kubernetes API  %-30s %s%n", e.getKey(), e.getValue()));
        }
        b.append("\nPoint the aws CLI at it (the keys are dummies; the lab accepts any signature):\n");
        b.append("  export AWS_ENDPOINT_URL=").append(lab.awsEndpoint()).append('\n');
        b.append("  export AWS_ACCESS_KEY_ID=").append(Lab.ACCESS_KEY_ID).append('\n');
        b.append("  export AWS_SECRET_ACCESS_KEY=").append(Lab.SECRET_ACCESS_KEY).append('\n');
        b.append("  export AWS_REGION=").append(region).append('\n');
        b.append("  aws eks list-clusters\n");
        b.append("  aws eks describe-cluster --name ").append(lab.world().clusters().get(0).name()).append('\n');
        b.append("\nPoint kubectl at it (one context per cluster):\n");
        b.append("  export KUBECONFIG=").append(kubeconfig).append('\n');
        for (var c : lab.world().clusters()) {
            b.append("  kubectl --context ").append(c.name()).append(" get nodes\n");
        }
        return b.toString();
    }
}
