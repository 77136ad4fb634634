package dev.hybridpane.app;

import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.network.DoctorReport;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fix plans the Network view shows for review, kept until applied (a refused, failed or cancelled apply is retried
 * with the same plan), so what is applied is what was reviewed.
 */
final class ReviewedFixes {
    /** What the view reviews: the operation's steps (same ids and titles as the apply's) and one line per change. */
    record Shown(Operation operation, List<String> changes) {
    }

    private final Map<Operation, FixPlan> planned = new IdentityHashMap<>();

    synchronized Shown plan(DoctorReport report) {
        FixPlan plan = NetworkFixes.plan(report);
        // built without ports: shown, never run (the apply builds its own on the account's adapters)
        Operation op = new NetworkFixes(null, null).operation(plan);
        planned.put(op, plan);
        return new Shown(op, plan.changes().stream().map(FixPlan.Change::line).toList());
    }

    /** The reviewed plan, kept for a retry (a refused, failed or cancelled apply) until {@link #done}. */
    synchronized FixPlan get(Operation reviewed) {
        FixPlan plan = planned.get(reviewed);
        if (plan == null) {
            throw new IllegalStateException("This fix plan was not made here: plan the fixes again.");
        }
        return plan;
    }

    /** The plan was applied: forget it. */
    synchronized void done(Operation reviewed) {
        planned.remove(reviewed);
    }
}
