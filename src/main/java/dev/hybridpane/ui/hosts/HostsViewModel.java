package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Edge Hosts view's state: the chosen hybrid cluster, its sites and hosts (from the cluster's custom
 * resources), the filter and probe progress. Adding and editing hosts is {@link HostEditViewModel}, sites
 * {@link SiteEditViewModel}, and what a probe asks the administrator (keys, passwords) {@link HostPromptsViewModel}.
 */
public final class HostsViewModel {
    private final HostsServices services;
    private final EnvironmentInfo environment;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final TaskRunner runner;
    private final Executor fx;
    private final Clock clock;
    private final FactGatherer gatherer;
    private final ObservableList<Cluster> clusters = FXCollections.observableArrayList();
    private final ObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(this, "cluster");
    private final ObservableList<Site> sites = FXCollections.observableArrayList();
    private final ObservableList<HostRow> hosts = FXCollections.observableArrayList();
    private final FilteredList<HostRow> filtered = new FilteredList<>(hosts);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<HostRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty message = new SimpleStringProperty(this, "message");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final ReadOnlyObjectWrapper<AgentStatus> agentStatus = new ReadOnlyObjectWrapper<>(this, "agentStatus",
            AgentStatus.unavailable("Asking ssh-agent…"));
    private final HostEditViewModel edit;
    private final SiteEditViewModel siteEdit;
    private final HostPromptsViewModel prompts;
    private InventoryPort.Inventory inventory;
    /** Why the chosen cluster's inventory could not be read (e.g. it was never imported), or null. */
    private volatile String loadFailure;
    private FactGatherer.Run run;
    private int generation;

    public HostsViewModel(ObservableList<ClusterRow> clusterRows, Function<Cluster, Optional<ClusterAccess>> access,
            HostsServices services, EnvironmentInfo environment, TaskRunner runner, Executor fx, Clock clock) {
        this.services = services;
        this.environment = environment;
        this.access = access;
        this.runner = runner;
        this.fx = fx;
        this.clock = clock;
        this.gatherer = new FactGatherer(services.edge());
        this.edit = new HostEditViewModel(this, services.sshSettings(), runner, environment.suggestedKeyFile());
        this.siteEdit = new SiteEditViewModel(this, runner);
        this.prompts = new HostPromptsViewModel(this, services.knownHosts(), runner);
        filtered.predicateProperty().bind(Bindings.createObjectBinding(
                () -> r -> r.matches(filter.get()), filter));
        clusterRows.addListener((ListChangeListener<ClusterRow>) c -> syncClusters(clusterRows));
        syncClusters(clusterRows);
        cluster.addListener((o, a, b) -> load());
        if (cluster.get() != null) {
            load();
        }
    }

    private void syncClusters(List<ClusterRow> rows) {
        List<Cluster> hybrid = rows.stream().map(ClusterRow::cluster).filter(Cluster::hybridEnabled).toList();
        if (!hybrid.equals(clusters)) {
            Cluster current = cluster.get();
            clusters.setAll(hybrid);
            Optional<Cluster> same = current == null ? Optional.empty()
                    : hybrid.stream().filter(c -> c.ref().equals(current.ref())).findFirst();
            if (same.isEmpty()) {
                cluster.set(hybrid.isEmpty() ? null : hybrid.get(0));
            }
        }
    }

    /** (Re)reads the sites and hosts of the chosen cluster. */
    public void load() {
        int gen = ++generation;
        cancel();
        closeInventory();
        hosts.clear();
        sites.clear();
        selected.set(null);
        prompts.clear();
        Cluster c = cluster.get();
        if (c == null) {
            return;
        }
        Optional<ClusterAccess> a = access.apply(c);
        if (a.isEmpty()) {
            message.set("Not connected to " + c.name() + " yet.");
            return;
        }
        message.set(null);
        loadFailure = null;
        runner.task("Reading edge hosts of " + c.name(), () -> {
            InventoryPort.Inventory inv = services.inventory().open(c.ref(), a.get());
            try {
                return new Loaded(inv, inv.sites(), inv.hosts());
            } catch (RuntimeException e) {
                inv.close();
                throw e;
            }
        }).onSuccess(l -> {
            if (gen != generation) {
                l.inventory().close();
            } else {
                inventory = l.inventory();
                sites.setAll(l.sites());
                hosts.setAll(l.hosts().stream().map(h -> new HostRow(h.spec(), h.status(), null)).toList());
            }
        }).onError(e -> {
            if (gen == generation) {
                loadFailure = e.getMessage();
                message.set(e.getMessage());
            }
        }).start();
    }

