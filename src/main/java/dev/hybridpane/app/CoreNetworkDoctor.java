package dev.hybridpane.app;

import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.ReportHtml;
import dev.hybridpane.domain.network.ReportMarkdown;
import dev.hybridpane.ui.network.NetworkDoctorPort;
import dev.hybridpane.ui.pools.wizard.PoolsServices;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Network view's port over the same {@link NetworkDoctors} `hybridpane doctor` runs, for the AWS profile in use: the
 * hybrid clusters of the fleet, a run (hosts probed with the Edge Hosts view's key choice), the fix plan and its apply
 * (journaled in the cluster), the report as Markdown or HTML.
 */
final class CoreNetworkDoctor implements NetworkDoctorPort {
    private final Supplier<List<Cluster>> clusters;
    private final PoolsServices services;
    private final Function<String, NetworkDoctors> doctors;
    private final ReviewedFixes reviewed = new ReviewedFixes();

    private CoreNetworkDoctor(Supplier<List<Cluster>> clusters, PoolsServices services, Function<String, NetworkDoctors> doctors) {
        this.clusters = clusters;
        this.services = services;
        this.doctors = doctors;
    }

    /** The port, or one that says the doctor is not available where the environment has none. */
    static NetworkDoctorPort of(Supplier<List<Cluster>> clusters, PoolsServices services, Function<String, NetworkDoctors> doctors) {
        return doctors == null ? NetworkDoctorPort.unavailable() : new CoreNetworkDoctor(clusters, services, doctors);
    }

    private NetworkDoctors doctors() {
        return doctors.apply(services.awsProfile().get());
    }

    @Override
    public List<DoctorTarget> clusters() {
        return clusters.get().stream().filter(Cluster::hybridEnabled)
                .map(c -> new DoctorTarget(c.ref().name(), c.ref().region()))
                .sorted(Comparator.comparing(DoctorTarget::cluster).thenComparing(DoctorTarget::region)).toList();
    }

    @Override
    public DoctorReport run(RunRequest request, Consumer<RunProgress> progress, CancelToken cancel) {
        ClusterRef ref = new ClusterRef(request.target().region(), request.target().cluster());
        return doctors().diagnose(ref, request.probeHosts() ? CorePoolDay2.identity(services, ref, List.of()) : null,
                (done, total, message) -> progress.accept(new RunProgress(done, total, message)), cancel);
    }

    @Override
    public FixPlan planFixes(DoctorReport report) {
        ReviewedFixes.Shown shown = reviewed.plan(report);
        return new FixPlan(shown.operation(), shown.changes());
    }

    @Override
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> progress) {
        var corePlan = reviewed.get(plan.operation());
        try {
            Journal j = doctors().applyFixes(corePlan, cancel, progress);
            if (j.status() == OperationStatus.SUCCEEDED) {
                reviewed.done(plan.operation());
            }
            return j;
        } catch (LockedException e) {
            // nothing changed: the plan stays reviewed, Apply again once the other workstation is done
            throw new IllegalStateException(NetworkFixes.refusal(corePlan.cluster(), e), e);
        }
    }

    @Override
    public String render(DoctorReport report, ReportFormat format) {
        return format == ReportFormat.HTML ? ReportHtml.render(report) : ReportMarkdown.render(report);
    }
}
