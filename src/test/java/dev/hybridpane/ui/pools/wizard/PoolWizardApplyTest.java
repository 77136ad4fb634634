package dev.hybridpane.ui.pools.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.FanOut;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's Apply step on the lab: the pool is created with per-host progress, and Cancel stops it; Retry resumes. */
class PoolWizardApplyTest {
    @TempDir
    static Path dir;
    static PoolWizardLab lab;
    final List<Journal> journals = new CopyOnWriteArrayList<>();
    final List<String> created = new ArrayList<>();
    volatile Consumer<Journal> hook = j -> { };
    PoolWizards wizards;

    @BeforeAll
    static void start() {
        lab = new PoolWizardLab(dir, List.of("dallas-08", "dallas-09", "dallas-10"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** On Review with these hosts chosen (profile gpu-ssm v1, a label and a taint). */
    PoolWizardViewModel toReview(String name, String... hosts) {
        wizards = new PoolWizards(lab.services, () -> List.of(lab.retail), c -> Optional.of(lab.lab.access),
                new SyncTaskRunner(), Runnable::run, j -> {
                    journals.add(j);
                    hook.accept(j);
                });
        wizards.newPool(null, created::add);
        PoolWizardViewModel vm = (PoolWizardViewModel) wizards.openProperty().get();
        vm.name().nameProperty().set(name);
        vm.name().siteProperty().set("dallas-dc");
        vm.next();
        vm.profile().profileProperty().set("gpu-ssm");
        vm.next();
        vm.nodes().labelsProperty().set("workload=wizard");
        vm.nodes().taintsProperty().set("dedicated=wizard:NoSchedule");
        vm.next();
        for (String h : hosts) {
            vm.hosts().host(h).selectedProperty().set(true);
        }
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.reviewStep());
        assertThat(vm.checkedProperty().get()).as(vm.problems().toString()).isNotNull();
        return vm;
    }

    @Test
    void createPoolRunsTheJournaledOperationWithProgressPerHost() {
        PoolWizardViewModel vm = toReview("edge-w", "dallas-08", "dallas-09");
        vm.next();
        PoolRunViewModel run = vm.run();
        assertThat(vm.currentProperty().get()).isSameAs(vm.applyStep());
        assertThat(run.statusProperty().get()).as(run.summaryProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.hosts()).extracting(h -> h.host() + "=" + h.text()).containsExactly("dallas-08=done", "dallas-09=done");
        assertThat(journals).as("each host's progress was seen while it ran").anySatisfy(j ->
                assertThat(j.outputs().get(FanOut.progressKey("dallas-08"))).matches("\\d+/\\d+ .+"));
        assertThat(journals.get(journals.size() - 1).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.log()).anyMatch(l -> l.contains("[dallas-09]")).anyMatch(l -> l.contains("[dallas-08]"));
        run.logHostProperty().set("dallas-09");
        assertThat(run.shownLog()).as("one host's log").isNotEmpty().allMatch(l -> l.contains("[dallas-09]"));
        run.logHostProperty().set(null);
        assertThat(run.shownLog()).hasSameSizeAs(run.log());
        assertThat(run.summaryProperty().get()).contains("2 of 2 hosts joined");
        assertThat(run.progressProperty().get()).isEqualTo(1.0);
        assertThat(created).containsExactly("edge-w");
        assertThat(vm.nextTextProperty().get()).isEqualTo("Done");
        assertThat(vm.canBackProperty().get()).as("no way back after success").isFalse();
        try (PoolStore.Pools pools = lab.lab.pools()) {
            PoolStore.Stored s = pools.get("edge-w").orElseThrow();
            assertThat(s.pool().hostNames()).containsExactly("dallas-08", "dallas-09");
            assertThat(s.pool().labels()).containsEntry("workload", "wizard");
            assertThat(s.status().readyText()).isEqualTo("2/2");
        }
        vm.next();
        assertThat(wizards.openProperty().get()).as("Done closes").isNull();
    }

    @Test
    void cancelStopsTheHostsAfterTheirCurrentStepAndRetryResumes() {
        PoolWizardViewModel vm = toReview("edge-c", "dallas-10");
        PoolRunViewModel run = vm.run();
        hook = j -> {
            String p = j.outputs().get(FanOut.progressKey("dallas-10"));
            if (p != null && p.startsWith("1/")) {
                run.cancel();
            }
        };
        vm.next();
        hook = j -> { };
        assertThat(run.statusProperty().get()).as(run.summaryProperty().get()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(run.hosts()).extracting(HostProgress::state).containsExactly(HostProgress.State.CANCELLED);
        assertThat(run.summaryProperty().get()).startsWith("Cancelled.");
        assertThat(run.runningProperty().get()).isFalse();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Retry");
        assertThat(vm.canBackProperty().get()).isTrue();
        assertThat(created).isEmpty();
        assertThat(lab.lab.hosts().exec("dallas-10", "sudo -n test -e /etc/hybridpane/nodeconfig.yaml", null).exit())
                .as("stopped before the NodeConfig was written").isNotZero();

        vm.next();
        assertThat(run.statusProperty().get()).as(run.summaryProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.hosts()).extracting(HostProgress::text).containsExactly("done");
        assertThat(created).containsExactly("edge-c");
    }
}
