package dev.hybridpane.core.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role of the last enable-hybrid run, read from its journal; the default name when there is none. */
class EnableJournalsTest {
    private static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    private final JournalStore store = new MemoryJournalStore();
    private final EnableJournals journals = new EnableJournals(store);

    @Test
    void theRoleComesFromTheLastEnableOfThatCluster() {
        assertThat(journals.roleName(PAYMENTS)).isEqualTo(HybridNodesIam.DEFAULT_ROLE_NAME);
        store.save(journal("hybrid-enable-us-west-2-payments", Map.of("roleArn", "arn:aws:iam::111122223333:role/EdgeNodes")));
        assertThat(journals.roleName(PAYMENTS)).isEqualTo("EdgeNodes");
        assertThat(journals.roleName(new ClusterRef("eu-central-1", "payments"))).isEqualTo(HybridNodesIam.DEFAULT_ROLE_NAME);
    }

    @Test
    void aRunThatStoppedBeforeTheRoleLeavesTheDefault() {
        store.save(journal(EnableJournals.operationId(PAYMENTS), Map.of()));
        assertThat(journals.roleName(PAYMENTS)).isEqualTo(HybridNodesIam.DEFAULT_ROLE_NAME);
    }

    private static Journal journal(String id, Map<String, String> outputs) {
        return new Journal(id, EnableHybridPlanner.KIND, "Enable hybrid mode", "payments · us-west-2", OperationStatus.SUCCEEDED,
                Instant.EPOCH, Instant.EPOCH, List.of(), outputs, List.of(), null);
    }
}
