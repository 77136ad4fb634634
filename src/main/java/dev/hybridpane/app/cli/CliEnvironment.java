package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterAdmin;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.app.JsonJournalStore;
import dev.hybridpane.app.JsonWorkspaceStore;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What a CLI command runs against: the embedded lab (--lab) or an AWS profile, with the workstation's stores. */
final class CliEnvironment implements AutoCloseable {
    /** The lab this environment started and closes (null: AWS, or the tests' shared lab). */
    private final Lab lab;
    private final AwsClientFactory clients;
    private final SdkAwsPort aws;
    private final HybridSetupService setup;
    private final OperationEngine engine;

    /** {@code lab}: the lab this environment started and closes (null for AWS, or a test's shared lab). */
    private CliEnvironment(Lab lab, boolean onLab, AwsClientFactory clients, Path configDir) {
        this.lab = lab;
        this.clients = clients;
        this.aws = new SdkAwsPort(clients);
        this.setup = new HybridSetupService(aws, new SdkHybridAwsPort(clients), new Fabric8ClusterAdmin(),
                new JsonWorkspaceStore(configDir), Clock.systemUTC(), Duration.ofSeconds(onLab ? 1 : 10));
        this.engine = new OperationEngine(new JsonJournalStore(configDir), Clock.systemUTC());
    }

    static CliEnvironment open(boolean useLab, String profile, String region) {
        Path config = ConfigDirs.current();
        if (useLab) {
            // tests: a lab already running (PoolEnvironment.sharedLab) is used and left running
            Lab shared = PoolEnvironment.sharedLab;
            Lab lab = shared != null ? shared : Lab.start(LabWorld.load(), null);
            return new CliEnvironment(shared != null ? null : lab, true, AwsClientFactory.forEndpoint(lab.awsEndpoint(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, region), config.resolve("lab"));
        }
        return new CliEnvironment(null, false, AwsClientFactory.forProfile(profile == null ? "default" : profile,
                TerminalMfaPrompt.INSTANCE), config);
    }

    HybridSetupService setup() {
        return setup;
    }

    /** Runs the operation with plain progress lines; Ctrl+C cancels between steps. Returns the exit code. */
    int run(Operation op, PrintWriter out) {
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel, "hybridpane-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicInteger logged = new AtomicInteger();
        Journal end = engine.run(op, cancel, j -> {
            for (int i = logged.get(); i < j.log().size(); i++) {
                out.println("  " + j.log().get(i).text());
            }
            logged.set(j.log().size());
            out.flush();
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        out.println(end.status() == OperationStatus.SUCCEEDED ? "OK: " + op.title() + " finished (" + end.doneCount() + "/"
                + end.steps().size() + " steps in place)" : end.status() + ": " + end.error());
        out.flush();
        return end.status() == OperationStatus.SUCCEEDED ? 0 : 1;
    }

    @Override
    public void close() {
        aws.close();
        if (lab != null) {
            lab.close();
        }
    }
}
