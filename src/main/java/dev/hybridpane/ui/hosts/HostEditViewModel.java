package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.SshSettingsStore;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * Adding, editing and importing hosts of the Edge Hosts view, and this workstation's key file per host
 * (ssh.json). Validation that touches the disk (does the key file exist?) runs through the {@link TaskRunner},
 * never on the FX thread: a key file on a slow or unreachable network share must not freeze the window.
 */
public final class HostEditViewModel {
    private final HostsViewModel hosts;
    private final SshSettingsStore store;
    private final TaskRunner runner;
    private final Supplier<String> suggestedKeyFile;
    /** This workstation's key file choices, read once and kept in step with what is saved. */
    private SshSettings sshSettings = SshSettings.EMPTY;

    /** @param suggestedKeyFile a key file the environment offers when no choice was made yet (gives null: none) */
    HostEditViewModel(HostsViewModel hosts, SshSettingsStore store, TaskRunner runner, Supplier<String> suggestedKeyFile) {
        this.hosts = hosts;
        this.store = store;
        this.runner = runner;
        this.suggestedKeyFile = suggestedKeyFile;
        runner.task("Reading SSH settings", store::load)
                .onSuccess(loaded -> {
                    if (loaded != null) {
                        sshSettings = loaded;
                    }
                })
                .onError(e -> hosts.messageProperty().set("Could not read the SSH settings: " + e.getMessage()))
                .start();
    }

    /**
     * Checks the form in the background (field name to reason, empty when good; the key file must exist and be
     * readable), then adds the host when it is good: stored in the cluster, its key file remembered here, probed.
     * {@code done} gets the errors on the FX thread.
     */
    public void add(HostForm f, Consumer<Map<String, String>> done) {
        List<EdgeHostSpec> others = hosts.specs();
        runner.task("Checking " + f.name(), () -> HostFormRules.validate(f, others)).onSuccess(errors -> {
            if (errors.isEmpty() && hosts.inventory() == null) {
                done.accept(Map.of(HostForm.NAME, hosts.unavailable("Not connected to the cluster; try again in a moment.")));
                return;
            }
            if (errors.isEmpty()) {
                EdgeHostSpec spec = HostFormRules.spec(f);
                if (f.sudo() == SudoMode.PASSWORD) {
                    hosts.rememberSudoPassword(spec.name(), f.sudoPassword());
                }
                rememberKeyFile(List.of(spec), f.keyFile().strip());
                hosts.store(List.of(spec));
            }
            done.accept(errors);
        }).onError(e -> done.accept(Map.of(HostForm.KEY_FILE, "Could not check the form: " + e.getMessage()))).start();
    }

    /**
     * Edits a host (the name stays): same field rules as Add, checked in the background; the sudo password may be
     * left empty when this session already holds one for the host. Saved in the cluster (status kept), then probed.
     */
    public void edit(HostForm f, Consumer<Map<String, String>> done) {
        List<EdgeHostSpec> others = hosts.specs().stream().filter(s -> !s.name().equals(f.name())).toList();
        boolean passwordKnown = hosts.hasSudoPassword(f.name());
        runner.task("Checking " + f.name(), () -> {
            Map<String, String> errors = new LinkedHashMap<>(HostFormRules.validate(f, others));
            if (passwordKnown) {
                errors.remove(HostForm.SUDO_PASSWORD);
            }
            return errors;
        }).onSuccess(errors -> {
            if (errors.isEmpty()) {
                EdgeHostSpec spec = HostFormRules.spec(f);
                if (f.sudo() == SudoMode.PASSWORD && f.sudoPassword() != null && f.sudoPassword().length > 0) {
                    hosts.rememberSudoPassword(spec.name(), f.sudoPassword());
                } else if (f.sudo() != SudoMode.PASSWORD) {
                    hosts.forgetSudoPassword(spec.name());
                }
                rememberKeyFile(List.of(spec), f.keyFile().strip());
                hosts.update(spec);
            }
            done.accept(errors);
        }).onError(e -> done.accept(Map.of(HostForm.KEY_FILE, "Could not check the form: " + e.getMessage()))).start();
    }

