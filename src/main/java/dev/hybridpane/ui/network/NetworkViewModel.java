package dev.hybridpane.ui.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.network.NetworkDoctorPort.DoctorTarget;
import dev.hybridpane.ui.network.NetworkDoctorPort.ReportFormat;
import dev.hybridpane.ui.network.NetworkDoctorPort.RunProgress;
import dev.hybridpane.ui.network.NetworkDoctorPort.RunRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Network view's state: the cluster chosen, a doctor run with progress and Cancel, its report, the element or link
 * chosen in the picture and its checks, the exports, and the Fix… flow. Every port call runs through the
 * {@link TaskRunner}; the FX thread never waits.
 */
public final class NetworkViewModel {
    private final NetworkDoctorPort port;
    private final TaskRunner runner;
    private final Executor fx;
    private final Consumer<Journal> journals;
    private final ObservableList<DoctorTarget> clusters = FXCollections.observableArrayList();
    private final ObjectProperty<DoctorTarget> target = new SimpleObjectProperty<>(this, "target");
    private final BooleanProperty probeHosts = new SimpleBooleanProperty(this, "probeHosts", false);
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper(this, "unavailable", "");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
    private final ReadOnlyObjectWrapper<DoctorReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper(this, "selected");
    private final ReadOnlyStringWrapper selectedTitle = new ReadOnlyStringWrapper(this, "selectedTitle", "");
    private final ObservableList<DoctorCheck> selectedChecks = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FixViewModel> fix = new ReadOnlyObjectWrapper<>(this, "fix");
    private CancelToken cancel;

    /**
     * @param fx       runs progress on the FX thread
     * @param journals told of every journal change of a fix run (the Activity view's operations)
     */
    public NetworkViewModel(NetworkDoctorPort port, TaskRunner runner, Executor fx, Consumer<Journal> journals) {
        this.port = Objects.requireNonNull(port, "port");
        this.runner = runner;
        this.fx = fx;
        this.journals = journals;
    }

    /** Reads the clusters to choose from; keeps the choice when it is still there, else takes the first. */
    public void load() {
        runner.task("Listing hybrid clusters", port::clusters)
                .onSuccess(list -> {
                    DoctorTarget was = target.get();
                    clusters.setAll(list);
                    target.set(was != null && list.contains(was) ? was : list.isEmpty() ? null : list.get(0));
                })
                .onError(e -> error.set(Errors.sentence(e)))
                .andFinally(() -> {
                    unavailable.set(port.whyUnavailable());
                    loaded.set(true);
                })
                .start();
    }

