package dev.hybridpane.ui.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.network.DoctorReport;
import java.util.List;
import java.util.function.Consumer;

/** The port where no network doctor is wired: no cluster, and every call says so. */
final class UnavailableNetworkDoctor implements NetworkDoctorPort {
    static final String WHY = "The network doctor is not available in this environment.";

    @Override
    public String whyUnavailable() {
        return WHY;
    }

    @Override
    public List<DoctorTarget> clusters() {
        return List.of();
    }

    @Override
    public DoctorReport run(RunRequest request, Consumer<RunProgress> progress, CancelToken cancel) {
        throw new IllegalStateException(WHY);
    }

    @Override
    public FixPlan planFixes(DoctorReport report) {
        throw new IllegalStateException(WHY);
    }

    @Override
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> progress) {
        throw new IllegalStateException(WHY);
    }

    @Override
    public String render(DoctorReport report, ReportFormat format) {
        throw new IllegalStateException(WHY);
    }
}
