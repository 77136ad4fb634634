package dev.hybridpane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NetworkDoctorTest {
    private static final NetworkDoctor.Request REQUEST = new NetworkDoctor.Request("payments", "us-west-2", false);

    static DoctorCheck check(DoctorReport r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + r.checks().stream().map(DoctorCheck::id).toList()));
    }

    @Test
    void aHealthyClusterPassesEveryCheckWithUniqueIdsAndEvidence() {
        FakeNetworkWorld w = new FakeNetworkWorld();
        DoctorReport r = w.doctor().run(REQUEST, null, new CancelToken());
        assertEquals(DoctorStatus.PASS, r.worst(), () -> r.checks().stream().filter(c -> c.status() != DoctorStatus.PASS)
                .map(c -> c.id() + ": " + c.summary()).toList().toString());
        assertEquals(0, r.exitCode(true));
        assertEquals(r.checks().size(), new HashSet<>(r.checks().stream().map(DoctorCheck::id).toList()).size());
        for (String id : List.of("aws.routes@rtb-1:10.81.0.0/16", "aws.routes@rtb-main:10.80.0.0/16",
                "aws.tgw-attachment@tgw-1", "aws.tgw-routes@tgw-rtb-1:10.81.0.0/16", "aws.vpn@vpn-1",
"aws.sg-443@10.81.0.0/16", "aws.vpc-dns@vpc-1:enableDnsHostnames",
                "aws.vpc-dns@vpc-1:enableDnsSupport", "aws.endpoint-access@payments", "aws.access-entry@hybrid-ssm",
                "aws.ssm-activation@act-1", "cluster.pod-cidrs@n1", "cluster.pod-routes", "cluster.cni-affinity@kube-system/cilium",
                "cluster.cni-ipam@kube-system/cilium")) {
            DoctorCheck c = check(r, id);
            assertFalse(c.evidence().isEmpty(), id + " has evidence");
        }
        assertEquals("payments", r.cluster());
        assertEquals("us-west-2", r.region());
        assertEquals(FakeNetworkWorld.NOW, r.at());
    }

    @Test
    void theTopologyDrawsVpcGatewayVpnSitePool() {
        DoctorReport r = new FakeNetworkWorld().doctor().run(REQUEST, null, null);
        Topology t = r.topology();
        List<String> ids = t.elements().stream().map(Topology.Element::id).toList();
        assertEquals(List.of("vpc-1", "tgw-1", "vpn-1", "site:dallas", "pool:dallas-pool"), ids);
        assertEquals(List.of("vpc-1->tgw-1", "tgw-1->vpn-1", "vpn-1->site:dallas", "site:dallas->pool:dallas-pool"),
                t.links().stream().map(Topology.Link::id).toList());
        Topology.Element vpn = t.elements().get(2);
        assertEquals(Topology.Kind.VPN_CONNECTION, vpn.kind());
        assertTrue(vpn.details().containsAll(List.of("tunnel 1 UP", "tunnel 2 UP")), vpn.details().toString());
        assertEquals(List.of("10.100.0.0/16"), t.elements().get(0).details());
        assertTrue(t.elements().get(4).details().contains("2/2 nodes ready"));
    }

    @Test
    void aDeniedCallMakesOnlyItsChecksUnknownNamingThePermission() {
        FakeNetworkWorld w = new FakeNetworkWorld();
        w.deny("ec2:DescribeTransitGatewayAttachments");
        DoctorReport r = w.doctor().run(REQUEST, null, null);
        DoctorCheck tgw = check(r, "aws.transit-gateway");
        assertEquals(DoctorStatus.UNKNOWN, tgw.status());
        assertEquals("unknown: missing permission ec2:DescribeTransitGatewayAttachments", tgw.summary());
        assertEquals(DoctorStatus.PASS, check(r, "aws.sg-443@10.80.0.0/16").status());
        assertEquals(DoctorStatus.PASS, check(r, "aws.routes@rtb-1:10.80.0.0/16").status());
        assertEquals(DoctorStatus.UNKNOWN, r.worst());
        assertEquals(0, r.exitCode(false));
        assertEquals(1, r.exitCode(true));
    }

    @Test
    void aClusterThatCannotBeReadLeavesTheAwsChecksAndMakesTheClusterOnesUnknown() {
        FakeNetworkWorld w = new FakeNetworkWorld();
        w.sessionFailure = new IllegalStateException("the cluster's API answered 401 Unauthorized");
        DoctorReport r = w.doctor().run(REQUEST, null, null);
        assertEquals(DoctorStatus.UNKNOWN, check(r, "cluster.pod-cidrs").status());
        assertEquals("unknown: the cluster's API answered 401 Unauthorized", check(r, "cluster.cni").summary());
        assertEquals(DoctorStatus.PASS, check(r, "aws.vpn@vpn-1").status());
        assertTrue(r.topology().elements().stream().noneMatch(e -> e.kind() == Topology.Kind.POOL));
    }

    @Test
    void aDeniedDescribeClusterIsTheOneFailureOfTheWholeRun() {
        FakeNetworkWorld w = new FakeNetworkWorld();
        w.deny("eks:DescribeCluster");
        AwsFailure f = assertThrows(AwsFailure.class, () -> w.doctor().run(REQUEST, null, null));
        assertEquals("eks:DescribeCluster", f.operation());
    }

    @Test
    void progressCountsEveryProbeUpToTheTotal() {
        List<int[]> seen = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        new FakeNetworkWorld().doctor().run(REQUEST, (done, total, message) -> {
            seen.add(new int[] {done, total});
            messages.add(message);
        }, null);
        int[] last = seen.get(seen.size() - 1);
        assertEquals(Probes.all().size(), last[1]);
        assertEquals(last[1], last[0]);
        assertTrue(messages.contains("Routes to remote networks checked"), messages.toString());
    }

    @Test
    void cancelStopsTheRunBetweenProbes() throws Exception {
        FakeNetworkWorld w = new FakeNetworkWorld();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NetworkDoctor slow = new NetworkDoctor(w.aws(), new SlowReads(w, inside, release), w.hybrid(), w.activations(), w,
                Clock.systemUTC());
        CancelToken cancel = new CancelToken();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                slow.run(REQUEST, null, cancel);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        cancel.cancel();
        t.join(5000);
        release.countDown();
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof OperationCancelledException, String.valueOf(thrown.get()));
        CancelToken already = new CancelToken();
        already.cancel();
        assertThrows(OperationCancelledException.class, () -> w.doctor().run(REQUEST, null, already));
    }

    @Test
    void hostProbesGetEveryPoolHostWithItsVpnServerAndTheClusterContext() {
        FakeNetworkWorld w = new FakeNetworkWorld();
        List<HostProbeRunner.Target> got = new ArrayList<>();
        AtomicReference<HostProbeRunner.Context> ctx = new AtomicReference<>();
        NetworkDoctor d = w.doctor().withHostProbes((context, targets, cancel) -> {
            ctx.set(context);
            got.addAll(targets);
            return List.of(new DoctorCheck("host.route@h2", "host", "Route to the VPC", List.of("site:dallas"),
                    DoctorStatus.FAIL, "no route", List.of("10.100.0.1 via 192.168.1.1 dev eth0"), null));
        });
        DoctorReport r = d.run(new NetworkDoctor.Request("payments", "us-west-2", true), null, null);
        assertEquals(List.of(new HostProbeRunner.Target("h1", "dallas-pool", "dallas", "10.80.1.1"),
                new HostProbeRunner.Target("h2", "dallas-pool", "dallas", "")), got);
        assertEquals(List.of("10.100.0.0/16"), ctx.get().vpcCidrs());
        assertEquals("cilium", ctx.get().cni());
        assertEquals("https://abc.eks.example:443", ctx.get().apiEndpointHost(), "the endpoint as the cluster gives it: its port too");
        assertEquals(DoctorStatus.FAIL, check(r, "host.route@h2").status());
        assertEquals(1, r.exitCode(false));
        DoctorReport without = w.doctor().run(new NetworkDoctor.Request("payments", "us-west-2", true), null, null);
        assertEquals(DoctorStatus.UNKNOWN, check(without, "host.probes").status());
        assertTrue(new FakeNetworkWorld().doctor().run(REQUEST, null, null).checks().stream()
                .noneMatch(c -> c.area().equals("host")));
    }
}