    /** Runs the doctor on the chosen cluster; a second Run while one goes on does nothing. */
    public void run() {
        DoctorTarget t = target.get();
        if (running.get()) {
            return;
        }
        if (t == null) {
            error.set("Choose a cluster to check.");
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        error.set(null);
        notice.set(null);
        progress.set(-1);
        progressText.set("Starting the checks on " + t.cluster() + "…");
        RunRequest request = new RunRequest(t, probeHosts.get());
        runner.task("Checking the network of " + t.cluster(),
                        () -> port.run(request, p -> fx.execute(() -> showProgress(token, p)), token))
                .onSuccess(r -> {
                    report.set(r);
                    select(selected.get());
                    progressText.set(summary(r));
                })
                .onError(e -> {
                    if (token.cancelled()) {
                        progressText.set("Cancelled; the last report stays shown.");
                    } else {
                        error.set(Errors.sentence(e));
                        progressText.set("");
                    }
                })
                .andFinally(() -> {
                    running.set(false);
                    progress.set(1);
                })
                .start();
    }

    private void showProgress(CancelToken token, RunProgress p) {
        if (token != cancel || !running.get() || token.cancelled()) {
            return;
        }
        progress.set(p.fraction());
        progressText.set(p.total() > 0 ? p.done() + " of " + p.total() + " checks · " + p.current() : p.current());
    }

    /** Stops the run at its next safe point. */
    public void cancel() {
        if (cancel != null && running.get()) {
            cancel.cancel();
            progressText.set("Cancelling…");
        }
    }

    /** "3 failing · 1 warning · 1 unknown of 24 checks", or "All 24 checks pass". */
    public static String summary(DoctorReport r) {
        long fail = count(r, DoctorStatus.FAIL);
        long warn = count(r, DoctorStatus.WARN);
        long unknown = count(r, DoctorStatus.UNKNOWN);
        int all = r.checks().size();
        if (fail + warn + unknown == 0) {
            return "All " + all + " checks pass";
        }
        StringBuilder b = new StringBuilder();
        append(b, fail, "failing", "failing");
        append(b, warn, "warning", "warnings");
        append(b, unknown, "unknown", "unknown");
        return b + " of " + all + " checks";
    }

    private static void append(StringBuilder b, long n, String one, String many) {
        if (n > 0) {
            b.append(b.length() == 0 ? "" : " · ").append(n).append(' ').append(n == 1 ? one : many);
        }
    }

    static long count(DoctorReport r, DoctorStatus s) {
        return r.checks().stream().filter(c -> c.status() == s).count();
    }

    /** Chooses an element or link of the picture (null: none); its checks show in the side pane. */
    public void select(String subjectId) {
        DoctorReport r = report.get();
        selected.set(subjectId);
        if (r == null || subjectId == null) {
            selectedChecks.clear();
            selectedTitle.set("");
            return;
        }
        selectedChecks.setAll(r.checksOf(subjectId));
        selectedTitle.set(titleOf(r.topology(), subjectId));
    }

    /** Chooses one check (a row of the table): its first subject is marked in the picture, the check shown alone. */
    public void selectCheck(DoctorCheck check) {
        if (check == null) {
            return;
        }
        selected.set(check.subjects().isEmpty() ? null : check.subjects().get(0));
        selectedTitle.set(check.title());
        selectedChecks.setAll(List.of(check));
    }

    static String titleOf(Topology t, String id) {
        for (Topology.Element e : t.elements()) {
            if (e.id().equals(id)) {
                return TopologyLayout.kindName(e.kind()) + " " + TopologyLayout.shortLabel(e);
            }
        }
        for (Topology.Link l : t.links()) {
            if (l.id().equals(id)) {
                return "Link " + labelOf(t, l.from()) + " → " + labelOf(t, l.to());
            }
        }
        return id;
    }

    private static String labelOf(Topology t, String id) {
        return t.elements().stream().filter(e -> e.id().equals(id)).map(TopologyLayout::shortLabel).findFirst().orElse(id);
    }

    /** Whether the report has a fix that can be applied after review. */
    public boolean hasAutomaticFixes() {
        DoctorReport r = report.get();
        return r != null && r.checks().stream().anyMatch(c -> c.status() != DoctorStatus.PASS && c.fix().automatic());
    }

    /** Opens the Fix… flow on the current report: its plan is made, then reviewed, then applied. */
    public void openFix() {
        DoctorReport r = report.get();
        if (r == null || running.get()) {
            return;
        }
        FixViewModel f = new FixViewModel(port, runner, fx, journals, r, applied -> {
            fix.set(null);
            if (applied) {
                run();
            }
        });
        fix.set(f);
        f.plan();
    }

    /** Writes the report as Markdown or HTML to {@code file} (rendered and written off the FX thread). */
    public void exportReport(ReportFormat format, Path file) {
        DoctorReport r = report.get();
        if (r != null) {
            write("Exporting the report", file, () -> port.render(r, format));
        }
    }

    /** Writes the picture as SVG to {@code file}. */
    public void exportSvg(Path file) {
        DoctorReport r = report.get();
        if (r != null) {
            write("Exporting the picture", file, () -> TopologySvg.write(r));
        }
    }

    /** Writes already encoded bytes (the picture's PNG snapshot) to {@code file}. */
    public void exportBytes(String title, Path file, Callable<byte[]> bytes) {
        runner.task(title, () -> {
                    writeAtomically(file, bytes.call());
                    return file;
                })
                .onSuccess(f -> notice.set("Saved " + f.getFileName() + " in " + f.toAbsolutePath().getParent()))
                .onError(e -> error.set("Could not save " + file.getFileName() + ": " + Errors.sentence(e)))
                .start();
    }

    private void write(String title, Path file, Callable<String> text) {
        exportBytes(title, file, () -> text.call().getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path file, byte[] bytes) throws Exception {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".hybridpane.tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file name for an export: "network-CLUSTER-REGION.EXT". */
    public String fileName(String extension) {
        DoctorReport r = report.get();
        return r == null ? "network." + extension : "network-" + r.cluster() + "-" + r.region() + "." + extension;
    }

    public void dismissNotice() {
        notice.set(null);
    }

    public ObservableList<DoctorTarget> clusters() {
        return clusters;
    }

    public ObjectProperty<DoctorTarget> targetProperty() {
        return target;
    }

    public BooleanProperty probeHostsProperty() {
        return probeHosts;
    }

    /** Why the doctor cannot run in this environment, or "". */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the run does not know its total yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DoctorReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedTitleProperty() {
        return selectedTitle.getReadOnlyProperty();
    }

    public ObservableList<DoctorCheck> selectedChecks() {
        return selectedChecks;
    }

    public ReadOnlyObjectProperty<FixViewModel> fixProperty() {
        return fix.getReadOnlyProperty();
    }

    static List<DoctorCheck> failing(DoctorReport r) {
        return r.checks().stream().filter(c -> c.status() != DoctorStatus.PASS).toList();
    }
}
