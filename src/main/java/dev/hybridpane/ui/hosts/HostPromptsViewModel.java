package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.KnownHostsStore;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Edge Hosts view asks the administrator because of a probe: new host keys to trust, changed keys to
 * forget, key passphrases and sudo passwords. Passwords and passphrases stay in this object's memory only: never
 * written, logged or shown.
 */
public final class HostPromptsViewModel {
    static final String SUDO_PASSWORD_NEEDED = "Sudo password needed";

    private final HostsViewModel hosts;
    private final KnownHostsStore knownHosts;
    private final TaskRunner runner;
    private final ObservableList<KnownHost> pendingKeys = FXCollections.observableArrayList();
    private final ObservableList<ProbeResult.HostKeyChanged> changedKeys = FXCollections.observableArrayList();
    private final ObjectProperty<String> passphraseRequest = new SimpleObjectProperty<>(this, "passphraseRequest");
    private final ObservableList<String> sudoPasswordRequest = FXCollections.observableArrayList();
    /** Refused host key changes by host:port, from the last probe of each host. */
    private final Map<String, ProbeResult.HostKeyChanged> changedKeyByHostPort = new HashMap<>();
    private final ObjectProperty<ProbeResult.HostKeyChanged> selectedKeyChange = new SimpleObjectProperty<>(this, "selectedKeyChange");
    private final Map<String, char[]> sudoPasswords = new ConcurrentHashMap<>();
    private final Map<String, char[]> passphrases = new ConcurrentHashMap<>();

    HostPromptsViewModel(HostsViewModel hosts, KnownHostsStore knownHosts, TaskRunner runner) {
        this.hosts = hosts;
        this.knownHosts = knownHosts;
        this.runner = runner;
        hosts.selectedProperty().addListener((o, a, b) -> updateSelectedKeyChange());
    }

    // ---- used by probing ----

    /**
     * The hosts that can be probed now. Hosts with sudo mode "password" whose password this session does not hold
     * (a new session: it is never saved) are held back, marked, and asked for, instead of failing their sudo check.
     */
    List<EdgeHostSpec> readyToProbe(List<EdgeHostSpec> specs) {
        List<EdgeHostSpec> needPassword = specs.stream().filter(s -> s.sudo() == SudoMode.PASSWORD
                && !sudoPasswords.containsKey(s.name())).toList();
        if (needPassword.isEmpty()) {
            return specs;
        }
        hosts.note(needPassword.stream().map(EdgeHostSpec::name).toList(), SUDO_PASSWORD_NEEDED);
        sudoPasswordRequest.setAll(needPassword.stream().map(EdgeHostSpec::name).toList());
        return specs.stream().filter(s -> !needPassword.contains(s)).toList();
    }

    char[] sudoPassword(String host) {
        return sudoPasswords.get(host);
    }

    char[] passphrase(String keyFile) {
        return passphrases.get(keyFile);
    }

    /** After a probe run: what to ask (new keys, changed keys, a passphrase). */
    void probed(List<String> probedHostPorts, HostProbes.Outcome o) {
        probedHostPorts.forEach(changedKeyByHostPort::remove);
        o.changedKeys().forEach(k -> changedKeyByHostPort.put(k.hostPort(), k));
        updateSelectedKeyChange();
        changedKeys.setAll(o.changedKeys());
        pendingKeys.setAll(o.unknownKeys());
        if (!o.needPassphrase().isEmpty()) {
            passphraseRequest.set(o.needPassphrase().get(0));
        }
    }

    void clear() {
        changedKeyByHostPort.clear();
        updateSelectedKeyChange();
    }

    void rememberSudoPassword(String host, char[] password) {
        if (password != null && password.length > 0) {
            sudoPasswords.put(host, password.clone());
        }
    }

