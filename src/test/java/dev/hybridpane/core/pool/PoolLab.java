package dev.hybridpane.core.pool;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A running lab (fast nodeadm) with the console's adapters on it, and retail-edge's inventory holding the lab hosts the
 * tests name, with their facts (as `hosts import` would leave it); host keys trusted in a known_hosts file.
 */
public final class PoolLab implements AutoCloseable {
    public static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");
    public final Lab lab;
    public final AwsClientFactory clients;
    public final SdkAwsPort aws;
    public final SdkHybridAwsPort iam;
    public final SdkActivations ssm;
    public final FileKnownHostsStore known;
    public final MinaEdgePort edge;
    public final ClusterAccess access;
    public final Fabric8ClusterPort clusters = new Fabric8ClusterPort();
    public final SshIdentity identity;

    public PoolLab(Path dir) {
        this(dir, LabWorld.load());
    }

    /** A lab of this world (for example the lab's own with another Roles Anywhere CA, whose key a test holds). */
    public PoolLab(Path dir, LabWorld world) {
        System.setProperty("hybridpane.lab.nodeadm.ms", "100");
        lab = Lab.start(world, null);
        clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        aws = new SdkAwsPort(clients);
        iam = new SdkHybridAwsPort(clients);
        ssm = new SdkActivations(clients);
        known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        edge = new MinaEdgePort(known);
        Cluster c = aws.describeCluster(REF);
        access = new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                new CachingTokens(() -> aws.eksToken(REF), Clock.systemUTC()));
        identity = new SshIdentity(lab.edgeHosts().loginKeyPath(), null);
    }

    public LabEdgeHosts hosts() {
        return lab.edgeHosts();
    }

    public KubernetesClient kube() {
        return lab.kube().client("us-west-2/retail-edge");
    }

    public InventoryPort.Inventory inventory() {
        return new Fabric8InventoryPort(clusters).open(REF, access);
    }

    public ProfileStore.Profiles profiles() {
        return new Fabric8ProfileStore(clusters).open(REF, access);
    }

    public PoolStore.Pools pools() {
        return new Fabric8PoolStore(clusters).open(REF, access);
    }

    /** Puts the site and these lab hosts in the inventory with their facts (trusting their host keys first). */
    public void importHosts(String site, String cidr, List<String> names) {
        Cluster c = aws.describeCluster(REF);
        Site s = new Site(site, "", List.of(cidr), List.of(), "", List.of());
        FactGatherer facts = new FactGatherer(edge);
        try (InventoryPort.Inventory inv = inventory()) {
            inv.saveSite(s);
            for (String n : names) {
                LabEdgeHosts.LabEdgeHost h = hosts().hosts().stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow();
                EdgeHostSpec spec = new EdgeHostSpec(n, "127.0.0.1", h.port(), h.user(), site, SudoMode.PASSWORDLESS);
                inv.saveHost(spec);
                EdgeTarget t = new EdgeTarget(spec, identity, null);
                ProbeResult r = facts.probe(t);
                if (r instanceof ProbeResult.UnknownHostKey u) {
                    known.trust(u.offered());
                    r = facts.probe(t);
                }
                if (!(r instanceof ProbeResult.Reached)) {
                    throw new IllegalStateException(n + ": " + r);
                }
                inv.saveStatus(n, HostStatuses.of(r, null, c.remoteNodeCidrs(), s, Instant.now()));
            }
        }
    }

    public PoolService service() {
        return new PoolService(aws, iam, ssm, edge, Clock.systemUTC());
    }

    @Override
    public void close() {
        System.clearProperty("hybridpane.lab.nodeadm.ms");
        edge.close();
        aws.close();
        clients.close();
        lab.close();
    }
}
