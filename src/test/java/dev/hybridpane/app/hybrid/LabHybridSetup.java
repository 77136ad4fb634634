package dev.hybridpane.app.hybrid;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterAdmin;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.hybrid.MemoryWorkspaceStore;
import dev.hybridpane.core.hybrid.WorkspaceStore;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.time.Clock;
import java.time.Duration;

/** The production adapters wired to a fresh lab, for the issue-3 integration tests. */
final class LabHybridSetup implements AutoCloseable {
    final Lab lab = Lab.start(LabWorld.load(), null);
    final SdkAwsPort aws;
    final HybridSetupService setup;
    final WorkspaceStore workspace = new MemoryWorkspaceStore();
    final JournalStore journals = new MemoryJournalStore();
    final OperationEngine engine = new OperationEngine(journals, Clock.systemUTC());

    LabHybridSetup() {
        lab.aws().setUpdateDelay(Duration.ZERO);
        AwsClientFactory clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        aws = new SdkAwsPort(clients);
        setup = new HybridSetupService(aws, new SdkHybridAwsPort(clients), new Fabric8ClusterAdmin(), workspace, Clock.systemUTC(),
                Duration.ofMillis(20));
    }

    @Override
    public void close() {
        aws.close();
        lab.close();
    }
}
