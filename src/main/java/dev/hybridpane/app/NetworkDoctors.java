package dev.hybridpane.app;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.aws.SdkNetworkReadPort;
import dev.hybridpane.adapters.aws.SdkNetworkWritePort;
import dev.hybridpane.adapters.kube.Fabric8CniAffinity;
import dev.hybridpane.adapters.kube.Fabric8ClusterNetworkPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.hybrid.HybridAwsPort.TrustAnchor;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.HostProbes;
import dev.hybridpane.core.network.NetworkDoctor;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The network doctor and its fixes for one AWS account (its clients), shared by `hybridpane doctor` and the Network view:
 * the checks on the SDK and fabric8 adapters, the cluster opened with an EKS token, the hosts probed over SSH when an
 * identity is given, and the fixes applied through the operation engine with their journal in the cluster (the pools'
 * namespace), so another workstation sees and resumes them.
 */
public final class NetworkDoctors implements AutoCloseable {
    private final AwsClientFactory clients;
    private final SdkAwsPort aws;
    private final Fabric8ClusterPort clusters;
    private final EdgePort edge;
    private final Clock clock;

    public NetworkDoctors(AwsClientFactory clients, Fabric8ClusterPort clusters, EdgePort edge, Clock clock) {
        this.clients = clients;
        this.aws = new SdkAwsPort(clients);
        this.clusters = clusters;
        this.edge = edge;
        this.clock = clock;
    }

    private ClusterAccess access(Cluster c) {
        return new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                new CachingTokens(() -> aws.eksToken(c.ref()), clock));
    }

    /**
     * Every check of the cluster; the hosts of its pools too when {@code hosts} is not null (they are found in the
     * cluster's inventory and logged into with that identity).
     */
    public DoctorReport diagnose(ClusterRef ref, SshIdentity hosts, NetworkDoctor.Progress progress, CancelToken cancel) {
        NetworkDoctor doctor = new NetworkDoctor(aws, new SdkNetworkReadPort(clients), new SdkHybridAwsPort(clients),
                new SdkActivations(clients), new Fabric8ClusterNetworkPort(clusters, this::access), clock);
        if (hosts == null) {
            return doctor.run(new NetworkDoctor.Request(ref.name(), ref.region(), false), progress, cancel);
        }
        Cluster c = aws.describeCluster(ref);
        try (InventoryPort.Inventory inventory = new Fabric8InventoryPort(clusters).open(c.ref(), access(c))) {
            doctor = doctor.withHostProbes(new HostProbes(edge, HostProbes.PARALLEL, HostProbes.CONNECT, HostProbes.COMMAND,
                    clock).runner(HostProbes.inventory(inventory, hosts), rolesAnywhere(c)));
            return doctor.run(new NetworkDoctor.Request(ref.name(), ref.region(), true), progress, cancel);
        }
    }

    /**
     * The cluster's IAM Roles Anywhere pools (their profile version's credential provider), whose hosts' certificates are
     * checked, and the region's trust anchor CAs; none when the pools or profiles cannot be read (the other checks say why).
     */
    private HostProbes.RolesAnywhere rolesAnywhere(Cluster c) {
        Set<String> pools = new HashSet<>();
        try (PoolStore.Pools stored = new Fabric8PoolStore(clusters).open(c.ref(), access(c));
             ProfileStore.Profiles profiles = new Fabric8ProfileStore(clusters).open(c.ref(), access(c))) {
            for (PoolStore.Stored s : stored.list()) {
                profiles.get(s.pool().profile().name()).flatMap(p -> p.profile().version(s.pool().profile().version()))
                        .map(ProfileVersion::kubernetes).filter(k -> k.credentialProvider() == CredentialProvider.IAM_RA)
                        .ifPresent(k -> pools.add(s.pool().name()));
            }
        } catch (Exception e) {
            return HostProbes.RolesAnywhere.NONE;
        }
        if (pools.isEmpty()) {
            return HostProbes.RolesAnywhere.NONE;
        }
        List<String> cas;
        try {
            cas = new SdkHybridAwsPort(clients).listTrustAnchors(c.region()).stream().map(TrustAnchor::certificatePem)
                    .filter(p -> !p.isBlank()).toList();
        } catch (RuntimeException e) {
            cas = List.of();
        }
        return new HostProbes.RolesAnywhere(pools, cas);
    }

    /**
     * Applies the plan's automatic fixes, journaled in the cluster after every change (a re-run resumes), under the
     * cluster's network-fix Lease held for "CALLER_ARN on HOST" and released when the run ends; refused with a
     * {@link LockedException} naming the holder while another workstation holds it.
     */
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener) throws LockedException {
        Cluster c = aws.describeCluster(new ClusterRef(plan.region(), plan.cluster()));
        try (Fabric8PoolOps ops = Fabric8PoolOps.open(clusters, access(c));
             Fabric8CniAffinity cni = Fabric8CniAffinity.open(clusters, access(c))) {
            return new NetworkFixes(new SdkNetworkWritePort(clients), cni).apply(plan, new OperationEngine(ops.journals(), clock),
                    ops.lock(), holder(), cancel, listener);
        }
    }

    /** Who holds the fix's Lease: the caller's ARN (or the account's label) on this workstation's host name. */
    private String holder() {
        String who;
        try {
            who = aws.callerIdentity().arn();
        } catch (RuntimeException e) {
            who = clients.label();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return who + " on " + host;
    }

    @Override
    public void close() {
        aws.close();
    }
}