    /** The form of an existing host, for the Edit dialog (no password: it is never shown). */
    public HostForm formOf(HostRow row) {
        EdgeHostSpec s = row.spec();
        return new HostForm(s.name(), s.address(), String.valueOf(s.port()), s.user(), s.site(), keyFileOf(s.name()),
                s.sudo(), null);
    }

    /** Whether this session holds the sudo password of a host (the Edit dialog then lets the field stay empty). */
    public boolean hasSudoPassword(String host) {
        return hosts.hasSudoPassword(host);
    }

    /** Parses and imports a CSV: the good rows go in (and are probed), the bad ones come back with row numbers. */
    public HostCsv.Result importCsv(String text, String defaultUser, SudoMode sudo, char[] sudoPassword, String keyFile) {
        HostCsv.Result r = HostCsv.parse(text, defaultUser, sudo, hosts.specs(), hosts.sites().stream().map(Site::name).toList());
        if (!r.hosts().isEmpty()) {
            if (sudo == SudoMode.PASSWORD && sudoPassword != null) {
                r.hosts().forEach(h -> hosts.rememberSudoPassword(h.name(), sudoPassword));
            }
            rememberKeyFile(r.hosts(), keyFile.strip());
            hosts.store(r.hosts());
        }
        return r;
    }

    /** Checks a key file in the background (exists, readable); {@code done} gets the problem, if any, on the FX thread. */
    public void checkKeyFile(String path, Consumer<Optional<String>> done) {
        runner.task("Checking " + path, () -> HostFormRules.keyFileProblem(path))
                .onSuccess(done)
                .onError(e -> done.accept(Optional.of("Could not check " + path + ": " + e.getMessage())))
                .start();
    }

    /** The key file this workstation uses by default: the last one chosen, else the one the environment suggests. */
    public String defaultKeyFile() {
        String d = sshSettings.defaultKeyFile();
        String suggested = suggestedKeyFile.get();
        return d != null && !SshSettings.isAgent(d) ? d : suggested != null ? suggested : "";
    }

    /** The key file this workstation uses for a host of the chosen cluster ({@link SshSettings#AGENT}: ssh-agent). */
    public String keyFileOf(String host) {
        String key = sshSettings.keyFileFor(settingsKey(host));
        return key != null ? key : defaultKeyFile();
    }

    private String settingsKey(String host) {
        var c = hosts.clusterProperty().get();
        return (c == null ? "" : c.region() + "/" + c.name() + "/") + host;
    }

    private void rememberKeyFile(List<EdgeHostSpec> specs, String keyFile) {
        SshSettings s = sshSettings;
        for (EdgeHostSpec h : specs) {
            s = s.withKeyFile(settingsKey(h.name()), keyFile);
        }
        SshSettings toSave = s;
        sshSettings = s;
        runner.task("Saving SSH settings", () -> {
            store.save(toSave);
        }).onError(e -> hosts.messageProperty().set("Could not save the SSH settings: " + e.getMessage())).start();
    }

    public List<Site> sites() {
        return hosts.sites();
    }

    /** Whether ssh-agent answered the last {@link #checkAgent()}: the "Use ssh-agent" option is then offered. */
    public boolean agentSupported() {
        return hosts.agentSupported();
    }

    /** Whether ssh-agent answers and how many keys it holds, or why it cannot be used. */
    public ReadOnlyObjectProperty<AgentStatus> agentStatusProperty() {
        return hosts.agentStatusProperty();
    }

    /** Asks ssh-agent again, in the background (the agent may have been started since). */
    public void checkAgent() {
        hosts.checkAgent();
    }

    /** Whether a form's key file stands for ssh-agent. */
    public static boolean usesAgent(HostForm f) {
        return SshSettings.isAgent(f.keyFile());
    }
}
