package dev.hybridpane.app.cli;

import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.domain.network.DoctorReport;
import java.util.function.Consumer;

/**
 * What `hybridpane doctor` runs against (AWS through a profile or AWS_ENDPOINT_URL, or the lab): the doctor of one
 * cluster, and the journaled apply of its fixes. Blocking.
 */
interface DoctorSession extends AutoCloseable {
    /** Runs every check; an {@link dev.hybridpane.core.AwsFailure} when the cluster cannot be described. */
    DoctorReport diagnose(String cluster, String region, boolean hosts, CancelToken cancel);

    /**
     * Applies the plan's changes through the operation engine, journaled, under the cluster's network-fix lock; returns
     * the final journal. Refused with a {@link LockedException} naming the holder while another workstation holds it.
     */
    Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener) throws LockedException;

    @Override
    void close();
}
