package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.aws.SdkNetworkReadPort;
import dev.hybridpane.adapters.aws.SdkNetworkWritePort;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8CniAffinity;
import dev.hybridpane.adapters.kube.Fabric8ClusterNetworkPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.app.JsonJournalStore;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.network.ClusterNetworkPort;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.HostProbeRunner;
import dev.hybridpane.core.network.HostProbes;
import dev.hybridpane.core.network.NetworkDoctor;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * `hybridpane doctor` against AWS (a profile; AWS_ENDPOINT_URL is honoured by the SDK) or the lab (--lab): the network
 * doctor on the SDK and fabric8 adapters, host probes over SSH with HybridPane's known_hosts, and the fixes journaled on
 * this workstation (operations/network-fix-REGION-CLUSTER.json; under lab/ for the lab), so a re-run resumes them.
 */
final class AwsDoctorSession implements DoctorSession {
    /** Tests only: where the fixes' journals go instead of the workstation's config directory. */
    static volatile Path journalsDir;

    private final Lab ownLab;
    private final AwsClientFactory clients;
    private final SdkAwsPort aws;
    private final Fabric8ClusterPort clusters = new Fabric8ClusterPort();
    private final OperationEngine engine;
    private final DoctorCommand options;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private AwsDoctorSession(Lab ownLab, AwsClientFactory clients, Path journals, DoctorCommand options) {
        this.ownLab = ownLab;
        this.clients = clients;
        this.aws = new SdkAwsPort(clients);
        this.engine = new OperationEngine(new JsonJournalStore(journals), Clock.systemUTC());
        this.options = options;
    }

    static DoctorSession open(DoctorCommand c) {
        Path config = journalsDir != null ? journalsDir : ConfigDirs.current();
        if (c.target.lab) {
            Lab shared = PoolEnvironment.sharedLab;
            Lab lab = shared != null ? shared : Lab.start(LabWorld.load(), null);
            return new AwsDoctorSession(shared != null ? null : lab, AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID,
                    Lab.SECRET_ACCESS_KEY, c.target.region), config.resolve("lab"), c);
        }
        return new AwsDoctorSession(null, AwsClientFactory.forProfile(c.target.profile == null ? "default" : c.target.profile), config, c);
    }

    private ClusterAccess access(Cluster c) {
        return new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                new CachingTokens(() -> aws.eksToken(c.ref()), Clock.systemUTC()));
    }

    @Override
    public DoctorReport diagnose(String cluster, String region, boolean hosts, CancelToken cancel) {
        NetworkDoctor doctor = new NetworkDoctor(aws, new SdkNetworkReadPort(clients), new SdkHybridAwsPort(clients),
                new SdkActivations(clients), clusterSide(), Clock.systemUTC());
        if (hosts) {
            doctor = doctor.withHostProbes(this::probeHosts);
        }
        return doctor.run(new NetworkDoctor.Request(cluster, region, hosts), NetworkDoctor.Progress.NONE, cancel);
    }

    /** The cluster's side of the doctor through its Kubernetes API, opened with the console's EKS token. */
    private ClusterNetworkPort clusterSide() {
        return new Fabric8ClusterNetworkPort(clusters, this::access);
    }

    /** The hosts of the cluster's pools, found in its inventory and reached over SSH with the --ssh-key. */
    private List<DoctorCheck> probeHosts(HostProbeRunner.Context ctx, List<HostProbeRunner.Target> targets, CancelToken cancel) {
        Cluster c = aws.describeCluster(ctx.cluster());
        InventoryPort.Inventory inventory = keep(new Fabric8InventoryPort(clusters).open(c.ref(), access(c)));
        Path known = options.knownHosts != null ? options.knownHosts : ConfigDirs.current().resolve("known_hosts");
        MinaEdgePort edge = keep(new MinaEdgePort(new FileKnownHostsStore(known)));
        Function<String, Optional<HostProbes.Reach>> reach = HostProbes.inventory(inventory, new SshIdentity(options.sshKey, null));
        List<HostProbes.Target> hosts = new ArrayList<>();
        for (HostProbeRunner.Target t : targets) {
            Optional<HostProbes.Reach> r = reach.apply(t.host());
            hosts.add(new HostProbes.Target(t.host(), r.map(HostProbes.Reach::edge).orElse(null), ctx.vpcCidrs(), t.vpnServerIp(),
                    CniKind.parse(ctx.cni()), ctx.apiEndpointHost(), 443, t.pool(), t.site(), r.map(HostProbes.Reach::osId).orElse("")));
        }
        return new HostProbes(edge).probe(hosts, p -> { }, cancel);
    }

    @Override
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener) {
        Cluster c = aws.describeCluster(new ClusterRef(plan.region(), plan.cluster()));
        try (Fabric8CniAffinity cni = Fabric8CniAffinity.open(clusters, access(c))) {
            return new NetworkFixes(new SdkNetworkWritePort(clients), cni).apply(plan, engine, cancel, listener);
        }
    }

    private <T extends AutoCloseable> T keep(T t) {
        opened.add(t);
        return t;
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
