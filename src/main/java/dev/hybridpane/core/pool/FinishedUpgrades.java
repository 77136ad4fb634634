package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.ClusterRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An upgrade whose console died after the upgrade's last change (the pool's spec moved to the new version, phase
 * Running) and before its journal said so. The upgrade is complete, but its journal stays unfinished, and a new plan to
 * that version is refused ("on vN already"): without this, neither {@code pool resume} nor {@code pool upgrade} could
 * ever close it. Every step but the last is done in the journal and the last one's observation holds in the cluster, so
 * the journal is closed as the engine would close it: that step already done, the operation succeeded.
 */
public final class FinishedUpgrades {
    private static final Set<StepState> DONE = Set.of(StepState.DONE, StepState.ALREADY_DONE, StepState.SKIPPED);
    private static final String LAST = "pool-spec";

    private FinishedUpgrades() {
    }

    /** {@link #close(JournalStore, ClusterRef, PoolStore.Stored, Instant)} now. */
    public static Optional<Journal> close(JournalStore journals, ClusterRef ref, PoolStore.Stored pool) {
        return close(journals, ref, pool, Instant.now());
    }

    /**
     * Closes {@code pool}'s unfinished upgrade journal when only its last step is left and the pool is on the journal's
     * target version and Running; returns the closed journal, or empty (nothing is written) otherwise.
     */
    public static Optional<Journal> close(JournalStore journals, ClusterRef ref, PoolStore.Stored pool, Instant now) {
        Optional<Journal> open = PoolUpgrade.unfinished(journals, ref, pool.pool().name())
                .filter(j -> j.kind().equals(PoolUpgrade.KIND));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Journal j = open.get();
        int to = PoolUpgrade.Options.fromInputs(j.outputs()).map(PoolUpgrade.Options::toVersion).orElse(-1);
        List<Journal.StepRecord> steps = j.steps();
        boolean onlyLastLeft = !steps.isEmpty() && steps.get(steps.size() - 1).id().equals(LAST)
                && steps.subList(0, steps.size() - 1).stream().allMatch(s -> DONE.contains(s.state()));
        if (!onlyLastLeft || to != pool.pool().profile().version() || !"Running".equals(pool.status().phase())) {
            return Optional.empty();
        }
        List<Journal.StepRecord> closed = new ArrayList<>(steps.subList(0, steps.size() - 1));
        Journal.StepRecord last = steps.get(steps.size() - 1);
        closed.add(new Journal.StepRecord(last.id(), last.title(), StepState.ALREADY_DONE,
                "observed: the pool is on v" + to + " and Running"));
        List<Journal.LogLine> log = new ArrayList<>(j.log());
        log.add(new Journal.LogLine(now, "The pool was on v" + to + " and Running already: the run that moved it there "
                + "ended before its journal said so. Closed, nothing run again."));
        Journal done = new Journal(j.id(), j.kind(), j.title(), j.target(), OperationStatus.SUCCEEDED, j.started(), now,
                closed, j.outputs(), log, null);
        journals.save(done);
        return Optional.of(done);
    }
}
