package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolInputs;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.wizard.Wizard;
import dev.hybridpane.ui.wizard.WizardStep;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Create-pool wizard: cluster, name and site → profile and version → labels, taints, architecture, NTP → hosts
 * (free and compatible ones offered, VPN server IPs, the SSH key, parallelism; the CA key for iam-ra) → Review (the
 * problems and the plan of {@link PoolService#check} and {@link PoolService#plan}, as {@code pool apply --plan} prints
 * them) → Apply ({@link PoolService#apply}: journaled in the cluster, under the pool's lock, per-host progress, Cancel).
 * Every read and the operation run off the FX thread.
 */
public final class PoolWizardViewModel extends Wizard {
    private final PoolsServices services;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final TaskRunner runner;
    private final Executor fx;
    private final Consumer<String> created;
    private final PoolNameStepViewModel name = new PoolNameStepViewModel();
    private final PoolProfileStepViewModel profile = new PoolProfileStepViewModel();
    private final PoolNodeStepViewModel nodes = new PoolNodeStepViewModel();
    private final PoolHostsStepViewModel hosts = new PoolHostsStepViewModel();
    private final PoolRunViewModel run;
    private final CniFixOffer cniFix;
    private final ObservableList<ProfileProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ReadOnlyObjectWrapper<PoolService.Checked> checked = new ReadOnlyObjectWrapper<>(this, "checked");
    private final WizardStep nameStep;
    private final WizardStep profileStep;
    private final WizardStep nodesStep;
    private final WizardStep hostsStep;
    private final WizardStep reviewStep;
    private final WizardStep applyStep;
    private int reads;
    /** The iam-ra CA's private key, read at the last check (FX thread only). */
    private CertificateAuthorityPort.CaKey heldKey;

    /**
     * @param clusters the discovered clusters (only hybrid-enabled ones are offered)
     * @param access   how to reach a cluster's API (empty while it is not connected)
     * @param fx       where journal changes are shown (the FX thread)
     * @param journals told of every journal change (the Activity view)
     * @param created  told of the pool's name once it was created
     */
    public PoolWizardViewModel(PoolsServices services, List<Cluster> clusters, Function<Cluster, Optional<ClusterAccess>> access,
            TaskRunner runner, Executor fx, Consumer<Journal> journals, Consumer<String> created, Runnable onClose) {
        super("pool-wizard", "Create node pool", runner, onClose);
        this.services = services;
        this.access = access;
        this.runner = runner;
        this.fx = fx;
        this.created = created;
        this.run = new PoolRunViewModel(journals);
        this.cniFix = new CniFixOffer(services.tools().store(), runner);
        name.clusters().setAll(PoolNameStepViewModel.hybrid(clusters));
        name.clusterProperty().addListener((o, a, c) -> readCluster(c));
        name.nameProperty().addListener((o, a, b) -> subtitle());
        hosts.rolesAnywhereProperty().bind(profile.rolesAnywhereProperty());
        nameStep = add(new WizardStep("Cluster and name", () -> PoolWizardPages.name(this), name.validProperty()));
        profileStep = add(new WizardStep("Profile", () -> PoolWizardPages.profile(this), profile.validProperty()));
        nodesStep = add(new WizardStep("Nodes", () -> PoolWizardPages.nodes(this), nodes.validProperty()));
        hostsStep = add(new WizardStep("Hosts", () -> PoolHostsPage.page(this), hosts.validProperty())
                .onEnter(this::loadHosts));
        reviewStep = add(new WizardStep("Review", () -> PoolReviewPage.review(this), checked.isNotNull())
                .nextText("Create pool").onEnter(this::review));
        applyStep = add(new WizardStep("Apply", () -> PoolReviewPage.apply(this), run.runningProperty().not())
                .nextText(Bindings.createStringBinding(() -> run.runningProperty().get() ? "Creating…"
                        : run.statusProperty().get() == OperationStatus.SUCCEEDED ? "Done" : "Retry",
                        run.runningProperty(), run.statusProperty()))
                .onEnter(this::apply)
                .onNext(proceed -> {
                    if (run.statusProperty().get() == OperationStatus.SUCCEEDED) {
                        proceed.run();
                    } else {
                        review(this::apply);
                    }
                }));
        allowBackWhile(run.runningProperty().not().and(run.statusProperty().isNotEqualTo(OperationStatus.SUCCEEDED)));
    }

    /** Shows the wizard on {@code preset} (or lets the administrator choose when null or not hybrid-enabled). */
    public void open(Cluster preset) {
        if (name.clusters().isEmpty()) {
            setError("No discovered cluster has hybrid nodes enabled: enable hybrid mode on one first (Clusters).");
        } else if (preset != null && name.clusters().contains(preset)) {
            name.clusterProperty().set(preset);
        } else if (name.clusters().size() == 1) {
            name.clusterProperty().set(name.clusters().get(0));
        }
    }

    private void subtitle() {
        Cluster c = name.clusterProperty().get();
        setSubtitle(c == null ? "" : (name.poolName().isEmpty() ? "" : name.poolName() + " · ") + c.name() + " · " + c.region());
    }

    private Optional<ClusterAccess> accessOf(Cluster c) {
        Optional<ClusterAccess> a = access.apply(c);
        if (a.isEmpty()) {
            setError("Not connected to " + c.name() + " yet: its pools, profiles and hosts cannot be read. Open the "
                    + "cluster in Clusters, then try again.");
        }
        return a;
    }

    /** Reads the chosen cluster's sites, hosts, pools and profiles; a later choice wins over an earlier read. */
    private void readCluster(Cluster c) {
        subtitle();
        setError(null);
        if (c == null) {
            return;
        }
        Optional<ClusterAccess> a = accessOf(c);
        if (a.isEmpty()) {
            return;
        }
        int read = ++reads;
        work("Reading " + c.name() + " for a new pool", "Reading " + c.name() + "…", "Could not read " + c.name() + ": ",
                () -> read(c, a.get()), d -> {
                    if (read == reads && c.equals(name.clusterProperty().get())) {
                        name.read(d);
                        profile.read(c, d.profiles());
                    }
                });
    }

    private ClusterData read(Cluster c, ClusterAccess a) {
        try (InventoryPort.Inventory inv = services.inventory().open(c.ref(), a);
             PoolStore.Pools pools = services.tools().store().open(c.ref(), a);
             ProfileStore.Profiles profiles = services.profiles().open(c.ref(), a)) {
            return new ClusterData(inv.sites(), inv.hosts(), pools.list(), profiles.list());
        }
    }

    /** The pool as the steps describe it now. */
    public HybridNodePool pool() {
        Integer v = profile.versionProperty().get();
        return new HybridNodePool(name.poolName(), name.siteProperty().get(), new ProfileRef(
                profile.profileProperty().get() == null ? "" : profile.profileProperty().get(), v == null ? 0 : v),
                nodes.labelMap(), nodes.taintList(), nodes.architecture(), nodes.ntpServers(), hosts.chosen());
    }

    /** Entering Hosts: reads the inventory and pools again (another admin may have taken a host), then lists them. */
    private void loadHosts() {
        Cluster c = name.clusterProperty().get();
        Optional<ClusterAccess> a = accessOf(c);
        if (a.isEmpty()) {
            return;
        }
        setError(null);
        work("Reading the hosts of " + name.siteProperty().get(), "Reading the hosts…", "Could not read the hosts: ",
                () -> new Loaded(read(c, a.get()), services.sshSettings().load(), services.suggestedKeyFile().get()),
                l -> hosts.load(l.data(), c, profile.kubernetes(), pool().withHosts(List.of()), l.ssh(), l.suggested()));
    }

    private record Loaded(ClusterData data, SshSettings ssh, String suggested) {
    }

    /** Entering Review: checks the pool against the cluster and plans it, as {@code pool apply --plan} does. */
    private void review() {
        review(null);
    }

    private void review(Runnable then) {
        checked.set(null);
        problems.clear();
        planText.set("");
        Cluster c = name.clusterProperty().get();
        Optional<ClusterAccess> a = accessOf(c);
        if (a.isEmpty()) {
            return;
        }
        setError(null);
        HybridNodePool pool = pool();
        CaKeyFile ca = hosts.caKey();
        int parallel = hosts.parallelismProperty().get();
        var identity = hosts.identity();
        work("Checking pool " + pool.name(), "Checking " + pool.name() + " against " + c.name() + "…",
                "Could not check the pool: ", () -> {
                    CertificateAuthorityPort.CaKey key = null;
                    if (ca != null) {
                        try {
                            key = services.tools().authority().readKey(ca.keyFile(), ca::passphrase);
                        } catch (IllegalArgumentException e) {
                            return new Reviewed(null, List.of(ProfileProblem.error("caKey", e.getMessage())), "", null);
                        } finally {
                            ca.wipe();
                        }
                    }
                    PoolService service = services.service();
                    try (InventoryPort.Inventory inv = services.inventory().open(c.ref(), a.get());
                         PoolStore.Pools pools = services.tools().store().open(c.ref(), a.get());
                         ProfileStore.Profiles profiles = services.profiles().open(c.ref(), a.get())) {
                        PoolService.Checked ch = service.check(pool, c.ref(), profiles, inv, pools, identity, parallel,
                                PoolInputs.DEFAULT_READY_TIMEOUT, key);
                        String plan = ch.valid() ? service.plan(ch.inputs(), pools).planText() : "";
                        return new Reviewed(ch, ch.problems(), plan, key);
                    } catch (RuntimeException e) {
                        if (key != null) {
                            key.close();
                        }
                        throw e;
                    }
                }, r -> {
                    holdKey(r.key());
                    problems.setAll(r.problems());
                    planText.set(r.plan());
                    boolean ok = r.problems().stream().noneMatch(ProfileProblem::isError);
                    checked.set(ok ? r.checked() : null);
                    if (then != null && ok) {
                        then.run();
                    } else if (then != null) {
                        setError("The pool cannot be created as it is: " + r.problems().stream().filter(ProfileProblem::isError)
                                .map(p -> p.field() + ": " + p.message()).findFirst().orElse(""));
                    }
                });
    }

    /** {@code key}: the CA key read for this check (iam-ra), held in memory until the wizard closes. */
    private record Reviewed(PoolService.Checked checked, List<ProfileProblem> problems, String plan,
                            CertificateAuthorityPort.CaKey key) {
    }

    /** Keeps the CA key the checked inputs sign with; forgets the one an earlier check read. */
    private void holdKey(CertificateAuthorityPort.CaKey key) {
        if (heldKey != null && heldKey != key) {
            heldKey.close();
        }
        heldKey = key;
    }

    /** Entering Apply (or Retry): runs the checked plan as a journaled operation under the pool's lock. */
    private void apply() {
        PoolService.Checked ch = checked.get();
        Cluster c = name.clusterProperty().get();
        Optional<ClusterAccess> a = accessOf(c);
        if (ch == null || a.isEmpty() || run.runningProperty().get()) {
            return;
        }
        setError(null);
        cniFix.clear();
        CancelToken cancel = run.starting(ch.inputs().pool().hostNames());
        runner.task("Creating node pool " + ch.inputs().pool().name(), () -> {
            PoolService service = services.service();
            String holder = services.caller().get() + " on " + hostName();
            // the inventory too: each joined host's EdgeHost status then names the pool ("in pool" in Edge Hosts)
            try (PoolStore.Pools pools = services.tools().store().open(c.ref(), a.get());
                 InventoryPort.Inventory inventory = services.inventory().open(c.ref(), a.get());
                 PoolTools.Operations ops = services.tools().operations().open(a.get())) {
                return service.apply(ch.inputs(), pools, inventory, NodeDrain.Options.DEFAULT, ops.journals(), ops.lock(),
                        holder, cancel, j -> fx.execute(() -> run.show(j)));
            }
        }).onSuccess(j -> {
            run.finished(j, null);
            if (j.status() == OperationStatus.SUCCEEDED) {
                created.accept(ch.inputs().pool().name());
            } else if (j.status() == OperationStatus.FAILED) {
                cniFix.check(c.ref(), a.get(), ch.inputs().pool().name());
            }
        }).onError(e -> run.finished(null, e instanceof OperationLock.LockedException ? e.getMessage()
                : "Failed: " + Errors.sentence(e))).start();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    @Override
    protected WizardStep previous(WizardStep from) {
        return from == applyStep ? hostsStep : super.previous(from);
    }

    /** Cancel: stops a running operation (each host after its current step), wipes the passphrases (the SSH one once nothing runs), closes. */
    @Override
    public void close() {
        run.cancel();
        hosts.wipe();
        if (!run.runningProperty().get()) {
            if (checked.get() != null) {
                checked.get().inputs().identity().clear();
            }
            holdKey(null);
        }
        super.close();
    }

    public PoolNameStepViewModel name() {
        return name;
    }

    public PoolProfileStepViewModel profile() {
        return profile;
    }

    public PoolNodeStepViewModel nodes() {
        return nodes;
    }

    public PoolHostsStepViewModel hosts() {
        return hosts;
    }

    public PoolRunViewModel run() {
        return run;
    }

    /** After a failed run: the CNI patch that would let the pool's nodes turn Ready, shown first, applied on request. */
    public CniFixOffer cniFix() {
        return cniFix;
    }

    /** Review: every problem the checks found (errors block Create pool; warnings do not). */
    public ObservableList<ProfileProblem> problems() {
        return problems;
    }

    /** Review: the plan, as {@code pool apply --plan} prints it (secrets masked); empty while there are errors. */
    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    /** The checked pool that Create pool runs; null until Review found no error. */
    public ReadOnlyObjectProperty<PoolService.Checked> checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    public WizardStep nameStep() {
        return nameStep;
    }

    public WizardStep profileStep() {
        return profileStep;
    }

    public WizardStep nodesStep() {
        return nodesStep;
    }

    public WizardStep hostsStep() {
        return hostsStep;
    }

    public WizardStep reviewStep() {
        return reviewStep;
    }

    public WizardStep applyStep() {
        return applyStep;
    }
}
