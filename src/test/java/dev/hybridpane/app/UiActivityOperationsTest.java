package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.ui.activity.OperationRow;
import dev.hybridpane.ui.activity.OperationsViewModel;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Activity view's operations: journals from the config dir (after a restart), live ones, and the selected one's log. */
class UiActivityOperationsTest {
    @TempDir
    Path dir;

    private static Operation op(String id, String kind, String target, boolean fail) {
        return new Operation(id, kind, kind.equals("cluster-import") ? "Import cluster" : "Enable hybrid mode", target, List.of(
                Steps.of("one", "kubectl apply Namespace/hybridpane-system", List.of(), ctx -> false, ctx -> { }),
                Steps.of("two", "Record it in the workspace", List.of(), ctx -> false, ctx -> {
                    if (fail) {
                        throw new IllegalStateException("the workspace file is read-only");
                    }
                })));
    }

    @Test
    void listsThePersistedJournalsAfterARestartAndShowsTheSelectedOnesStepsAndLog() {
        JsonJournalStore first = new JsonJournalStore(dir);
        OperationEngine engine = new OperationEngine(first, Clock.systemUTC());
        engine.run(op("cluster-import-us-west-2-payments", "cluster-import", "payments · us-west-2", false), new CancelToken(), j -> { });
        engine.run(op("hybrid-enable-us-west-2-payments", "hybrid-enable", "payments · us-west-2", true), new CancelToken(), j -> { });
        // an operation a crashed session left running
        first.save(new Journal("hybrid-enable-eu-central-1-factory-floor", "hybrid-enable", "Enable hybrid mode",
                "factory-floor · eu-central-1", OperationStatus.RUNNING, Instant.parse("2026-01-01T10:00:00Z"), null,
                List.of(new Journal.StepRecord("one", "iam:CreateRole", StepState.RUNNING, null)), Map.of(), List.of(), null));

        // a new session: a new store on the same directory
        OperationsViewModel vm = new OperationsViewModel(new JsonJournalStore(dir), new SyncTaskRunner(), Clock.systemUTC());
        assertThat(vm.rows()).isEmpty();
        vm.load();
        assertThat(vm.rows()).extracting(OperationRow::kind, OperationRow::cluster, OperationRow::status).containsExactly(
                tuple("Enable hybrid", "payments · us-west-2", OperationStatus.FAILED),
                tuple("Import", "payments · us-west-2", OperationStatus.SUCCEEDED),
                tuple("Enable hybrid", "factory-floor · eu-central-1", OperationStatus.INTERRUPTED));
        assertThat(vm.rows().get(1).durationText()).isNotEqualTo("—");
        assertThat(vm.rows().get(0).statusLabel()).isEqualTo("failed");

        vm.selectedProperty().set(vm.rows().get(0));
        assertThat(vm.detailTitleProperty().get()).isEqualTo("Enable hybrid · payments · us-west-2 · failed");
        assertThat(vm.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.DONE, StepState.FAILED);
        assertThat(vm.steps().get(1).message()).isEqualTo("the workspace file is read-only");
        assertThat(vm.log()).anyMatch(l -> l.endsWith("Step 2 failed: the workspace file is read-only"));
    }

    @Test
    void aRunningOperationIsListedLiveAndTheSelectionFollowsIt() {
        JsonJournalStore store = new JsonJournalStore(dir);
        OperationsViewModel vm = new OperationsViewModel(store, new SyncTaskRunner(), Clock.systemUTC());
        vm.load();
        assertThat(vm.rows()).isEmpty();
        List<Journal> seen = new ArrayList<>();
        OperationEngine engine = new OperationEngine(store, Clock.systemUTC());
        engine.run(op("cluster-import-us-west-2-retail", "cluster-import", "retail · us-west-2", false), new CancelToken(), j -> {
            seen.add(j);
            vm.onJournal(j);
            if (seen.size() == 1) {
                assertThat(vm.rows()).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(OperationStatus.RUNNING);
                    assertThat(r.statusLabel()).isEqualTo("running");
                });
                vm.selectedProperty().set(vm.rows().get(0));
            }
        });
        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(OperationStatus.SUCCEEDED));
        assertThat(vm.selectedProperty().get()).as("still selected after the row was replaced").isNotNull();
        assertThat(vm.selectedProperty().get().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(vm.steps()).extracting(Journal.StepRecord::state).containsOnly(StepState.DONE);
        assertThat(vm.log()).anyMatch(l -> l.contains("Finished: all 2 steps are in place"));
        assertThat(vm.log()).hasSize(seen.get(seen.size() - 1).log().size());
    }
}
