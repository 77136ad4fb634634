package dev.hybridpane.ui.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.network.DoctorReport;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the Network view needs from the network doctor. Every call BLOCKS (the view model runs it off the FX thread
 * through its TaskRunner) and fails with an exception whose message is one sentence. Progress callbacks may come on
 * any thread; the view model moves them to the FX thread. The app wires it over core's {@code NetworkDoctor},
 * {@code NetworkFixes} and the report renderers; where no doctor is wired, {@link #unavailable()} says so.
 */
public interface NetworkDoctorPort {

    /** A hybrid cluster the doctor can check. */
    record DoctorTarget(String cluster, String region) {
        public DoctorTarget {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(region, "region");
        }

        @Override
        public String toString() {
            return cluster + " · " + region;
        }
    }

    /** One run: which cluster, and whether the on-prem hosts are probed over SSH too. */
    record RunRequest(DoctorTarget target, boolean probeHosts) {
        public RunRequest {
            Objects.requireNonNull(target, "target");
        }
    }

    /** How far a run is: {@code done} of {@code total} probes finished, {@code current} what runs now ("Reading routes"). */
    record RunProgress(int done, int total, String current) {
        public double fraction() {
            return total <= 0 ? -1 : Math.min(1, (double) done / total);
        }
    }

    /**
     * The changes the automatic fixes of a report make, reviewed before they run: the operation (its steps observe
     * first, so a re-run changes nothing twice) and one line per change ("create route 10.81.0.0/16 → tgw-… in rtb-…").
     */
    record FixPlan(Operation operation, List<String> changes) {
        public FixPlan {
            Objects.requireNonNull(operation, "operation");
            changes = List.copyOf(changes);
        }
    }

    /** The report's output formats. */
    enum ReportFormat {
        MARKDOWN("md"), HTML("html");

        private final String extension;

        ReportFormat(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** Why no doctor can run here (one sentence), or "" where it can; a constant, not a call. */
    default String whyUnavailable() {
        return "";
    }

    /** The hybrid clusters to choose from (those with remote networks), in a stable order. */
    List<DoctorTarget> clusters() throws Exception;

    /**
     * Runs every check (in parallel) and builds the topology. A denied call makes its check UNKNOWN, never a failure
     * of the run. Cancelled through {@code cancel}: the run stops at a safe point and throws.
     */
    DoctorReport run(RunRequest request, Consumer<RunProgress> progress, CancelToken cancel) throws Exception;

    /** The plan of the report's automatic fixes (nothing is changed yet). */
    FixPlan planFixes(DoctorReport report) throws Exception;

    /** Applies a reviewed plan through the operation engine; every journal change goes to {@code progress}. */
    Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> progress) throws Exception;

    /** The whole report rendered as Markdown or HTML (HTML escaped). */
    String render(DoctorReport report, ReportFormat format) throws Exception;

    /** Where no doctor is wired: no cluster to choose, and every call says so in one sentence. */
    static NetworkDoctorPort unavailable() {
        return new UnavailableNetworkDoctor();
    }
}
