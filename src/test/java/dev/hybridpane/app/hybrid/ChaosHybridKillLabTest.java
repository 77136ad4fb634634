package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.lab.aws.AwsInspection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume, in process, for import and enable hybrid (SSM and Roles Anywhere) on the lab's payments cluster: per
 * kill point a fresh lab, the operation killed at a random journal update (drawn from the updates of an undisturbed run;
 * seeded and printed; {@code -Dchaos.points}, 2 in CI), then planned again and run by a fresh console. Each point must
 * finish with one role, one trust anchor and profile, one access entry, one workspace record: no duplicate.
 */
class ChaosHybridKillLabTest {
    static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");
    @TempDir
    static Path dir;

    static EnableHybridRequest request(CredentialProvider p, String pem) {
        return new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), p, null, pem, "hp-anchor", "hp-profile",
                3600, NodeAccess.ACCESS_ENTRY, false);
    }

    /** Kills {@code plan}'s operation at random points, each on a fresh lab, resumes each; prints and checks the figures. */
    static void killAndResume(String operation, Function<LabHybridSetup, Operation> plan) throws Exception {
        KillPoints kills = new KillPoints(operation, 2);
        int updates;
        try (LabHybridSetup env = new LabHybridSetup()) {
            KillPoints.Counting counting = new KillPoints.Counting(env.journals);
            Journal j = new OperationEngine(counting, Clock.systemUTC()).run(plan.apply(env), new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            updates = counting.saves();
        }
        int finished = 0;
        int duplicates = 0;
        for (int i = 0; i < kills.points(); i++) {
            try (LabHybridSetup env = new LabHybridSetup()) {
                ChaosThrottle.arm(env.lab, operation);
                KillPoints.Dying dying = new KillPoints.Dying(env.journals, kills.next(updates));
                try {
                    new OperationEngine(dying, Clock.systemUTC()).run(plan.apply(env), new CancelToken(), x -> { });
                } catch (KillPoints.ConsoleKilled e) {
                    // the console died here
                }
                assertThat(dying.died()).as("the kill point was reached").isTrue();
                Journal resumed = env.engine.run(plan.apply(env), new CancelToken(), x -> { });
                finished += resumed.status() == OperationStatus.SUCCEEDED ? 1 : 0;
                duplicates += duplicates(env);
                ChaosThrottle.report(env.lab, operation);
            }
        }
        ChaosFigures.row(operation, "in-process", kills.points(), finished, duplicates, 0, 0, 0);
        assertThat(finished).as(operation + " finished").isEqualTo(kills.points());
        assertThat(duplicates).as(operation + " duplicates").isZero();
    }

    /** Names present more than once: roles, trust anchors, Roles Anywhere profiles, access entries, workspace records. */
    static int duplicates(LabHybridSetup env) {
        AwsInspection aws = env.lab.aws().inspect();
        return extra(aws.roleNames()) + extra(aws.trustAnchorNames()) + extra(aws.profileNames())
                + extra(aws.accessEntryPrincipals("us-west-2", "payments")) + extra(env.workspace.list());
    }

    static int extra(List<?> names) {
        int d = names.size() - new HashSet<>(names).size();
        if (d > 0) {
            System.out.println("CHAOS-DUPLICATES " + names);
        }
        return d;
    }

    @Test
    void importKilledAtRandomPointsFinishesWithNothingTwice() throws Exception {
        killAndResume("cluster import", env -> env.setup.planImport(env.setup.reviewImport(PAYMENTS)));
    }

    @Test
    void enableHybridSsmKilledAtRandomPointsFinishesWithNothingTwice() throws Exception {
        killAndResume("hybrid enable (SSM)", env -> env.setup.planEnable(env.setup.reviewEnable(PAYMENTS),
                request(CredentialProvider.SSM, null)));
    }

    @Test
    void enableHybridRolesAnywhereKilledAtRandomPointsFinishesWithNothingTwice() throws Exception {
        String pem = new BcCertificateAuthority().generate("chaos CA", 30, dir.resolve("ca.pem"), dir.resolve("ca.key")).pem();
        killAndResume("hybrid enable (Roles Anywhere)", env -> env.setup.planEnable(env.setup.reviewEnable(PAYMENTS),
                request(CredentialProvider.IAM_RA, pem)));
    }
}
