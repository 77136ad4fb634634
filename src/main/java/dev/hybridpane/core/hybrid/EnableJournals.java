package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.HybridNodesIam;

/**
 * What the journal of the last enable-hybrid run on a cluster says, for readers outside the operation: only core knows
 * the operation's id ({@link EnableHybridPlanner}'s kind, region and name) and the names of its outputs.
 */
public final class EnableJournals {
    private final JournalStore journals;

    public EnableJournals(JournalStore journals) {
        this.journals = journals;
    }

    /** The id of the enable-hybrid operation on a cluster: one per cluster, so a re-run resumes it. */
    static String operationId(ClusterRef ref) {
        return EnableHybridPlanner.KIND + "-" + ref.region() + "-" + ref.name();
    }

    /** The name of the role the last enable-hybrid run on the cluster created or found, else the default name. */
    public String roleName(ClusterRef ref) {
        return journals.load(operationId(ref)).map(j -> j.outputs().get(EnableHybridPlanner.ROLE_ARN))
                .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).orElse(HybridNodesIam.DEFAULT_ROLE_NAME);
    }
}
