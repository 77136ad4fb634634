package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Day2State;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostCertificate;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.LockState;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.PoolTarget;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Unfinished;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The shown pool's day-2 state and actions. On {@link #show} (and {@link #refresh()}, and after every run) the pool's
 * lock, unfinished operation, credential provider and host certificates are read off the FX thread. A lock held by
 * another console ("Updating, held by X since T") or stale disables every action; a stale one offers Take over (after
 * a confirmation that says the takeover is recorded as an Event). Each action opens a {@link Day2Flow} (or the SSM
 * hygiene list) in {@link #openProperty()}, which the view shows in a ModalPane. FX thread only.
 */
public final class PoolDay2ViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** What the detail says about the lock, and how loudly. */
    public enum BannerKind { NONE, INFO, WARNING, DANGER }

    /** The pool shown: its cluster and name, the profile version it uses and the latest (null: unknown). */
    public record Shown(Cluster cluster, String pool, Integer version, Integer latest, List<String> hosts, int nodes) {
        public Shown {
            hosts = List.copyOf(hosts);
        }
    }

    private final PoolDay2Port port;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final TaskRunner runner;
    private final Executor fx;
    private final Consumer<Journal> journals;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<LockState> lock = new ReadOnlyObjectWrapper<>(this, "lock");
    private final ReadOnlyObjectWrapper<Unfinished> unfinished = new ReadOnlyObjectWrapper<>(this, "unfinished");
    private final ReadOnlyObjectWrapper<CredentialProvider> provider = new ReadOnlyObjectWrapper<>(this, "provider");
    private final ObservableMap<String, CertificateExpiry> certificates = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper(this, "bannerTitle", "");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper(this, "bannerText", "");
    private final ReadOnlyObjectWrapper<BannerKind> bannerKind = new ReadOnlyObjectWrapper<>(this, "bannerKind",
            BannerKind.NONE);
    private final ReadOnlyObjectWrapper<Object> open = new ReadOnlyObjectWrapper<>(this, "open");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final BooleanBinding actionsDisabled;
    private int generation;

    public PoolDay2ViewModel(PoolDay2Port port, Function<Cluster, Optional<ClusterAccess>> access, TaskRunner runner,
            Executor fx, Consumer<Journal> journals, Clock clock) {
        this.port = Objects.requireNonNull(port, "port");
        this.access = Objects.requireNonNull(access, "access");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.journals = Objects.requireNonNull(journals, "journals");
        this.clock = Objects.requireNonNull(clock, "clock");
        actionsDisabled = Bindings.createBooleanBinding(() -> shown.get() == null || loading.get()
                || !error.get().isEmpty() || !(lock.get() instanceof LockState.Free) || running.get(),
                shown, loading, error, lock, running);
    }

    /** Shows a pool (null: none). The same pool again with new values keeps its state and only updates the counts. */
    public void show(Shown s) {
        Shown old = shown.get();
        boolean same = old != null && s != null && old.cluster().ref().equals(s.cluster().ref())
                && old.pool().equals(s.pool());
        shown.set(s);
        if (!same) {
            generation++;
            lock.set(null);
            unfinished.set(null);
            provider.set(null);
            certificates.clear();
            error.set("");
            banner(BannerKind.NONE, "", "");
            if (s != null) {
                refresh();
            }
        }
    }

    private Optional<PoolTarget> target() {
        Shown s = shown.get();
        if (s == null) {
            return Optional.empty();
        }
        return access.apply(s.cluster()).map(a -> new PoolTarget(s.cluster(), a, s.pool()));
    }

    /** Reads the pool's lock, unfinished operation and certificates again. */
    public void refresh() {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        Optional<PoolTarget> t = target();
        if (t.isEmpty()) {
            error.set("Not connected to " + s.cluster().name() + ": day-2 actions need the cluster's API.");
            banner(BannerKind.WARNING, "Not connected", error.get());
            return;
        }
        int gen = generation;
        loading.set(true);
        runner.task("Reading the day-2 state of pool " + s.pool(), () -> port.state(t.get()))
                .onSuccess(st -> {
                    if (gen == generation) {
                        error.set("");
                        apply(st);
                    }
                })
                .onError(e -> {
                    if (gen == generation) {
                        error.set(Errors.sentence(e));
                        if (e instanceof UnsupportedOperationException) {
                            banner(BannerKind.INFO, "Day-2 actions unavailable", error.get());
                        } else {
                            banner(BannerKind.DANGER, "Day-2 state unknown", error.get());
                        }
                    }
                })
                .andFinally(() -> {
                    if (gen == generation) {
                        loading.set(false);
                    }
                })
                .start();
    }

    private void apply(Day2State st) {
        lock.set(st.lock());
        unfinished.set(st.unfinished().orElse(null));
        provider.set(st.provider());
        certificates.clear();
        Instant now = clock.instant();
        for (HostCertificate c : st.certificates()) {
            certificates.put(c.host(), c.problem() != null ? CertificateExpiry.unread(c.problem(), now)
                    : new CertificateExpiry(c.notAfter(), now));
        }
        if (st.lock() instanceof LockState.Held h) {
            banner(BannerKind.WARNING, "Updating, held by " + h.holder() + " since " + TIME.format(h.since()),
                    "Another operation runs on this pool (its lease was renewed at " + TIME.format(h.renewed())
                    + "). Actions are off until it ends.");
        } else if (st.lock() instanceof LockState.Stale stale) {
            banner(BannerKind.DANGER, "Stale lock: held by " + stale.holder() + " since " + TIME.format(stale.since()),
                    "Its lease was last renewed at " + TIME.format(stale.lastRenewal()) + ": that console is probably "
                    + "gone. Take over to act on the pool" + (st.unfinished().isPresent() ? "; Resume then finishes "
                    + st.unfinished().get().title() + "." : "."));
        } else if (st.unfinished().isPresent()) {
            Unfinished u = st.unfinished().get();
            banner(BannerKind.INFO, "Unfinished: " + u.title(), "Started " + TIME.format(u.started()) + " by " + u.by()
                    + ". Resume finishes it from its journal.");
        } else {
            banner(BannerKind.NONE, "", "");
        }
    }

    private void banner(BannerKind kind, String title, String text) {
        bannerKind.set(kind);
        bannerTitle.set(title);
        bannerText.set(text);
    }

    /** What the takeover confirmation says. */
    public String takeOverConfirmation() {
        return lock.get() instanceof LockState.Stale s ? "The lease of " + shown.get().pool() + " is held by "
                + s.holder() + " and was last renewed at " + TIME.format(s.lastRenewal()) + ". Taking it over stops "
                + "that console from acting on the pool if it comes back. The takeover is recorded as an Event on the "
                + "pool, with your name." : "";
    }

    /** Takes over the stale lock (after the confirmation), then reads the state again. */
    public void takeOver() {
        Optional<PoolTarget> t = target();
        if (t.isEmpty() || !(lock.get() instanceof LockState.Stale)) {
            return;
        }
        int gen = generation;
        loading.set(true);
        runner.task("Taking over the lock of pool " + t.get().pool(), () -> port.takeOver(t.get()))
                .onSuccess(l -> {
                    if (gen == generation) {
                        refresh();
                    }
                })
                .onError(e -> {
                    if (gen == generation) {
                        banner(BannerKind.DANGER, "Takeover failed", Errors.sentence(e));
                        loading.set(false);
                    }
                })
                .start();
    }

    private Optional<Day2Context> context() {
        return target().map(t -> new Day2Context(port, t, runner, fx, journals, this::runEnded));
    }

    private void runEnded() {
        running.set(false);
        refresh();
    }

    private <F extends Day2Flow> Optional<F> openFlow(Function<Day2Context, F> make) {
        if (actionsDisabled.get() && !(unfinished.get() != null && lock.get() instanceof LockState.Free)) {
            return Optional.empty();
        }
        Optional<F> f = context().map(make);
        f.ifPresent(flow -> {
            flow.run().runningProperty().addListener((o, a, b) -> {
                if (b) {
                    running.set(true);
                }
            });
            open.set(flow);
        });
        return f;
    }

    /** "Upgrade…" when the profile has a newer version. */
    public Optional<UpgradeViewModel> upgrade() {
        Shown s = shown.get();
        if (!upgradeAvailable()) {
            return Optional.empty();
        }
        return openFlow(c -> new UpgradeViewModel(c, s.version(), s.latest(), s.nodes()));
    }

    public boolean upgradeAvailable() {
        Shown s = shown.get();
        return s != null && s.version() != null && s.latest() != null && s.latest() > s.version();
    }

    /** "Remove node…" on a node row. */
    public Optional<RemoveNodeViewModel> removeNode(String node, String host) {
        return node == null || node.isEmpty() ? Optional.empty() : openFlow(c -> new RemoveNodeViewModel(c, node, host));
    }

    /** "Edit hosts…": reads the hosts at once. */
    public Optional<EditHostsViewModel> editHosts() {
        Optional<EditHostsViewModel> f = openFlow(EditHostsViewModel::new);
        f.ifPresent(EditHostsViewModel::load);
        return f;
    }

    /** "Rotate certificates…" (IAM Roles Anywhere pools). */
    public Optional<RotateCertsViewModel> rotateCertificates() {
        return provider.get() != CredentialProvider.IAM_RA ? Optional.empty()
                : openFlow(c -> new RotateCertsViewModel(c, shown.get().hosts()));
    }

    /** "SSM hygiene…" (SSM pools): reads the lists at once. */
    public Optional<SsmHygieneViewModel> ssmHygiene() {
        if (provider.get() != CredentialProvider.SSM || actionsDisabled.get()) {
            return Optional.empty();
        }
        Optional<SsmHygieneViewModel> h = context().map(SsmHygieneViewModel::new);
        h.ifPresent(x -> {
            open.set(x);
            x.load();
        });
        return h;
    }

    /** "Resume": finishes the unfinished operation (the lock must be free: take a stale one over first). */
    public Optional<ResumeViewModel> resume() {
        Unfinished u = unfinished.get();
        if (u == null || !(lock.get() instanceof LockState.Free) || running.get()) {
            return Optional.empty();
        }
        Optional<ResumeViewModel> f = openFlow(c -> new ResumeViewModel(c, u));
        f.ifPresent(ResumeViewModel::begin);
        return f;
    }

    /** Closes the open dialog (a run goes on in the background; its end reads the state again). */
    public void close() {
        if (open.get() instanceof RotateCertsViewModel r) {
            r.wipe();
        }
        open.set(null);
    }

    public ReadOnlyObjectProperty<Shown> shownProperty() { return shown.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** Why the day-2 state could not be read, one sentence; "" otherwise. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<LockState> lockProperty() { return lock.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Unfinished> unfinishedProperty() { return unfinished.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CredentialProvider> providerProperty() { return provider.getReadOnlyProperty(); }
    /** Host → its certificate's expiry (IAM Roles Anywhere pools). */
    public ObservableMap<String, CertificateExpiry> certificates() { return certificates; }
    public ReadOnlyStringProperty bannerTitleProperty() { return bannerTitle.getReadOnlyProperty(); }
    public ReadOnlyStringProperty bannerTextProperty() { return bannerText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<BannerKind> bannerKindProperty() { return bannerKind.getReadOnlyProperty(); }
    /** Actions are off: nothing shown, reading, unknown state, a lock held (live or stale), or a run of ours. */
    public BooleanBinding actionsDisabledProperty() { return actionsDisabled; }
    /** The open dialog: a {@link Day2Flow} or the {@link SsmHygieneViewModel}; null when none. */
    public ReadOnlyObjectProperty<Object> openProperty() { return open.getReadOnlyProperty(); }
    /** A run started here is going on. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
}
