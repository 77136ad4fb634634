package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import dev.hybridpane.domain.edge.SudoMode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
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
 * resources), the filter, probe progress, and the prompts a probe leads to (host keys, passphrases).
 * Passwords and passphrases stay in this object's memory only.
 */
public final class HostsViewModel {
    private final HostsServices services;
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
    private final ObservableList<KnownHost> pendingKeys = FXCollections.observableArrayList();
    private final ObservableList<ProbeResult.HostKeyChanged> changedKeys = FXCollections.observableArrayList();
    private final ObjectProperty<String> passphraseRequest = new SimpleObjectProperty<>(this, "passphraseRequest");
    private final Map<String, char[]> sudoPasswords = new ConcurrentHashMap<>();
    private final Map<String, char[]> passphrases = new ConcurrentHashMap<>();
    private InventoryPort.Inventory inventory;
    /** This workstation's key file choices, read once and kept in step with what is saved. */
    private SshSettings sshSettings = SshSettings.EMPTY;
    private FactGatherer.Run run;
    private int generation;

    public HostsViewModel(ObservableList<ClusterRow> clusterRows, Function<Cluster, Optional<ClusterAccess>> access,
            HostsServices services, TaskRunner runner, Executor fx, Clock clock) {
        this.services = services;
        this.access = access;
        this.runner = runner;
        this.fx = fx;
        this.clock = clock;
        this.gatherer = new FactGatherer(services.edge());
        filtered.predicateProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> r -> r.matches(filter.get()), filter));
        runner.run("Reading SSH settings", services.sshSettings()::load, loaded -> {
            if (loaded != null) {
                sshSettings = loaded;
            }
        }, e -> message.set("Could not read the SSH settings: " + e.getMessage()));
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
        runner.run("Reading edge hosts of " + c.name(), () -> {
            InventoryPort.Inventory inv = services.inventory().open(c.ref(), a.get());
            try {
                return new Loaded(inv, inv.sites(), inv.hosts());
            } catch (RuntimeException e) {
                inv.close();
                throw e;
            }
        }, l -> {
            if (gen != generation) {
                l.inventory().close();
            } else {
                inventory = l.inventory();
                sites.setAll(l.sites());
                hosts.setAll(l.hosts().stream().map(h -> new HostRow(h.spec(), h.status(), null)).toList());
            }
        }, e -> message.set(e.getMessage()));
    }

    private record Loaded(InventoryPort.Inventory inventory, List<Site> sites, List<dev.hybridpane.core.edge.StoredHost> hosts) {
    }

    // ---- adding hosts ----

    /** Field name to reason; empty when the form is good. Checks the key file exists and is readable. */
    public Map<String, String> validate(HostForm f) {
        return HostFormRules.validate(f, specs());
    }

    public static Optional<String> keyFileProblem(String path) {
        return HostFormRules.keyFileProblem(path);
    }

    private List<EdgeHostSpec> specs() {
        return hosts.stream().map(HostRow::spec).toList();
    }

    /** Adds a validated host: stores it in the cluster, remembers its key file here, then probes it. */
    public boolean addHost(HostForm f) {
        if (!validate(f).isEmpty() || inventory == null) {
            return false;
        }
        EdgeHostSpec spec = HostFormRules.spec(f);
        if (f.sudo() == SudoMode.PASSWORD) {
            sudoPasswords.put(spec.name(), f.sudoPassword().clone());
        }
        rememberKeyFile(List.of(spec), f.keyFile().strip());
        store(List.of(spec));
        return true;
    }

    /** Parses and imports a CSV: the good rows go in (and are probed), the bad ones come back with row numbers. */
    public HostCsv.Result importCsv(String text, String defaultUser, SudoMode sudo, char[] sudoPassword, String keyFile) {
        HostCsv.Result r = HostCsv.parse(text, defaultUser, sudo, specs(), sites.stream().map(Site::name).toList());
        if (!r.hosts().isEmpty()) {
            if (sudo == SudoMode.PASSWORD && sudoPassword != null) {
                r.hosts().forEach(h -> sudoPasswords.put(h.name(), sudoPassword.clone()));
            }
            rememberKeyFile(r.hosts(), keyFile.strip());
            store(r.hosts());
        }
        return r;
    }

    private void store(List<EdgeHostSpec> specs) {
        InventoryPort.Inventory inv = inventory;
        specs.forEach(s -> hosts.add(new HostRow(s, HostStatus.UNCHECKED, "Saving…")));
        runner.run("Saving " + specs.size() + (specs.size() == 1 ? " host" : " hosts"), () -> {
            specs.forEach(inv::saveHost);
            return specs;
        }, saved -> probe(saved), e -> {
            message.set(e.getMessage());
            hosts.removeIf(h -> specs.contains(h.spec()) && "Saving…".equals(h.note()));
        });
    }

    private String settingsKey(String host) {
        Cluster c = cluster.get();
        return (c == null ? "" : c.region() + "/" + c.name() + "/") + host;
    }

    private void rememberKeyFile(List<EdgeHostSpec> specs, String keyFile) {
        SshSettings s = sshSettings;
        for (EdgeHostSpec h : specs) {
            s = s.withKeyFile(settingsKey(h.name()), keyFile);
        }
        SshSettings toSave = s;
        sshSettings = s;
        runner.run("Saving SSH settings", () -> {
            services.sshSettings().save(toSave);
            return null;
        }, v -> { }, e -> message.set("Could not save the SSH settings: " + e.getMessage()));
    }

    /** The key file this workstation uses by default: the last one chosen, else the lab's key on the lab. */
    public String defaultKeyFile() {
        String d = sshSettings.defaultKeyFile();
        return d != null ? d : services.labKeyFile() != null ? services.labKeyFile() : "";
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

    private void probe(List<EdgeHostSpec> specs) {
        Cluster c = cluster.get();
        if (c == null || inventory == null || specs.isEmpty()) {
            return;
        }
        if (run != null) {
            run.cancel().run();
        }
        SshSettings settings = sshSettings;
        List<EdgeTarget> targets = new ArrayList<>();
        Map<String, HostStatus> previous = new HashMap<>();
        for (EdgeHostSpec s : specs) {
            String key = settings.keyFileFor(settingsKey(s.name()));
            String file = key != null ? key : defaultKeyFile();
            targets.add(new EdgeTarget(s, new SshIdentity(file.isBlank() ? null : Path.of(file), passphrases.get(file)),
                    sudoPasswords.get(s.name())));
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
        runner.await("Checking edge hosts", HostProbes.outcomeOf(r, storeErrors), o -> {
            if (run == r) {
                run = null;
                busy.set(false);
                progressText.set(o.reached() + " of " + o.total() + " reached");
            }
            if (!o.storeErrors().isEmpty()) {
                message.set(o.storeErrors().get(0));
            }
            hosts.replaceAll(h -> "Checking…".equals(h.note()) ? h.withNote(null) : h);
            changedKeys.setAll(o.changedKeys());
            pendingKeys.setAll(o.unknownKeys());
            if (!o.needPassphrase().isEmpty()) {
                passphraseRequest.set(o.needPassphrase().get(0));
            }
        }, e -> {
            busy.set(false);
            message.set(e.getMessage());
        });
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

    /** The administrator trusts these host keys (trust on first use): kept in HybridPane's known_hosts, then probed. */
    public void trust(List<KnownHost> keys) {
        pendingKeys.removeAll(keys);
        runner.run("Trusting host keys", () -> {
            keys.forEach(services.knownHosts()::trust);
            return keys;
        }, k -> probe(hosts.stream().map(HostRow::spec).filter(s -> keys.stream()
                .anyMatch(x -> x.hostPort().equals(s.hostPort()))).toList()),
                e -> message.set("Could not save the known hosts: " + e.getMessage()));
    }

    public void reject(List<KnownHost> keys) {
        pendingKeys.removeAll(keys);
        hosts.replaceAll(h -> keys.stream().anyMatch(k -> k.hostPort().equals(h.spec().hostPort()))
                ? h.withNote("Host key rejected") : h);
    }

    /** The passphrase of a host's key file, kept in memory for this session; probes the hosts using it again. */
    public void providePassphrase(String host, char[] passphrase) {
        passphraseRequest.set(null);
        if (passphrase == null || passphrase.length == 0) {
            return;
        }
        String file = Optional.ofNullable(sshSettings.keyFileFor(settingsKey(host))).orElse(defaultKeyFile());
        passphrases.put(file, passphrase.clone());
        java.util.Arrays.fill(passphrase, '\0');
        probe(specs().stream().filter(s -> file.equals(Optional.ofNullable(sshSettings
                .keyFileFor(settingsKey(s.name()))).orElse(defaultKeyFile()))).toList());
    }

    // ---- removing, sites ----

    /** Removes a host from the inventory, unless it is in a pool. Returns the reason it was refused, or empty. */
    public Optional<String> remove(HostRow row) {
        if (row.inPool()) {
            return Optional.of(row.name() + " is in pool " + row.status().pool() + "; remove it from the pool first.");
        }
        InventoryPort.Inventory inv = inventory;
        runner.run("Removing " + row.name(), () -> {
            inv.deleteHost(row.name());
            return row;
        }, r -> {
            hosts.removeIf(h -> h.name().equals(r.name()));
            if (selected.get() != null && selected.get().name().equals(r.name())) {
                selected.set(null);
            }
        }, e -> message.set(e.getMessage()));
        return Optional.empty();
    }

    /** Validates and saves a site; field name to reason when it is wrong. */
    public Map<String, String> saveSite(Site site, boolean creating) {
        Cluster c = cluster.get();
        if (c == null || inventory == null) {
            return Map.of(SiteRules.NAME, "Choose a hybrid cluster first.");
        }
        Map<String, String> errors = SiteRules.validate(site, c.remoteNodeCidrs(), c.remotePodCidrs(), sites, creating);
        if (errors.isEmpty()) {
            InventoryPort.Inventory inv = inventory;
            runner.run("Saving site " + site.name(), () -> {
                inv.saveSite(site);
                return site;
            }, s -> {
                sites.removeIf(x -> x.name().equals(s.name()));
                sites.add(s);
                sites.sort(java.util.Comparator.comparing(Site::name));
            }, e -> message.set(e.getMessage()));
        }
        return errors;
    }

    /** Writes an exported file (appliance user-data or .arg) where the administrator chose. */
    public void export(Path file, String content) {
        runner.run("Exporting " + file.getFileName(), () -> Files.writeString(file, content), p -> message.set(null),
                e -> message.set("Could not write " + file + ": " + e.getMessage()));
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
            runner.run("Closing inventory", () -> {
                old.close();
                return null;
            }, v -> { }, e -> { });
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
    public ObservableList<KnownHost> pendingKeys() { return pendingKeys; }
    public ObservableList<ProbeResult.HostKeyChanged> changedKeys() { return changedKeys; }
    public ObjectProperty<String> passphraseRequestProperty() { return passphraseRequest; }
    public boolean agentSupported() { return services.edge().agentSupported(); }
    public String labCsv() { return services.labCsv(); }
    public Clock clock() { return clock; }
}
