package dev.hybridpane.app;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterAdmin;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.ui.HybridTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

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
        this.tools = new HybridTools(this::setup, new JsonJournalStore(configDir), new LazyCertificateAuthority());
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

    /**
     * Creates the Bouncy Castle CA on first use: loading its signed jars costs startup time that only the
     * Roles Anywhere steps need.
     */
    private static final class LazyCertificateAuthority implements CertificateAuthorityPort {
        private CertificateAuthorityPort ca;

        private synchronized CertificateAuthorityPort ca() {
            if (ca == null) {
                ca = new BcCertificateAuthority();
            }
            return ca;
        }

        @Override
        public CaCertificate read(Path certificatePem) {
            return ca().read(certificatePem);
        }

        @Override
        public CaCertificate generate(String commonName, int validDays, Path certFile, Path keyFile) {
            return ca().generate(commonName, validDays, certFile, keyFile);
        }

        @Override
        public CaKey readKey(Path keyFile, Supplier<char[]> passphrase) {
            return ca().readKey(keyFile, passphrase);
        }
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
