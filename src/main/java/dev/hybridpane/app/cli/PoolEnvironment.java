package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryException;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolStoreException;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.PoolFormatException;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pool command runs against: the embedded lab (--lab) or an AWS profile; the cluster's pools, profiles and
 * inventory opened with the console's own EKS token; SSH with HybridPane's known_hosts.
 */
final class PoolEnvironment implements AutoCloseable {
    /** Tests only: a lab already running that --lab uses (and leaves running), so several commands share its state. */
    static volatile Lab sharedLab;

    private final Lab ownLab;
    private final AwsClientFactory clients;
    final SdkAwsPort aws;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Fabric8ClusterPort clusters = new Fabric8ClusterPort();
    private ClusterAccess access;
    private MinaEdgePort edge;

    private PoolEnvironment(Lab ownLab, AwsClientFactory clients) {
        this.ownLab = ownLab;
        this.clients = clients;
        this.aws = new SdkAwsPort(clients);
    }

    static PoolEnvironment open(PoolTarget target) {
        if (target.lab) {
            Lab shared = sharedLab;
            Lab lab = shared != null ? shared : Lab.start(LabWorld.load(), null);
            return new PoolEnvironment(shared != null ? null : lab, AwsClientFactory.forEndpoint(lab.awsEndpoint(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, target.region));
        }
        return new PoolEnvironment(null, AwsClientFactory.forProfile(target.profile == null ? "default" : target.profile,
                TerminalMfaPrompt.INSTANCE));
    }

    private ClusterAccess access(ClusterRef ref) {
        if (access == null) {
            Cluster c = aws.describeCluster(ref);
            access = new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                    new CachingTokens(() -> aws.eksToken(ref), Clock.systemUTC()));
        }
        return access;
    }

    private <T extends AutoCloseable> T keep(T t) {
        opened.add(t);
        return t;
    }

    PoolStore.Pools pools(ClusterRef ref) {
        return keep(new Fabric8PoolStore(clusters).open(ref, access(ref)));
    }

    ProfileStore.Profiles profiles(ClusterRef ref) {
        return keep(new Fabric8ProfileStore(clusters).open(ref, access(ref)));
    }

    InventoryPort.Inventory inventory(ClusterRef ref) {
        return keep(new Fabric8InventoryPort(clusters).open(ref, access(ref)));
    }

    /** The Kubernetes API of the cluster for journals and locks (in hybridpane-system). */
    Fabric8PoolOps ops(ClusterRef ref) {
        return keep(Fabric8PoolOps.open(clusters, access(ref)));
    }

    PoolService service(Path knownHosts) {
        return new PoolService(aws, iam(), ssm(), edge(knownHosts), Clock.systemUTC());
    }

    /** Node removals, reaching hosts over SSH with this known_hosts. */
    NodeRemovalService removals(Path knownHosts) {
        return new NodeRemovalService(new SdkActivations(clients), edge(knownHosts), Clock.systemUTC());
    }

    /** SSH with this known_hosts file, for a command that reaches the hosts itself (one per environment). */
    MinaEdgePort edge(Path knownHosts) {
        if (edge == null) {
            edge = keep(new MinaEdgePort(new FileKnownHostsStore(knownHosts)));
        }
        return edge;
    }

    /** IAM and Roles Anywhere (trust anchors, profiles). */
    SdkHybridAwsPort iam() {
        return new SdkHybridAwsPort(clients);
    }

    /** SSM activations and managed instances. */
    SdkActivations ssm() {
        return new SdkActivations(clients);
    }

    /** Who runs an operation: the caller's IAM identity. */
    String caller() {
        return aws.callerIdentity().arn();
    }

    interface Body {
        int run(PoolEnvironment env) throws Exception;
    }

    /** Runs a command's body; a failure is one line: invalid input exit 2, anything else that failed exit 1. */
    static int run(PoolTarget target, PrintWriter err, Body body) throws Exception {
        try (PoolEnvironment env = open(target)) {
            return body.run(env);
        } catch (PoolStoreException | ProfileStoreException | InventoryException | AwsFailure e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        } catch (PoolFormatException e) {
            err.println("invalid: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing: nothing more to do
            }
        }
        aws.close();
        if (ownLab != null) {
            ownLab.close();
        }
    }
}