    void forgetSudoPassword(String host) {
        char[] old = sudoPasswords.remove(host);
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    boolean hasSudoPassword(String host) {
        return sudoPasswords.containsKey(host);
    }

    // ---- the administrator's answers ----

    /** The administrator trusts these host keys (trust on first use): kept in HybridPane's known_hosts, then probed. */
    public void trust(List<KnownHost> keys) {
        pendingKeys.removeAll(keys);
        runner.task("Trusting host keys", () -> {
            keys.forEach(knownHosts::trust);
        }).onSuccess(v -> hosts.probe(hosts.specs().stream().filter(s -> keys.stream()
                .anyMatch(x -> x.hostPort().equals(s.hostPort()))).toList()))
                .onError(e -> hosts.messageProperty().set("Could not save the known hosts: " + e.getMessage()))
                .start();
    }

    public void reject(List<KnownHost> keys) {
        pendingKeys.removeAll(keys);
        hosts.note(hosts.specs().stream().filter(s -> keys.stream().anyMatch(k -> k.hostPort().equals(s.hostPort())))
                .map(EdgeHostSpec::name).toList(), "Host key rejected");
    }

    /** The passphrase of a host's key file, kept in memory for this session; probes the hosts using it again. */
    public void providePassphrase(String host, char[] passphrase) {
        passphraseRequest.set(null);
        if (passphrase == null || passphrase.length == 0) {
            return;
        }
        HostEditViewModel edit = hosts.edit();
        String file = edit.keyFileOf(host);
        passphrases.put(file, passphrase.clone());
        Arrays.fill(passphrase, '\0');
        hosts.probe(hosts.specs().stream().filter(s -> file.equals(edit.keyFileOf(s.name()))).toList());
    }

    /**
     * The sudo password of hosts whose sudo mode is "password" (asked when this session does not hold it yet),
     * kept in memory only; probes them. Null or empty: nothing is probed and the rows keep saying a password is needed.
     */
    public void provideSudoPassword(List<String> hostNames, char[] password) {
        sudoPasswordRequest.clear();
        if (password == null || password.length == 0) {
            return;
        }
        hostNames.forEach(h -> sudoPasswords.put(h, password.clone()));
        Arrays.fill(password, '\0');
        hosts.probe(hosts.specs().stream().filter(s -> hostNames.contains(s.name())).toList());
    }

    /** The refused key change of a host, if its key changed at its last probe: what "Forget host key…" shows. */
    public Optional<ProbeResult.HostKeyChanged> keyChangeOf(HostRow row) {
        return row == null ? Optional.empty() : Optional.ofNullable(changedKeyByHostPort.get(row.spec().hostPort()));
    }

    /**
     * After the administrator confirmed it: removes the host's trusted key from HybridPane's known_hosts and probes
     * the hosts at that address again, which offers the new key for trust on first use.
     */
    public void forgetHostKey(ProbeResult.HostKeyChanged change) {
        runner.task("Forgetting the host key of " + change.hostPort(), () -> {
            knownHosts.forget(change.hostPort());
        }).onSuccess(v -> {
            changedKeyByHostPort.remove(change.hostPort());
            updateSelectedKeyChange();
            hosts.probe(hosts.specs().stream().filter(s -> s.hostPort().equals(change.hostPort())).toList());
        }).onError(e -> hosts.messageProperty().set("Could not change the known hosts: " + e.getMessage())).start();
    }

    private void updateSelectedKeyChange() {
        selectedKeyChange.set(keyChangeOf(hosts.selectedProperty().get()).orElse(null));
    }

    public ObservableList<KnownHost> pendingKeys() { return pendingKeys; }
    public ObservableList<ProbeResult.HostKeyChanged> changedKeys() { return changedKeys; }
    public ObjectProperty<String> passphraseRequestProperty() { return passphraseRequest; }
    /** Hosts whose sudo password this session needs before they can be checked (empty when none). */
    public ObservableList<String> sudoPasswordRequest() { return sudoPasswordRequest; }
    /** The refused key change of the selected host, or null: "Forget host key…" is offered while it is set. */
    public ReadOnlyObjectProperty<ProbeResult.HostKeyChanged> selectedKeyChangeProperty() { return selectedKeyChange; }
}
