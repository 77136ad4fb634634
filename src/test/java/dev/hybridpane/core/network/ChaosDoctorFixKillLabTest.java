package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.SdkNetworkWritePort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * The network doctor's fixes killed at random journal updates (drawn from an undisturbed run's, seeded and printed;
 * {@code -Dchaos.points}, 2 in CI): on warehouse-edge, the lab's cluster with planted faults, each point on a fresh lab
 * kills the apply, then a fresh console applies the same plan again from the journal the dead one left. Each time the
 * fixes finish, the checks they fix pass, and every route and security group rule they add exists once.
 */
class ChaosDoctorFixKillLabTest {
    static final String CLUSTER = "warehouse-edge";
    static final String REGION = "eu-central-1";

    /** The planted faults' fixes reach AWS only: a CNI change in the plan would need the cluster's DaemonSet. */
    static final CniAffinityPort NO_CNI = CniAffinityPort.unavailable("warehouse-edge's planted faults need no CNI change");

    @Test
    void doctorFixesKilledAtRandomPointsFinishOnceAndAddEachThingOnce() throws Exception {
        KillPoints kills = new KillPoints("doctor fixes", 2);
        int updates;
        List<String> fixed;
        try (DoctorLab d = DoctorLab.start()) {
            FixPlan plan = NetworkFixes.plan(d.run(CLUSTER, REGION));
            assertThat(plan.changes()).as("the planted faults' automatic fixes").hasSizeGreaterThanOrEqualTo(2);
            fixed = plan.changes().stream().flatMap(c -> c.checkIds().stream()).toList();
            KillPoints.Counting counting = new KillPoints.Counting(new MemoryJournalStore());
            Journal j = fixes(d).apply(plan, new OperationEngine(counting, Clock.systemUTC()), new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            updates = counting.saves();
        }
        int finished = 0;
        int duplicates = 0;
        for (int i = 0; i < kills.points(); i++) {
            try (DoctorLab d = DoctorLab.start()) {
                ChaosThrottle.arm(d.lab, "doctor fixes");
                FixPlan plan = NetworkFixes.plan(d.run(CLUSTER, REGION));
                MemoryJournalStore journals = new MemoryJournalStore(); // the cluster's journals outlive the console
                KillPoints.Dying dying = new KillPoints.Dying(journals, kills.next(updates));
                try {
                    fixes(d).apply(plan, new OperationEngine(dying, Clock.systemUTC()), new CancelToken(), x -> { });
                } catch (KillPoints.ConsoleKilled e) {
                    // the console died here
                }
                assertThat(dying.died()).as("the kill point was reached").isTrue();
                Journal resumed = fixes(d).apply(plan, new OperationEngine(journals, Clock.systemUTC()), new CancelToken(),
                        x -> { });
                finished += resumed.status() == OperationStatus.SUCCEEDED ? 1 : 0;
                DoctorReport after = d.run(CLUSTER, REGION);
                for (String id : fixed) {
                    assertThat(DoctorLab.check(after, id).status()).as(id + " after the resumed fixes")
                            .isEqualTo(DoctorStatus.PASS);
                }
                duplicates += duplicates(d, plan);
                ChaosThrottle.report(d.lab, "doctor fixes");
            }
        }
        ChaosFigures.row("doctor fixes", "in-process", kills.points(), finished, duplicates, 0, 0, 0);
        assertThat(finished).as("doctor fixes finished").isEqualTo(kills.points());
        assertThat(duplicates).as("routes or rules added twice").isZero();
    }

    private static NetworkFixes fixes(DoctorLab d) {
        return new NetworkFixes(new SdkNetworkWritePort(d.clients), NO_CNI);
    }

    /** Routes and port-443 rules of the plan's changes that exist more than once. */
    private static int duplicates(DoctorLab d, FixPlan plan) {
        Ec2Client ec2 = d.clients.ec2(REGION);
        int extra = 0;
        for (FixPlan.Change c : plan.changes()) {
            Map<String, String> p = c.params();
            if (c.action().equals(NetworkFixes.CREATE_ROUTE)) {
                long n = ec2.describeRouteTables(r -> r.routeTableIds(p.get("routeTableId"))).routeTables().stream()
                        .flatMap(t -> t.routes().stream())
                        .filter(r -> p.get("destinationCidr").equals(r.destinationCidrBlock())).count();
                assertThat(n).as("route to " + p.get("destinationCidr")).isPositive();
                extra += (int) (n - 1);
            } else if (c.action().equals(NetworkFixes.AUTHORIZE_443)) {
                long n = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id")
                                .values(p.get("groupId")).build())).securityGroups().stream()
                        .flatMap(g -> g.ipPermissions().stream()).filter(ChaosDoctorFixKillLabTest::https)
                        .flatMap(perm -> perm.ipRanges().stream()).filter(r -> p.get("cidr").equals(r.cidrIp())).count();
                assertThat(n).as("443 from " + p.get("cidr")).isPositive();
                extra += (int) (n - 1);
            }
        }
        return extra;
    }

    private static boolean https(IpPermission perm) {
        return "tcp".equals(perm.ipProtocol()) && perm.fromPort() != null && perm.fromPort() <= 443 && perm.toPort() >= 443;
    }
}
