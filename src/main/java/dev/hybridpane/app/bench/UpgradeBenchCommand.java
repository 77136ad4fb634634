package dev.hybridpane.app.bench;

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
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.ops.Rolling;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.UpgradePlan;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileVersion;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmark: a rolling in-place upgrade of an N-node SSM pool on the lab (N extra dallas-dc hosts; Kubernetes 1.30 to
 * 1.31), at most K unavailable. Prints the wall time of the nodes' rolling step against the ideal (the sum of the
 * per-node times / K), and the most nodes ever unavailable (cordoned or NotReady) at once, sampled from the API.
 */
@Command(name = "bench-upgrade", mixinStandardHelpOptions = true, hidden = true,
        description = "Benchmark a rolling pool upgrade on the lab (see bench/pool-upgrade.sh).")
public final class UpgradeBenchCommand implements Callable<Integer> {
    private static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");

    @Spec
    CommandSpec spec;
    @Option(names = "--nodes", defaultValue = "30")
    int nodes;
    @Option(names = "--max-unavailable", defaultValue = "3")
    int maxUnavailable;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("hybridpane-bench-upgrade");
        Lab lab = Lab.start(LabWorld.load(), Duration.ZERO, nodes);
        try (AwsClientFactory clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY,
                "us-west-2"); SdkAwsPort aws = new SdkAwsPort(clients);
             MinaEdgePort edge = new MinaEdgePort(new FileKnownHostsStore(dir.resolve("known_hosts")))) {
            Cluster c = aws.describeCluster(REF);
            ClusterAccess access = new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                    new CachingTokens(() -> aws.eksToken(REF), Clock.systemUTC()));
            Fabric8ClusterPort clusters = new Fabric8ClusterPort();
            SshIdentity identity = new SshIdentity(lab.edgeHosts().loginKeyPath(), null);
            List<String> hosts = lab.edgeHosts().hosts().stream().map(LabEdgeHosts.LabEdgeHost::name)
                    .filter(n -> n.startsWith("dallas-x")).limit(nodes).toList();
            long t = System.nanoTime();
            FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts"));
            try (InventoryPort.Inventory inv = new Fabric8InventoryPort(clusters).open(REF, access)) {
                Site site = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of(), "", List.of());
                inv.saveSite(site);
                FactGatherer facts = new FactGatherer(edge);
                for (String n : hosts) {
                    LabEdgeHosts.LabEdgeHost h = lab.edgeHosts().hosts().stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow();
                    EdgeHostSpec spec = new EdgeHostSpec(n, "127.0.0.1", h.port(), h.user(), "dallas-dc", SudoMode.PASSWORDLESS);
                    inv.saveHost(spec);
                    ProbeResult r = facts.probe(new EdgeTarget(spec, identity, null));
                    if (r instanceof ProbeResult.UnknownHostKey u) {
                        known.trust(u.offered());
                        r = facts.probe(new EdgeTarget(spec, identity, null));
                    }
                    inv.saveStatus(n, HostStatuses.of(r, null, c.remoteNodeCidrs(), site, Instant.now()));
                }
            }
            out.printf("lab: %d extra hosts; inventory %.1f s%n", hosts.size(), secs(t));
            try (ProfileStore.Profiles profiles = new Fabric8ProfileStore(clusters).open(REF, access);
                 InventoryPort.Inventory inv = new Fabric8InventoryPort(clusters).open(REF, access);
                 PoolStore.Pools pools = new Fabric8PoolStore(clusters).open(REF, access);
                 PoolStore.Pools sampled = new Fabric8PoolStore(clusters).open(REF, access);
                 Fabric8PoolOps ops = Fabric8PoolOps.open(clusters, access)) {
                JournalStore journals = ops.journals();
                OperationLock lock = ops.lock();
                ProfileVersion v = profiles.get("gpu-ssm").orElseThrow().profile().version(1).orElseThrow();
                KubernetesLayer k = v.kubernetes();
                profiles.create(ClusterProfile.create("bench-ssm", new ProfileLayers(v.os(), new KubernetesLayer("1.30",
                        k.credentialProvider(), k.containerdSource(), k.kubeletConfig(), k.kubeletFlags(), k.containerdConfig()),
                        v.network()), Instant.now(), "bench").save(v.layers(), Instant.now(), "bench").profile());
                HybridNodePool pool = new HybridNodePool("bench-upgrade", "dallas-dc", new ProfileRef("bench-ssm", 1), Map.of(),
                        List.of(), "", List.of(), hosts.stream().map(PoolHost::of).toList());
                t = System.nanoTime();
                PoolService create = new PoolService(aws, new SdkHybridAwsPort(clients), new SdkActivations(clients), edge,
                        Clock.systemUTC());
                PoolService.Checked checked = create.check(pool, REF, profiles, inv, pools, identity, 16, Duration.ofMinutes(5));
                if (!checked.valid()) {
                    out.println("the pool cannot be created: " + checked.errors());
                    return 1;
                }
                Journal made = create.apply(checked.inputs(), pools, journals, lock, "bench", new CancelToken(), j -> { });
                if (made.status() != OperationStatus.SUCCEEDED) {
                    out.println("the pool was not created: " + made.error());
                    return 1;
                }
                out.printf("pool of %d nodes on Kubernetes 1.30: %.1f s%n", hosts.size(), secs(t));

                PoolUpgrade upgrade = new PoolUpgrade(aws, edge, Clock.systemUTC());
                PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.IN_PLACE, maxUnavailable, 1, true,
                        Duration.ZERO, null, null);
                UpgradePlan plan = upgrade.plan(REF, pool.name(), o, pools, profiles, inv);
                if (!plan.valid()) {
                    out.println("the plan has errors: " + plan.errors());
                    return 1;
                }
                AtomicInteger most = new AtomicInteger();
                AtomicInteger samples = new AtomicInteger();
                AtomicBoolean stop = new AtomicBoolean();
                Thread sampler = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            int now = (int) sampled.nodesOfPool(pool.name()).stream()
                                    .filter(n -> n.unschedulable() || !n.ready()).count();
                            most.accumulateAndGet(now, Math::max);
                            samples.incrementAndGet();
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            // a lost sample
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long[] rolling = new long[2];
                Journal done = upgrade.apply(plan, identity, pools, journals, lock, "bench", new CancelToken(), new PauseToken(), j -> {
                    String last = j.log().isEmpty() ? "" : j.log().get(j.log().size() - 1).text();
                    if (rolling[0] == 0 && last.startsWith("Step 3: ")) {
                        rolling[0] = System.nanoTime();
                    }
                    if (rolling[1] == 0 && last.startsWith("Step 3 done")) {
                        rolling[1] = System.nanoTime();
                    }
                });
                stop.set(true);
                sampler.join(2000);
                if (done.status() != OperationStatus.SUCCEEDED) {
                    out.println("the upgrade did not succeed: " + done.error());
                    return 1;
                }
                double sum = hosts.stream().mapToLong(h -> Long.parseLong(done.outputs().get(Rolling.elapsedKey(h)))).sum() / 1000.0;
                double wall = (rolling[1] - rolling[0]) / 1e9;
                double ideal = sum / maxUnavailable;
                out.printf("rolling upgrade of %d nodes, max unavailable %d: %.2f s; per-node times sum %.2f s (mean %.2f s); "
                                + "ideal (sum / %d) %.2f s; overhead %+.1f%%%n", hosts.size(), maxUnavailable, wall, sum,
                        sum / hosts.size(), maxUnavailable, ideal, (wall / ideal - 1) * 100);
                out.printf("most nodes unavailable at once (cordoned or NotReady, %d API samples): %d (allowed %d)%n",
                        samples.get(), most.get(), maxUnavailable);
                out.flush();
                return most.get() <= maxUnavailable ? 0 : 1;
            }
        } finally {
            lab.close();
        }
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
