package dev.hybridpane.app.cli;

import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.network.DoctorReport;
import java.util.function.Consumer;

/**
 * What `hybridpane doctor` runs against (AWS through a profile or AWS_ENDPOINT_URL, or the lab): the doctor of one
 * cluster, and the journaled apply of its fixes. Blocking.
 */
interface DoctorSession extends AutoCloseable {
    /** Runs every check; an {@link dev.hybridpane.core.AwsFailure} when the cluster cannot be described. */
    DoctorReport diagnose(String cluster, String region, boolean hosts, CancelToken cancel);

    /** Applies the plan's changes through the operation engine, journaled; returns the final journal. */
    Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener);

    @Override
    void close();
}
