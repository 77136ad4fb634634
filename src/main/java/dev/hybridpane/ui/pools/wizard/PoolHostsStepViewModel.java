package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.pool.PoolInputs;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolFacts;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Hosts step: every inventory host of the pool's site, checked with {@link PoolRules#hosts} as the pool would be
 * (free: in no other pool; compatible: OS and architecture, provider and containerd source against the OS, node IP
 * inside the remote node networks and the site), with why a host is not offered. Offered hosts are chosen, each with
 * an optional VPN server IP (inside the site's CIDRs, not the host's own address). Also: how the hosts are reached
 * (the Edge Hosts view's key file, its passphrase in memory only), how many at once, and for an iam-ra profile the
 * CA's private key file and passphrase (in memory only).
 */
public final class PoolHostsStepViewModel {
    private final ObservableList<HostChoice> hosts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final IntegerProperty parallelism = new SimpleIntegerProperty(this, "parallelism", PoolInputs.DEFAULT_PARALLELISM);
    private final StringProperty keyFile = new SimpleStringProperty(this, "keyFile", "");
    private final ReadOnlyStringWrapper keyFileError = new ReadOnlyStringWrapper(this, "keyFileError");
    private final BooleanProperty rolesAnywhere = new SimpleBooleanProperty(this, "rolesAnywhere");
    private final StringProperty caKeyFile = new SimpleStringProperty(this, "caKeyFile", "");
    private final ReadOnlyStringWrapper caKeyError = new ReadOnlyStringWrapper(this, "caKeyError");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private char[] passphrase = new char[0];
    private char[] caPassphrase = new char[0];
    private HybridNodePool base;
    private PoolFacts facts;

    PoolHostsStepViewModel() {
        parallelism.addListener((o, a, b) -> validate());
        keyFile.addListener((o, a, b) -> validate());
        rolesAnywhere.addListener((o, a, b) -> validate());
        caKeyFile.addListener((o, a, b) -> validate());
    }

    /**
     * Lists the site's hosts for the pool as chosen so far ({@code base}: its hosts are ignored), keeping the choices
     * made before for hosts still offered. {@code ssh}: this workstation's key choices; {@code suggested}: the
     * environment's key file (or null).
     */
    void load(ClusterData data, Cluster cluster, KubernetesLayer k, HybridNodePool base, SshSettings ssh, String suggested) {
        this.base = base;
        Site site = data.site(base.site());
        Map<String, EdgeHostSpec> specs = new HashMap<>();
        Map<String, HostFacts> factsOf = new HashMap<>();
        for (StoredHost h : data.hosts()) {
            specs.put(h.spec().name(), h.spec());
            if (h.status().facts() != null) {
                factsOf.put(h.spec().name(), h.status().facts());
            }
        }
        facts = new PoolFacts(site, cluster.remoteNodeCidrs(), k, specs, factsOf, data.poolOfHost());
        Map<String, HostChoice> before = new HashMap<>();
        hosts.forEach(h -> before.put(h.name(), h));
        List<HostChoice> rows = new ArrayList<>();
        for (StoredHost h : data.hosts().stream().filter(h -> h.spec().site().equals(base.site()))
                .sorted(Comparator.comparing(h -> h.spec().name())).toList()) {
            List<ProfileProblem> p = PoolRules.hosts(base.withHosts(List.of(PoolHost.of(h.spec().name()))), facts);
            List<String> blocked = p.stream().filter(x -> x.isError() && x.field().startsWith("hosts[")).map(ProfileProblem::message).toList();
            List<String> warnings = p.stream().filter(x -> !x.isError()).map(ProfileProblem::message).toList();
            HostChoice c = new HostChoice(h.spec(), h.status().facts(), h.status().checks(), blocked, warnings);
            HostChoice old = before.get(c.name());
            if (old != null && c.offered()) {
                c.selectedProperty().set(old.selectedProperty().get());
                c.vpnProperty().set(old.vpnProperty().get());
            }
            c.selectedProperty().addListener((o, a, b) -> validate());
            c.vpnProperty().addListener((o, a, b) -> validate());
            rows.add(c);
        }
        hosts.setAll(rows);
        if (keyFile.get() == null || keyFile.get().isBlank()) {
            String prefix = cluster.region() + "/" + cluster.name() + "/";
            String chosen = rows.stream().map(r -> ssh.keyFiles().get(prefix + r.name())).filter(s -> s != null)
                    .findFirst().orElse(ssh.defaultKeyFile() != null ? ssh.defaultKeyFile() : suggested);
            keyFile.set(chosen == null ? "" : chosen);
        }
        validate();
    }

    private void validate() {
        int chosen = 0;
        boolean vpnOk = true;
        for (HostChoice h : hosts) {
            h.vpnError(null);
            if (!h.selectedProperty().get()) {
                continue;
            }
            chosen++;
            if (!h.vpnServerIp().isEmpty()) {
                HybridNodePool one = base.withHosts(List.of(new PoolHost(h.name(), h.vpnServerIp())));
                List<ProfileProblem> p = new ArrayList<>(PoolRules.validate(one, true));
                p.addAll(PoolRules.hosts(one, facts));
                List<String> e = p.stream().filter(x -> x.isError() && x.field().endsWith(".vpnServerIp"))
                        .map(ProfileProblem::message).toList();
                if (!e.isEmpty()) {
                    h.vpnError(String.join(" ", e));
                    vpnOk = false;
                }
            }
        }
        long offered = hosts.stream().filter(HostChoice::offered).count();
        summary.set(hosts.isEmpty() ? "Site " + (base == null ? "" : base.site()) + " has no hosts in the inventory: add them "
                + "in Edge Hosts first." : offered + " of " + hosts.size() + " hosts at " + base.site()
                + " can join this pool; " + chosen + " chosen.");
        String key = keyFile.get() == null ? "" : keyFile.get().strip();
        keyFileError.set(key.isEmpty() ? "Choose the private key that logs in to these hosts (as in Edge Hosts)." : null);
        caKeyError.set(rolesAnywhere.get() && (caKeyFile.get() == null || caKeyFile.get().isBlank())
                ? "Roles Anywhere: choose the CA's private key file; each host's certificate is issued from it." : null);
        valid.set(chosen > 0 && vpnOk && parallelism.get() >= 1 && keyFileError.get() == null && caKeyError.get() == null);
    }

    /** The chosen hosts, in the list's order, with their VPN server IPs. */
    public List<PoolHost> chosen() {
        return hosts.stream().filter(h -> h.selectedProperty().get())
                .map(h -> new PoolHost(h.name(), h.vpnServerIp())).toList();
    }

    /** How the hosts are logged into: ssh-agent, or the key file with the passphrase given (if any). */
    public SshIdentity identity() {
        String key = keyFile.get() == null ? "" : keyFile.get().strip();
        return SshSettings.isAgent(key) ? SshIdentity.agent() : new SshIdentity(Path.of(key), passphrase);
    }

    /** The CA key for an iam-ra pool (a copy the caller wipes), else null. */
    public CaKeyFile caKey() {
        return rolesAnywhere.get() && caKeyFile.get() != null && !caKeyFile.get().isBlank()
                ? new CaKeyFile(Path.of(caKeyFile.get().strip()), caPassphrase) : null;
    }

    /** The SSH key's passphrase, as typed (the array is copied; the caller may wipe its own). */
    public void passphrase(char[] p) {
        Arrays.fill(passphrase, '\0');
        passphrase = p == null ? new char[0] : p.clone();
    }

    public void caPassphrase(char[] p) {
        Arrays.fill(caPassphrase, '\0');
        caPassphrase = p == null ? new char[0] : p.clone();
    }

    /** Clears both passphrases from memory. */
    void wipe() {
        Arrays.fill(passphrase, '\0');
        Arrays.fill(caPassphrase, '\0');
    }

    public HostChoice host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    public ObservableList<HostChoice> hosts() {
        return hosts;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public IntegerProperty parallelismProperty() {
        return parallelism;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public ReadOnlyStringProperty keyFileErrorProperty() {
        return keyFileError.getReadOnlyProperty();
    }

    public BooleanProperty rolesAnywhereProperty() {
        return rolesAnywhere;
    }

    public StringProperty caKeyFileProperty() {
        return caKeyFile;
    }

    public ReadOnlyStringProperty caKeyErrorProperty() {
        return caKeyError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