    private record Loaded(InventoryPort.Inventory inventory, List<Site> sites, List<StoredHost> hosts) {
    }

    /**
     * Asks this workstation's ssh-agent, in the background, whether it answers and how many keys it holds
     * ({@link #agentStatusProperty()}); the Add host dialog asks each time it opens.
     */
    public void checkAgent() {
        runner.task("Asking ssh-agent", () -> services.edge().agentStatus())
                .onSuccess(agentStatus::set)
                .onError(e -> agentStatus.set(AgentStatus.unavailable("Could not ask ssh-agent: " + e.getMessage())))
                .start();
    }

    // ---- shared with the editing view models ----

    List<EdgeHostSpec> specs() {
        return hosts.stream().map(HostRow::spec).toList();
    }

    InventoryPort.Inventory inventory() {
        return inventory;
    }

    /** Why the forms cannot save: the reason the inventory could not be read, or {@code otherwise}. */
    String unavailable(String otherwise) {
        String why = loadFailure;
        return why != null ? why : otherwise;
    }

    void rememberSudoPassword(String host, char[] password) {
        prompts.rememberSudoPassword(host, password);
    }

    void forgetSudoPassword(String host) {
        prompts.forgetSudoPassword(host);
    }

    boolean hasSudoPassword(String host) {
        return prompts.hasSudoPassword(host);
    }

    /** Puts a note on these hosts' rows ("Host key rejected", "Sudo password needed"). */
    void note(List<String> names, String note) {
        names.forEach(n -> row(n).ifPresent(r -> replace(r.withNote(note))));
    }

    /** Adds new hosts: rows first ("Saving…"), stored in the cluster, then probed. */
    void store(List<EdgeHostSpec> specs) {
        InventoryPort.Inventory inv = inventory;
        specs.forEach(s -> hosts.add(new HostRow(s, HostStatus.UNCHECKED, "Saving…")));
        runner.task("Saving " + specs.size() + (specs.size() == 1 ? " host" : " hosts"), () -> {
            specs.forEach(inv::saveHost);
        }).onSuccess(v -> probe(specs)).onError(e -> {
            message.set(e.getMessage());
            hosts.removeIf(h -> specs.contains(h.spec()) && "Saving…".equals(h.note()));
        }).start();
    }

    /** Replaces an existing host's spec (its status is kept), stores it in the cluster, then probes it. */
    void update(EdgeHostSpec spec) {
        InventoryPort.Inventory inv = inventory;
        row(spec.name()).ifPresent(r -> replace(new HostRow(spec, r.status(), "Saving…")));
        runner.task("Saving " + spec.name(), () -> {
            inv.saveHost(spec);
        }).onSuccess(v -> probe(List.of(spec))).onError(e -> {
            message.set(e.getMessage());
            row(spec.name()).ifPresent(r -> replace(r.withNote(null)));
        }).start();
    }

    // ---- probing ----

    public void refresh(HostRow row) {
        if (row != null) {
            probe(List.of(row.spec()));
        }
    }

    public void refreshAll() {
        probe(specs());
    }

