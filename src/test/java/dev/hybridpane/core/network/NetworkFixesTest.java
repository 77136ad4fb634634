package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.network.NetworkWritePort.TableRoute;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.SampleReports;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkFixesTest {
    private final FakeNetworkWrites net = new FakeNetworkWrites();
    private final MemoryJournalStore journals = new MemoryJournalStore();
    private final OperationEngine engine = new OperationEngine(journals, Clock.fixed(Instant.parse("2026-12-07T14:00:00Z"), ZoneOffset.UTC));
    private final NetworkFixes fixes = new NetworkFixes(net, net);

    private static DoctorCheck failing(String id, DoctorFix fix) {
        return new DoctorCheck(id, "aws", "t " + id, List.of(), DoctorStatus.FAIL, "s", List.of(), fix);
    }

    private static DoctorReport report(DoctorCheck... checks) {
        return new DoctorReport("warehouse-edge", "eu-central-1", Instant.EPOCH, List.of(checks), null);
    }

    @Test
    void thePlanHasOneLinePerChangeAndTheManualFixesPerSite() {
        FixPlan plan = NetworkFixes.plan(SampleReports.faulty());
        assertThat(plan.changes()).extracting(FixPlan.Change::line).containsExactly(
                "create route 10.211.0.0/16 → tgw-0d4 in rtb-0a1", "allow TCP 443 from 10.211.0.0/16 in sg-0c3");
        assertThat(plan.changes().get(0).checkIds()).containsExactly(SampleReports.ROUTE);
        assertThat(plan.manualBySite()).containsOnlyKeys("site munich");
        assertThat(plan.manualBySite().get("site munich")).extracting(FixPlan.Manual::checkId)
                .containsExactly(SampleReports.TUNNEL, SampleReports.FIREWALL);
        assertThat(plan.problems()).isEmpty();
        String text = plan.text();
        assertThat(text).startsWith("Network fixes for warehouse-edge (eu-central-1): 2 changes\n"
                + " 1. create route 10.211.0.0/16 → tgw-0d4 in rtb-0a1\n      fixes " + SampleReports.ROUTE + "\n");
        assertThat(text).contains("  site munich:\n    - VPN tunnels (" + SampleReports.TUNNEL + "): Bring tunnel 2 up")
                .contains("        leftsubnet=10.210.0.0/16,10.211.0.0/16\n");
    }

    @Test
    void passingUnknownAndFixlessChecksPlanNothingAndSameChangesAreMerged() {
        DoctorFix dns = DoctorFix.automatic("vpc-dns", Map.of("vpcId", "vpc-1", "attribute", "enableDnsSupport"), "on");
        DoctorFix route = DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.9.0.0/16",
                "targetKind", "vpnGateway", "targetId", "vgw-1"), "route");
        DoctorReport r = report(
                new DoctorCheck("passing", "aws", "p", List.of(), DoctorStatus.PASS, "ok", List.of(), dns),
                DoctorCheck.unknown("unknown", "aws", "u", List.of(), "missing permission ec2:DescribeVpcAttribute"),
                failing("no-fix", null),
                failing("a@rtb-1", route), failing("b@rtb-1", route),
                failing("dns", dns),
                failing("host-ish", DoctorFix.manual("ask the network team", "")));
        FixPlan plan = NetworkFixes.plan(r);
        // DNS first (the VPC), then the routes; the route fixing two checks once
        assertThat(plan.changes()).extracting(FixPlan.Change::line).containsExactly("turn on enableDnsSupport in vpc-1",
                "create route 10.9.0.0/16 → vgw-1 in rtb-1");
        assertThat(plan.changes().get(1).checkIds()).containsExactly("a@rtb-1", "b@rtb-1");
        assertThat(plan.manual()).extracting(FixPlan.Manual::site).containsExactly("cluster warehouse-edge");
    }

    @Test
    void anAutomaticFixThatCannotRunSaysWhyAndPlansNoChange() {
        FixPlan plan = NetworkFixes.plan(report(
                failing("x", DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.9.0.0/16",
                        "targetKind", "transitGateway"), "route")),
                failing("y", DoctorFix.automatic("authorize-443", Map.of("groupId", "sg-1", "cidr", "10.9.0.0/33"), "443")),
                failing("z", DoctorFix.automatic("reboot-vpc", Map.of(), "no such thing")),
                failing("w", DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.9.0.0/16",
                        "targetKind", "internetGateway", "targetId", "igw-1"), "route")),
                failing("v", DoctorFix.automatic("vpc-dns", Map.of("vpcId", "vpc-1", "attribute", "enableNetworkAddressUsageMetrics"), ""))));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).containsExactly("x: create-route needs targetId",
                "y: authorize-443: cidr 10.9.0.0/33 is not an IPv4 CIDR",
                "z: no automatic fix is known for the action \"reboot-vpc\"; no such thing",
                "w: create-route: targetKind is transitGateway, vpnGateway or networkInterface, not internetGateway",
                "v: vpc-dns: attribute is enableDnsHostnames or enableDnsSupport, not enableNetworkAddressUsageMetrics");
        assertThat(plan.text()).contains("no automatic change").contains("Not fixable automatically:\n  - x: create-route needs targetId");
    }

    @Test
    void applyMakesEachMissingChangeOnceAndARerunChangesNothing() {
        DoctorReport r = report(
                failing("route", DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.211.0.0/16",
                        "targetKind", "transitGateway", "targetId", "tgw-1"), "")),
                failing("https", DoctorFix.automatic("authorize-443", Map.of("groupId", "sg-1", "cidr", "10.211.0.0/16"), "")),
                failing("vpn", DoctorFix.automatic("vpn-static-route", Map.of("vpnConnectionId", "vpn-1", "destinationCidr", "10.211.0.0/16"), "")),
                failing("dns", DoctorFix.automatic("vpc-dns", Map.of("vpcId", "vpc-1", "attribute", "enableDnsHostnames"), "")));
        // someone already added the 443 rule since the doctor ran
        net.rules.add("sg-1 10.211.0.0/16");
        FixPlan plan = NetworkFixes.plan(r);
        Journal j = fixes.apply(plan, engine, new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(j.id()).isEqualTo("network-fix-eu-central-1-warehouse-edge");
        assertThat(j.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.DONE, StepState.DONE, StepState.DONE,
                StepState.ALREADY_DONE);
        assertThat(net.writes).containsExactly("ModifyVpcAttribute vpc-1 enableDnsHostnames",
                "CreateRoute rtb-1 10.211.0.0/16 transitGateway tgw-1", "CreateVpnConnectionRoute vpn-1 10.211.0.0/16");
        assertThat(journals.load(j.id())).contains(j);
        Journal again = fixes.apply(plan, engine, new CancelToken(), x -> { });
        assertThat(again.steps()).extracting(Journal.StepRecord::state).containsOnly(StepState.ALREADY_DONE);
        assertThat(net.writes).hasSize(3);
    }

    @Test
    void aBlackholeRouteIsReplacedAndAFailedStepResumesOnTheNextRun() {
        net.routes.put("rtb-1 10.211.0.0/16", new TableRoute("10.211.0.0/16", "tgw-old", false));
        DoctorReport r = report(
                failing("route", DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.211.0.0/16",
                        "targetKind", "transitGateway", "targetId", "tgw-1"), "")),
                failing("https", DoctorFix.automatic("authorize-443", Map.of("groupId", "sg-1", "cidr", "10.211.0.0/16"), "")));
        FixPlan plan = NetworkFixes.plan(r);
        List<Journal> seen = new ArrayList<>();
        net.failNext = "ec2:ReplaceRoute was denied for arn:aws:iam::1:user/x";
        Journal failed = fixes.apply(plan, engine, new CancelToken(), seen::add);
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Step 1 failed: ec2:ReplaceRoute was denied for arn:aws:iam::1:user/x");
        assertThat(failed.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.FAILED, StepState.SKIPPED);
        assertThat(net.writes).isEmpty();
        Journal done = fixes.apply(plan, engine, new CancelToken(), seen::add);
        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(net.writes).containsExactly("ReplaceRoute rtb-1 10.211.0.0/16 transitGateway tgw-1",
                "AuthorizeSecurityGroupIngress sg-1 10.211.0.0/16");
        assertThat(done.log()).extracting(Journal.LogLine::text)
                .contains("rtb-1 has an inactive route to 10.211.0.0/16 (via tgw-old): replacing it with tgw-1");
    }

    @Test
    void theCniAffinityPatchAddsTheHybridTermOnlyWhereTheDaemonSetMissesHybridNodes() {
        CniDaemonSet cloudOnly = new CniDaemonSet("kube-system", "cilium", Map.of("kubernetes.io/os", "linux"), List.of(new CniDaemonSet.Term(
                List.of(new CniDaemonSet.Requirement("eks.amazonaws.com/compute-type", "NotIn", List.of("hybrid"))))), List.of());
        net.daemonSets.put("kube-system/cilium", cloudOnly);
        DoctorReport r = report(failing("cni", DoctorFix.automatic("cni-affinity", Map.of("namespace", "kube-system", "daemonSet", "cilium"), "")));
        FixPlan plan = NetworkFixes.plan(r);
        assertThat(plan.changes().get(0).line()).isEqualTo(
                "patch daemonset kube-system/cilium: node affinity to reach hybrid nodes (eks.amazonaws.com/compute-type In [hybrid])");
        Journal j = fixes.apply(plan, engine, new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(net.writes).singleElement().asString().startsWith("patch kube-system/cilium [{\"op\":\"add\",\"path\":"
                + "\"/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/-\"");
        assertThat(fixes.apply(plan, engine, new CancelToken(), x -> { }).steps().get(0).state()).isEqualTo(StepState.ALREADY_DONE);
        assertThat(net.writes).hasSize(1);
    }

    @Test
    void aCniWhoseNodeSelectorExcludesHybridNodesOrThatIsMissingFailsWithASentence() {
        net.daemonSets.put("kube-system/calico-node", new CniDaemonSet("kube-system", "calico-node",
                Map.of("eks.amazonaws.com/compute-type", "ec2"), null, List.of()));
        DoctorReport r = report(failing("cni", DoctorFix.automatic("cni-affinity", Map.of("namespace", "kube-system", "daemonSet",
                "calico-node"), "")), failing("gone", DoctorFix.automatic("cni-affinity", Map.of("namespace", "kube-system", "daemonSet",
                "cilium"), "")));
        Journal j = fixes.apply(NetworkFixes.plan(r), engine, new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.error()).isEqualTo("Step 1 failed: kube-system/calico-node: its nodeSelector eks.amazonaws.com/compute-type=ec2 "
                + "excludes hybrid nodes, which a patch of its affinity cannot change: edit it by hand.");
        net.daemonSets.remove("kube-system/calico-node");
        Journal k = fixes.apply(NetworkFixes.plan(r), engine, new CancelToken(), x -> { });
        assertThat(k.error()).isEqualTo("Step 1 failed: There is no DaemonSet kube-system/calico-node in the cluster to patch.");
        assertThat(net.writes).isEmpty();
    }

    @Test
    void aCancelledApplyStopsBeforeItsFirstChange() {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        Journal j = fixes.apply(NetworkFixes.plan(SampleReports.faulty()), engine, cancel, x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(net.writes).isEmpty();
    }
}
