package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Rolling;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileVersion;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-place upgrade of a 3-node SSM pool from Kubernetes 1.30 (profile v1) to 1.31 (v2) on the lab, one node at a time. */
class PoolUpgradeLabTest {
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        PoolUpgradeLab.COMMANDS.clear(); // counted per class: each class has its own lab and hosts
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13",
                "dallas-14"));
        PoolUpgradeLab.profile(lab);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static Map<String, String> versions(String pool) {
        Map<String, String> m = new TreeMap<>();
        for (Node n : PoolUpgradeLab.nodes(lab, pool)) {
            m.put(n.getMetadata().getName(), n.getStatus().getNodeInfo().getKubeletVersion());
        }
        return m;
    }

    @Test
    void inPlaceOneAtATimeKeepsTheNamesAndNeverHasTwoUnavailable() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("upg-inplace", "dallas-dc", List.of("dallas-08", "dallas-09", "dallas-10"));
        PoolUpgradeLab.create(lab, p);
        Map<String, String> before = versions(p.name());
        assertThat(before).hasSize(3).allSatisfy((n, v) -> assertThat(v).startsWith("v1.30."));

        try (PoolStore.Pools pools = lab.pools(); var profiles = lab.profiles(); var inv = lab.inventory()) {
            UpgradePlan plan = new PoolUpgrade(lab.aws, lab.edge, Clock.systemUTC()).plan(PoolLab.REF, p.name(),
                    PoolUpgrade.Options.to(2), pools, profiles, inv);
            assertThat(plan.errors()).isEmpty();
            assertThat(plan.nodes()).extracting(UpgradePlan.NodePlan::method).containsOnly(UpgradePlan.Method.IN_PLACE);
            assertThat(plan.nodes()).extracting(UpgradePlan.NodePlan::batch).containsExactly(1, 2, 3);
            assertThat(plan.planText()).contains("from upg-ssm v1 (Kubernetes 1.30, ssm) to v2 (Kubernetes 1.31, ssm)",
                    "nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml", "the node keeps its name",
                    "at most 1 at once");
        }

        Journal j;
        try (PoolUpgradeLab.Sampler sampler = new PoolUpgradeLab.Sampler(lab, p.name())) {
            j = PoolUpgradeLab.upgrade(lab, p.name(), PoolUpgrade.Options.to(2), new CancelToken(), null, x -> { });
            sampler.close();
            assertThat(sampler.samples()).isGreaterThan(10);
            assertThat(sampler.most()).as("most nodes unavailable at once").isEqualTo(1);
        }
        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        Map<String, String> after = versions(p.name());
        assertThat(after.keySet()).as("names kept").isEqualTo(before.keySet());
        assertThat(after).allSatisfy((n, v) -> assertThat(v).startsWith("v1.31."));
        assertThat(PoolUpgradeLab.nodes(lab, p.name())).allSatisfy(n -> {
            assertThat(n.getSpec().getUnschedulable()).as("cordoned").isNotEqualTo(Boolean.TRUE);
            assertThat(n.getMetadata().getLabels()).containsEntry("hybridpane.dev/profile-version", "2");
        });
        for (String h : p.hostNames()) {
            assertThat(PoolUpgradeLab.ran(h, "sudo -n nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml"))
                    .as(h + " upgraded once").isEqualTo(1);
            assertThat(j.outputs()).containsEntry(Rolling.progressKey(h), "done").containsEntry(h + "/upgraded", "2");
            assertThat(lab.hosts().exec(h, "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null).stdout())
                    .contains("hybridpane.dev/profile-version=2");
        }
        assertThat(j.outputs()).containsEntry("input/toVersion", "2").containsEntry("input/maxUnavailable", "1");
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get(p.name()).orElseThrow();
            assertThat(s.pool().profile().version()).isEqualTo(2);
            assertThat(s.status().phase()).isEqualTo("Running");
            assertThat(s.status().readyText()).isEqualTo("3/3");
        }
        List<Event> events = lab.kube().v1().events().inNamespace(PoolStore.NAMESPACE).list().getItems().stream()
                .filter(e -> p.name().equals(e.getInvolvedObject().getName())).toList();
        assertThat(events).extracting(Event::getReason).contains("UpgradeStarted", "NodeCordoned", "NodeDrained", "NodeConfigWritten",
                "NodeUpgraded", "NodeUncordoned", "PoolUpgraded");
        assertThat(events).filteredOn(e -> e.getReason().equals("NodeUpgraded")).hasSize(3);

        // a version that changes the credential provider cannot be upgraded in place: the plan says repave, and the new names
        try (PoolStore.Pools pools = lab.pools(); var profiles = lab.profiles(); var inv = lab.inventory()) {
            ProfileStore.Stored stored = profiles.get(PoolUpgradeLab.PROFILE).orElseThrow();
            ProfileVersion v2 = stored.profile().version(2).orElseThrow();
            KubernetesLayer k = v2.kubernetes();
            ProfileLayers ra = new ProfileLayers(v2.os(), new KubernetesLayer(k.version(), CredentialProvider.IAM_RA,
                    k.containerdSource(), k.kubeletConfig(), k.kubeletFlags(), k.containerdConfig()), v2.network());
            ClusterProfile.Saved saved = stored.profile().save(ra, Instant.now(), "test");
            profiles.update(saved.profile(), stored.resourceVersion());
            UpgradePlan repave = new PoolUpgrade(lab.aws, lab.edge, Clock.systemUTC()).plan(PoolLab.REF, p.name(),
                    PoolUpgrade.Options.to(saved.version().number()), pools, profiles, inv);
            assertThat(repave.nodes()).extracting(UpgradePlan.NodePlan::method).containsOnly(UpgradePlan.Method.REPAVE);
            assertThat(repave.planText()).contains("repave", "the credential provider changes (ssm → iam-ra): nodeadm cannot "
                    + "upgrade it in place", "the node is named upg-inplace-dallas-08");
            assertThat(repave.errors()).as("a console without IAM and SSM runs in-place upgrades only")
                    .extracting(p2 -> p2.message()).contains("This console runs in-place upgrades only: a repave or a cutover "
                            + "needs its IAM and SSM access to join new nodes.");
            UpgradePlan withAccess = new PoolUpgrade(lab.aws, lab.iam, lab.ssm, lab.edge, Clock.systemUTC()).plan(PoolLab.REF,
                    p.name(), PoolUpgrade.Options.to(saved.version().number()), pools, profiles, inv);
            assertThat(withAccess.errors()).as("Roles Anywhere nodes need the CA key").extracting(p2 -> p2.field())
                    .contains("ca-key");
        }

    }

    /** A kill point: the first journal line that matches ends this console's run (a cancel, or the console dying). */
    record Kill(String line, boolean cancel) {
        /** The line begins the step (applied, or observed already done), or is the target's outcome. */
        boolean reached(String text) {
            int space = line.indexOf(' ');
            String target = line.substring(0, space + 1);
            return text.startsWith(line) || text.startsWith(target + "already done: " + line.substring(space + 1));
        }
    }

    @Test
    void killedAfterEveryStepAndResumedByAnotherConsoleUpgradesEachNodeOnceAndKeepsTheNames() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("upg-resume", "dallas-dc", List.of("dallas-12", "dallas-13", "dallas-14"));
        PoolUpgradeLab.create(lab, p);
        Map<String, String> before = versions(p.name());
        String upgrade = "nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml";
        List<Kill> kills = List.of(new Kill("[dallas-12] " + upgrade, true),
                new Kill("[dallas-13] kubectl cordon", false), new Kill("[dallas-13] Drain", false),
                new Kill("[dallas-13] Write the NodeConfig", false), new Kill("[dallas-13] " + upgrade, false),
                new Kill("[dallas-13] kubectl uncordon", false), new Kill("[dallas-13] Wait until", false),
                new Kill("[dallas-14] done", false));
        List<Journal> runs = new ArrayList<>();
        for (Kill k : kills) {
            PoolUpgrade.Options o = PoolUpgrade.Options.to(2);
            try (Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE)) {
                Optional<Journal> open = PoolUpgrade.unfinished(journals, PoolLab.REF, p.name());
                if (!runs.isEmpty()) {
                    assertThat(open).as("the interrupted upgrade is found").isPresent();
                    o = PoolUpgrade.Options.fromInputs(open.get().outputs()).orElseThrow(); // as `pool resume` does
                }
            }
            CancelToken cancel = new CancelToken();
            AtomicBoolean killed = new AtomicBoolean();
            Journal j = PoolUpgradeLab.upgrade(lab, p.name(), o, cancel, null, now -> {
                if (!killed.get() && now.log().stream().anyMatch(l -> k.reached(l.text()))) {
                    killed.set(true);
                    if (k.cancel()) {
                        cancel.cancel();
                    } else {
                        throw new IllegalStateException("the console died");
                    }
                }
            });
            runs.add(j);
            assertThat(killed).as("run " + runs.size() + " reached " + k.line()).isTrue();
            assertThat(j.status()).as(k.line()).isEqualTo(k.cancel() ? OperationStatus.CANCELLED : OperationStatus.FAILED);
            if (k.cancel()) {
                assertThat(PoolUpgradeLab.nodes(lab, p.name())).as("a cancel leaves no node cordoned")
                        .noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
                assertThat(j.outputs()).containsEntry(Rolling.progressKey("dallas-12"), "done")
                        .containsEntry(Rolling.progressKey("dallas-13"), "not started");
            }
        }
        Journal last = PoolUpgradeLab.upgrade(lab, p.name(), PoolUpgrade.Options.to(2), new CancelToken(), null, x -> { });
        runs.add(last);
        assertThat(last.status()).as(String.valueOf(last.error())).isEqualTo(OperationStatus.SUCCEEDED);

        Map<String, String> after = versions(p.name());
        assertThat(after.keySet()).as("names kept").isEqualTo(before.keySet());
        assertThat(after).allSatisfy((n, v) -> assertThat(v).startsWith("v1.31."));
        assertThat(PoolUpgradeLab.nodes(lab, p.name())).noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
        for (String h : p.hostNames()) {
            assertThat(PoolUpgradeLab.ran(h, "sudo -n " + upgrade)).as(h + " upgraded once").isEqualTo(1);
            assertThat(PoolUpgradeLab.ran(h, "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml"))
                    .as(h + ": never initialised (registered) again").isZero();
        }
        try (PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(),
                PoolStore.NAMESPACE)) {
            assertThat(pools.get(p.name()).orElseThrow().pool().profile().version()).isEqualTo(2);
            assertThat(pools.get(p.name()).orElseThrow().status().phase()).isEqualTo("Running");
            assertThat(PoolUpgrade.unfinished(journals, PoolLab.REF, p.name())).isEmpty();
        }
        try (var instances = lab.clients.ssm("us-west-2")) {
            assertThat(instances.describeInstanceInformation(b -> b.maxResults(50)).instanceInformationList())
                    .as("no SSM registration beyond one per host").filteredOn(i -> p.hostNames().contains(i.computerName()))
                    .hasSize(3);
        }
    }
}