    void probe(List<EdgeHostSpec> specs) {
        Cluster c = cluster.get();
        if (c == null || inventory == null || specs.isEmpty()) {
            return;
        }
        if (run != null) {
            run.cancel().run();
        }
        specs = prompts.readyToProbe(specs);
        if (specs.isEmpty()) {
            return;
        }
        List<String> probedHostPorts = specs.stream().map(EdgeHostSpec::hostPort).toList();
        List<EdgeTarget> targets = new ArrayList<>();
        Map<String, HostStatus> previous = new HashMap<>();
        for (EdgeHostSpec s : specs) {
            String file = edit.keyFileOf(s.name());
            SshIdentity identity = SshSettings.isAgent(file) ? SshIdentity.agent()
                    : new SshIdentity(file.isBlank() ? null : Path.of(file), prompts.passphrase(file));
            targets.add(new EdgeTarget(s, identity, prompts.sudoPassword(s.name())));
            row(s.name()).ifPresent(r -> {
                previous.put(s.name(), r.status());
                replace(r.withNote("Checking…"));
            });
        }
        Map<String, Site> siteMap = new HashMap<>();
        sites.forEach(s -> siteMap.put(s.name(), s));
        List<String> storeErrors = new ArrayList<>();
        busy.set(true);
        progress.set(0);
        progressText.set("Checking " + specs.size() + (specs.size() == 1 ? " host" : " hosts") + " over SSH, "
                + gatherer.parallelism() + " at a time…");
        FactGatherer.Run r = HostProbes.start(gatherer, targets, previous, c.remoteNodeCidrs(), siteMap, inventory, clock,
                fx, d -> {
                    row(d.host()).ifPresent(old -> replace(new HostRow(old.spec(), d.status(), d.note())));
                    progress.set((double) d.done() / d.total());
                    progressText.set(d.done() + " of " + d.total() + " hosts checked");
                }, storeErrors);
        run = r;
        runner.await("Checking edge hosts", HostProbes.outcomeOf(r, storeErrors)).onSuccess(o -> {
            if (run == r) {
                run = null;
                busy.set(false);
                progressText.set(o.reached() + " of " + o.total() + " reached");
            }
            if (!o.storeErrors().isEmpty()) {
                message.set(o.storeErrors().get(0));
            }
            hosts.replaceAll(h -> "Checking…".equals(h.note()) ? h.withNote(null) : h);
            prompts.probed(probedHostPorts, o);
        }).onError(e -> {
            busy.set(false);
            message.set(e.getMessage());
        }).start();
    }

    public void cancel() {
        FactGatherer.Run r = run;
        if (r != null) {
            r.cancel().run();
            run = null;
            busy.set(false);
            progressText.set("Cancelled");
            hosts.replaceAll(h -> "Checking…".equals(h.note()) ? h.withNote(null) : h);
        }
    }

    // ---- removing ----

    /** Removes a host from the inventory, unless it is in a pool. Returns the reason it was refused, or empty. */
    public Optional<String> remove(HostRow row) {
        if (row.inPool()) {
            return Optional.of(row.name() + " is in pool " + row.status().pool() + "; remove it from the pool first.");
        }
        InventoryPort.Inventory inv = inventory;
        runner.task("Removing " + row.name(), () -> {
            inv.deleteHost(row.name());
        }).onSuccess(v -> {
            hosts.removeIf(h -> h.name().equals(row.name()));
            if (selected.get() != null && selected.get().name().equals(row.name())) {
                selected.set(null);
            }
        }).onError(e -> message.set(e.getMessage())).start();
        return Optional.empty();
    }

    /** Writes an exported file (appliance user-data or .arg) where the administrator chose. */
    public void export(Path file, String content) {
        runner.task("Exporting " + file.getFileName(), () -> Files.writeString(file, content))
                .onSuccess(p -> message.set(null))
                .onError(e -> message.set("Could not write " + file + ": " + e.getMessage()))
                .start();
    }

    private Optional<HostRow> row(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    private void replace(HostRow r) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(r.name())) {
                hosts.set(i, r);
                if (selected.get() != null && selected.get().name().equals(r.name())) {
                    selected.set(r);
                }
                return;
            }
        }
    }

    private void closeInventory() {
        if (inventory != null) {
            InventoryPort.Inventory old = inventory;
            inventory = null;
            runner.task("Closing inventory", () -> {
                old.close();
            }).onError(e -> { }).start();
        }
    }

    public ObservableList<Cluster> clusters() { return clusters; }
    public ObjectProperty<Cluster> clusterProperty() { return cluster; }
    public ObservableList<Site> sites() { return sites; }
    public ObservableList<HostRow> hosts() { return hosts; }
    public FilteredList<HostRow> filteredHosts() { return filtered; }
    public StringProperty filterProperty() { return filter; }
    public ObjectProperty<HostRow> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty progressTextProperty() { return progressText; }
    public HostEditViewModel edit() { return edit; }
    public SiteEditViewModel siteEdit() { return siteEdit; }
    public HostPromptsViewModel prompts() { return prompts; }
    /** Whether ssh-agent answered the last {@link #checkAgent()}. */
    public boolean agentSupported() { return agentStatus.get().available(); }
    public ReadOnlyObjectProperty<AgentStatus> agentStatusProperty() { return agentStatus.getReadOnlyProperty(); }
    public String defaultKeyFile() { return edit.defaultKeyFile(); }
    /** Hosts the environment offers to import, as CSV text, or null when it offers none. */
    public String sampleHostsCsv() { return environment.sampleHostsCsv().get(); }
    public Clock clock() { return clock; }
}
