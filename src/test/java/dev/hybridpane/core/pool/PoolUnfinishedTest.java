package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ClusterRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `pool resume` and the detail's Resume pick up: the pool's unfinished day-2 journal, node removals included. */
class PoolUnfinishedTest {
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");

    static Journal journal(String id, String kind, OperationStatus status, Map<String, String> outputs) {
        return new Journal(id, kind, kind, "t", status, Instant.parse("2026-12-07T10:00:00Z"), null, List.of(), outputs,
                List.of(), null);
    }

    @Test
    void aCancelledNodeRemovalIsFoundThroughThePoolItRecorded() {
        MemoryJournalStore store = new MemoryJournalStore();
        store.save(journal("pool-create/us-west-2/retail-edge/edge", "pool-create", OperationStatus.FAILED, Map.of()));
        store.save(journal("node-remove/us-west-2/retail-edge/mi-0aaaaaaaaaaaaaaaa", NodeRemovalService.KIND,
                OperationStatus.CANCELLED, Map.of(NodeRemovalService.INPUT_POOL, "other")));
        assertThat(PoolUpgrade.unfinished(store, REF, "edge")).as("creation is not day-2; another pool's removal is not ours")
                .isEmpty();

        store.save(journal("node-remove/us-west-2/retail-edge/mi-0bbbbbbbbbbbbbbbb", NodeRemovalService.KIND,
                OperationStatus.CANCELLED, Map.of(NodeRemovalService.INPUT_POOL, "edge")));
        assertThat(PoolUpgrade.unfinished(store, REF, "edge")).get().extracting(Journal::id)
                .isEqualTo("node-remove/us-west-2/retail-edge/mi-0bbbbbbbbbbbbbbbb");
        assertThat(PoolUpgrade.unfinished(new MemoryJournalStore(), REF, "edge")).isEmpty();
    }

    @Test
    void aFinishedRemovalAndAnotherClustersAreNotPickedUp() {
        MemoryJournalStore store = new MemoryJournalStore();
        store.save(journal("node-remove/us-west-2/retail-edge/mi-0ccccccccccccccccc", NodeRemovalService.KIND,
                OperationStatus.SUCCEEDED, Map.of(NodeRemovalService.INPUT_POOL, "edge")));
        store.save(journal("node-remove/us-west-2/payments/mi-0ddddddddddddddddd", NodeRemovalService.KIND,
                OperationStatus.FAILED, Map.of(NodeRemovalService.INPUT_POOL, "edge")));
        assertThat(PoolUpgrade.unfinished(store, REF, "edge")).isEmpty();
        store.save(journal("pool-upgrade/us-west-2/retail-edge/edge", PoolUpgrade.KIND, OperationStatus.INTERRUPTED, Map.of()));
        assertThat(PoolUpgrade.unfinished(store, REF, "edge")).get().extracting(Journal::kind).isEqualTo(PoolUpgrade.KIND);
    }
}
