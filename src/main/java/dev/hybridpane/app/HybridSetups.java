package dev.hybridpane.app;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterAdmin;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.ui.HybridTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The UI's hybrid use cases, composed as {@code app.cli.CliEnvironment} composes them: one HybridSetupService per
 * AWS profile (opened on first use, kept until close), the workspace and journal files in the config dir.
 */
final class HybridSetups implements AutoCloseable {
    private final Function<String, AwsClientFactory> clients;
    private final Duration poll;
    private final Map<String, AwsClientFactory> open = new LinkedHashMap<>();
    private final Map<String, HybridSetupService> setups = new LinkedHashMap<>();
    private final JsonWorkspaceStore workspace;
    private final HybridTools tools;

    HybridSetups(Function<String, AwsClientFactory> clients, Path configDir, Duration poll) {
        this.clients = clients;
        this.poll = poll;
        this.workspace = new JsonWorkspaceStore(configDir);
        this.tools = new HybridTools(this::setup, new JsonJournalStore(configDir), new BcCertificateAuthority());
    }

    HybridTools tools() {
        return tools;
    }

    private synchronized HybridSetupService setup(String profile) {
        return setups.computeIfAbsent(profile, p -> {
            AwsClientFactory f = clients.apply(p);
            open.put(p, f);
            return new HybridSetupService(new SdkAwsPort(f), new SdkHybridAwsPort(f), new Fabric8ClusterAdmin(), workspace,
                    Clock.systemUTC(), poll);
        });
    }

    @Override
    public synchronized void close() {
        open.values().forEach(f -> {
            try {
                f.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        });
        open.clear();
        setups.clear();
    }
}
