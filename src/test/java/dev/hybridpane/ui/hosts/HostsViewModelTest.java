package dev.hybridpane.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.edge.OpenSshAgentProcess;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.app.JsonSshSettingsStore;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.common.AbstractTaskRunner;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Edge Hosts view models against the lab's SSH hosts and Kubernetes API, with the synchronous runner. */
class HostsViewModelTest {
    @TempDir
    Path dir;
    LabKube kube;
    LabEdgeHosts edge;
    MinaEdgePort ssh;
    FileKnownHostsStore known;
    HostsServices services;
    final Object fxLock = new Object();
    /** Row updates arrive from probe threads; serialised as the FX thread would. */
    final Executor fx = r -> {
        synchronized (fxLock) {
            r.run();
        }
    };

    @BeforeEach
    void start() {
        kube = new LabKube(LabWorld.load());
        kube.start();
        edge = new LabEdgeHosts().start();
        known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        ssh = new MinaEdgePort(known);
        services = new HostsServices(ssh, new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC())), known,
                new JsonSshSettingsStore(dir));
    }

    @AfterEach
    void stop() {
        ssh.close();
        edge.close();
        kube.close();
    }

    HostsViewModel newSession(TaskRunner runner) {
        Cluster retail = new Cluster(new ClusterRef("us-west-2", "retail-edge"), "arn", "1.31", "ACTIVE", "https://x",
                EndpointAccess.PRIVATE, AuthenticationMode.API, IpFamily.IPV4, "vpc", List.of(),
                List.of(), "sg", "172.20.0.0/16", List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), null, Instant.EPOCH, Map.of());
        ClusterAccess access = new ClusterAccess.EksTokenAccess(kube.endpoints().get("us-west-2/retail-edge"), null,
                () -> new EksToken(kube.adminToken(), Instant.now().plusSeconds(600)));
        return new HostsViewModel(FXCollections.observableArrayList(new ClusterRow(retail, null, null)),
                c -> Optional.of(access), services, environment(), runner, fx, Clock.systemUTC());
    }

    @Test
    void aClusterNotImportedYetSaysSoInTheViewAndTheForms() {
        Cluster payments = new Cluster(new ClusterRef("us-west-2", "payments"), "arn", "1.32", "ACTIVE", "https://x",
                EndpointAccess.PRIVATE, AuthenticationMode.API, IpFamily.IPV4, "vpc", List.of(),
                List.of(), "sg", "172.20.0.0/16", List.of("10.210.0.0/16"), List.of("10.211.0.0/16"), null, Instant.EPOCH, Map.of());
        ClusterAccess access = new ClusterAccess.EksTokenAccess(kube.endpoints().get("us-west-2/payments"), null,
                () -> new EksToken(kube.adminToken(), Instant.now().plusSeconds(600)));
        HostsViewModel vm = new HostsViewModel(FXCollections.observableArrayList(new ClusterRow(payments, null, null)),
                c -> Optional.of(access), services, environment(), new SyncTaskRunner(), fx, Clock.systemUTC());
        vm.clusterProperty().set(payments);
        vm.load();
        String expected = Fabric8InventoryPort.notImported("payments");
        assertThat(vm.messageProperty().get()).isEqualTo(expected).doesNotContain("Exception").doesNotContain("\n");
        assertThat(vm.siteEdit().save(site("hq", "10.210.1.0/24"), true)).containsEntry(SiteRules.NAME, expected);
        assertThat(add(vm.edit(), form("dallas-01", "hq", SudoMode.PASSWORDLESS, null))).containsEntry(HostForm.NAME, expected);
    }

    /** An environment that suggests the test hosts' login key and offers them for import. */
    EnvironmentInfo environment() {
        String key = edge.loginKeyPath().toString();
        String csv = edge.csv();
        return new EnvironmentInfo(null, null, null, false, false, () -> key, () -> csv);
    }

    HostsViewModel withSites() {
        HostsViewModel vm = newSession(new SyncTaskRunner());
        assertThat(vm.siteEdit().save(site("dallas-dc", "10.200.1.0/24"), true)).isEmpty();
        assertThat(vm.siteEdit().save(site("austin-store-112", "10.200.2.0/24"), true)).isEmpty();
        return vm;
    }

    static Site site(String name, String cidr) {
        return new Site(name, "", List.of(cidr), List.of(), "", List.of());
    }

    HostForm form(String name, String site, SudoMode sudo, String password) {
        var h = edge.hosts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return new HostForm(name, "127.0.0.1", String.valueOf(h.port()), h.user(), site, edge.loginKeyPath().toString(), sudo,
                password == null ? null : password.toCharArray());
    }

    static Map<String, String> add(HostEditViewModel vm, HostForm f) {
        AtomicReference<Map<String, String>> errors = new AtomicReference<>();
        vm.add(f, errors::set);
        assertThat(errors.get()).as("answered").isNotNull();
        return errors.get();
    }

    static Map<String, String> edit(HostEditViewModel vm, HostForm f) {
        AtomicReference<Map<String, String>> errors = new AtomicReference<>();
        vm.edit(f, errors::set);
        assertThat(errors.get()).as("answered").isNotNull();
        return errors.get();
    }

    static void trustAll(HostsViewModel vm) {
        vm.prompts().trust(List.copyOf(vm.prompts().pendingKeys()));
    }

    static HostRow row(HostsViewModel vm, String name) {
        return vm.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aChangedHostKeyCanBeForgottenAfterConfirmationAndIsOfferedForTrustAgain() {
        HostsViewModel vm = withSites();
        assertThat(add(vm.edit(), form("austin-06", "austin-store-112", SudoMode.PASSWORDLESS, null))).isEmpty();
        assertThat(vm.prompts().pendingKeys()).hasSize(1);
        String firstKey = vm.prompts().pendingKeys().get(0).fingerprint();
        trustAll(vm);
        assertThat(row(vm, "austin-06").status().phase()).isEqualTo(HostPhase.AVAILABLE);
        vm.selectedProperty().set(row(vm, "austin-06"));
        assertThat(vm.prompts().selectedKeyChangeProperty().get()).as("no change yet").isNull();

        vm.refresh(row(vm, "austin-06")); // the lab host rotated its key after the first login
        assertThat(row(vm, "austin-06").status().reason()).contains("Host key changed");
        assertThat(vm.prompts().changedKeys()).hasSize(1);
        ProbeResult.HostKeyChanged change = vm.prompts().selectedKeyChangeProperty().get();
        assertThat(change).as("Forget host key… is offered on the selected host").isNotNull();
        assertThat(change.oldFingerprint()).isEqualTo(firstKey).isNotEqualTo(change.newFingerprint()).startsWith("SHA256:");
        assertThat(vm.prompts().pendingKeys()).isEmpty();

        vm.prompts().forgetHostKey(change);
        assertThat(known.find(change.hostPort())).isEmpty();
        assertThat(vm.prompts().selectedKeyChangeProperty().get()).isNull();
        assertThat(vm.prompts().pendingKeys()).as("trust on first use again").extracting(KnownHost::fingerprint)
                .containsExactly(change.newFingerprint());
        assertThat(row(vm, "austin-06").note()).isEqualTo("Host key not trusted");
        trustAll(vm);
        assertThat(row(vm, "austin-06").status().phase()).isEqualTo(HostPhase.AVAILABLE);
        assertThat(known.find(change.hostPort())).map(KnownHost::fingerprint).contains(change.newFingerprint());
    }

    @Test
    void aChangedHostKeyIsRefusedOnEveryRefreshTrustingThePendingKeysNeverTakesItAndNothingRunsOnTheHost() {
        HostsViewModel vm = withSites();
        assertThat(add(vm.edit(), form("austin-01", "austin-store-112", SudoMode.PASSWORDLESS, null))).isEmpty();
        trustAll(vm);
        assertThat(row(vm, "austin-01").status().facts()).as("reached with the trusted key").isNotNull();
        String hostPort = row(vm, "austin-01").spec().hostPort();
        String trusted = known.find(hostPort).orElseThrow().fingerprint();
        edge.newHostKey("austin-01"); // reinstalled, or a machine in the middle
        int ran = edge.faults().count("austin-01");
        for (int i = 0; i < 10; i++) {
            vm.refresh(row(vm, "austin-01"));
            trustAll(vm); // whatever is pending is trusted: never a changed key
            assertThat(row(vm, "austin-01").status().phase()).isNotEqualTo(HostPhase.AVAILABLE);
            assertThat(row(vm, "austin-01").status().reason()).contains("Host key changed, connection refused. Trusted " + trusted,
                    "If " + hostPort + " was reinstalled", "[127.0.0.1]:" + row(vm, "austin-01").spec().port(),
                    known.file().toAbsolutePath().toString());
            assertThat(vm.prompts().pendingKeys()).isEmpty();
            assertThat(vm.prompts().changedKeys()).extracting(ProbeResult.HostKeyChanged::oldFingerprint).containsOnly(trusted);
            assertThat(known.find(hostPort)).map(KnownHost::fingerprint).contains(trusted);
        }
        assertThat(edge.faults().count("austin-01")).as("commands run on the host after its key changed").isEqualTo(ran);
    }

    @Test
    void aNewSessionAsksForTheSudoPasswordInsteadOfFailingTheHost() {
        HostsViewModel first = withSites();
        assertThat(add(first.edit(), form("austin-04", "austin-store-112", SudoMode.PASSWORD, "lab-sudo"))).isEmpty();
        trustAll(first);
        HostRow checked = row(first, "austin-04");
        assertThat(checked.status().facts().sudoOk()).isTrue();

        HostsViewModel second = newSession(new SyncTaskRunner()); // a restart: same cluster, same workstation files
        assertThat(row(second, "austin-04").status().phase()).isEqualTo(checked.status().phase());
        second.refresh(row(second, "austin-04"));
        assertThat(second.prompts().sudoPasswordRequest()).containsExactly("austin-04");
        assertThat(row(second, "austin-04").note()).isEqualTo(HostPromptsViewModel.SUDO_PASSWORD_NEEDED);
        assertThat(row(second, "austin-04").status().phase()).as("not marked incompatible").isEqualTo(checked.status().phase());

        second.prompts().provideSudoPassword(List.of("austin-04"), null); // cancelled: nothing probed
        assertThat(row(second, "austin-04").note()).isEqualTo(HostPromptsViewModel.SUDO_PASSWORD_NEEDED);
        second.refresh(row(second, "austin-04"));
        char[] pw = "lab-sudo".toCharArray();
        second.prompts().provideSudoPassword(List.copyOf(second.prompts().sudoPasswordRequest()), pw);
        assertThat(pw).as("the caller's copy is wiped").containsOnly('\0');
        assertThat(second.prompts().sudoPasswordRequest()).isEmpty();
        assertThat(row(second, "austin-04").note()).isNull();
        assertThat(row(second, "austin-04").status().facts().sudoOk()).isTrue();
        assertThat(row(second, "austin-04").status().phase()).isEqualTo(checked.status().phase());
        second.refresh(row(second, "austin-04"));
        assertThat(second.prompts().sudoPasswordRequest()).as("asked once per session").isEmpty();
    }

    @Test
    void editingAHostValidatesLikeAddAndSavesInTheCluster() {
        HostsViewModel vm = withSites();
        add(vm.edit(), form("dallas-01", "dallas-dc", SudoMode.PASSWORDLESS, null));
        trustAll(vm);
        add(vm.edit(), form("dallas-03", "dallas-dc", SudoMode.PASSWORDLESS, null));
        trustAll(vm);
        assertThat(row(vm, "dallas-01").status().phase()).isEqualTo(HostPhase.AVAILABLE);
        HostForm current = vm.edit().formOf(row(vm, "dallas-01"));
        assertThat(current.keyFile()).isEqualTo(edge.loginKeyPath().toString());
        assertThat(current.sudoPassword()).isNull();

        HostForm dallas03 = vm.edit().formOf(row(vm, "dallas-03"));
        Map<String, String> errors = edit(vm.edit(), new HostForm("dallas-01", current.address(), "70000", "", "dallas-dc",
                dir.resolve("missing-key").toString(), SudoMode.PASSWORD, null));
        assertThat(errors).containsKeys(HostForm.PORT, HostForm.USER, HostForm.KEY_FILE, HostForm.SUDO_PASSWORD);
        assertThat(errors.get(HostForm.KEY_FILE)).contains("does not exist");
        assertThat(edit(vm.edit(), new HostForm("dallas-01", dallas03.address(), dallas03.port(), current.user(), "dallas-dc",
                current.keyFile(), SudoMode.PASSWORDLESS, null))).as("same address as dallas-03").containsKey(HostForm.ADDRESS);
        assertThat(edit(vm.edit(), current)).as("unchanged: not a duplicate of itself").isEmpty();

        assertThat(edit(vm.edit(), new HostForm("dallas-01", current.address(), current.port(), current.user(),
                "austin-store-112", current.keyFile(), SudoMode.NONE, null))).isEmpty();
        assertThat(row(vm, "dallas-01").spec().site()).isEqualTo("austin-store-112");
        assertThat(row(vm, "dallas-01").spec().sudo()).isEqualTo(SudoMode.NONE);
        assertThat(row(vm, "dallas-01").status().phase()).isNotEqualTo(HostPhase.UNKNOWN);
        assertThat(vm.hosts()).hasSize(2);
        HostsViewModel other = newSession(new SyncTaskRunner());
        assertThat(row(other, "dallas-01").spec().site()).isEqualTo("austin-store-112");
        assertThat(row(other, "dallas-01").spec().sudo()).isEqualTo(SudoMode.NONE);
    }

    @Test
    void sitesCanBeEditedAndDeletedOnlyWhenEmpty() {
        HostsViewModel vm = withSites();
        add(vm.edit(), form("dallas-01", "dallas-dc", SudoMode.PASSWORDLESS, null));
        Site edited = new Site("dallas-dc", "Dallas, rack 14", List.of("10.200.1.0/24"), List.of("10.201.1.0/24"),
                "10.200.1.254", List.of("time.aws.com"));
        assertThat(vm.siteEdit().save(edited, false)).isEmpty();
        assertThat(vm.sites()).contains(edited).hasSize(2);
        assertThat(vm.siteEdit().save(site("dallas-dc", "10.200.9.0/24"), true)).as("creating twice").containsKey(SiteRules.NAME);

        Optional<String> refused = vm.siteEdit().delete("dallas-dc");
        assertThat(refused).get().asString().contains("dallas-dc", "1 host", "dallas-01", "first");
        assertThat(vm.sites()).extracting(Site::name).contains("dallas-dc");
        assertThat(vm.siteEdit().delete("austin-store-112")).isEmpty();
        assertThat(vm.sites()).extracting(Site::name).containsExactly("dallas-dc");

        HostsViewModel other = newSession(new SyncTaskRunner());
        assertThat(other.sites()).containsExactly(edited);
    }

    @Test
    void theKeyFileIsCheckedInTheBackgroundNotOnTheCallingThread() {
        List<Runnable> queued = new ArrayList<>();
        TaskRunner deferred = new AbstractTaskRunner() {
            @Override
            protected <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done) {
                queued.add(() -> SyncTaskRunner.runNow(work, done));
            }

            @Override
            protected <T> void follow(CompletableFuture<T> f, BiConsumer<T, Throwable> done) {
                queued.add(() -> f.whenComplete(done));
            }
        };
        HostsViewModel vm = newSession(deferred);
        queued.clear();
        AtomicReference<Map<String, String>> errors = new AtomicReference<>();
        vm.edit().add(new HostForm("x-01", "10.200.1.50", "22", "ubuntu", "", dir.resolve("nope").toString(),
                SudoMode.PASSWORDLESS, null), errors::set);
        assertThat(errors.get()).as("nothing checked on the calling (FX) thread").isNull();
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(errors.get()).containsKey(HostForm.KEY_FILE);
        AtomicReference<Optional<String>> problem = new AtomicReference<>();
        vm.edit().checkKeyFile(dir.resolve("nope").toString(), problem::set);
        assertThat(problem.get()).isNull();
        queued.remove(0).run();
        assertThat(problem.get()).get().asString().contains("does not exist");
    }

    @Test
    void theAgentOptionEnablesWhenTheAgentAnswersAndAHostLogsInWithItsKeys() throws Exception {
        Assumptions.assumeTrue(OpenSshAgentProcess.installed(), "OpenSSH client tools not installed");
        Path key = dir.resolve("lab_login_key");
        Files.copy(edge.loginKeyPath(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try (OpenSshAgentProcess agent = OpenSshAgentProcess.start(Files.createDirectory(dir.resolve("agent")));
                MinaEdgePort viaAgent = new MinaEdgePort(known, () -> agent.socket().toString())) {
            services = new HostsServices(viaAgent, services.inventory(), known, new JsonSshSettingsStore(dir));
            HostsViewModel vm = withSites();
            vm.checkAgent();
            assertThat(vm.agentSupported()).as("the agent answers but holds no key yet").isTrue();
            assertThat(vm.agentStatusProperty().get().note()).contains("holds no keys");

            agent.add(key);
            vm.edit().checkAgent();
            assertThat(vm.edit().agentSupported()).isTrue();
            assertThat(vm.edit().agentStatusProperty().get()).isEqualTo(AgentStatus.answered(1));
            assertThat(vm.edit().agentStatusProperty().get().note()).isEqualTo("ssh-agent holds 1 key.");

            HostForm f = form("austin-06", "austin-store-112", SudoMode.PASSWORDLESS, null);
            HostForm withAgent = new HostForm(f.name(), f.address(), f.port(), f.user(), f.site(), SshSettings.AGENT,
                    f.sudo(), null);
            assertThat(add(vm.edit(), withAgent)).as("no key file needed with the agent").isEmpty();
            trustAll(vm);
            assertThat(row(vm, "austin-06").status().phase()).isEqualTo(HostPhase.AVAILABLE);
            assertThat(vm.edit().keyFileOf("austin-06")).isEqualTo(SshSettings.AGENT);
            assertThat(new JsonSshSettingsStore(dir).load().keyFiles()).containsValue(SshSettings.AGENT);
            assertThat(vm.edit().defaultKeyFile()).as("the agent is not a default key file")
                    .isEqualTo(edge.loginKeyPath().toString());

            // a CSV import can log in with the agent too (the import dialog's "Use ssh-agent")
            var dallas = edge.hosts().stream().filter(h -> h.name().startsWith("dallas")).findFirst().orElseThrow();
            var imported = vm.edit().importCsv(dallas.name() + ",127.0.0.1,dallas-dc," + dallas.user() + "," + dallas.port(),
                    "ubuntu", SudoMode.PASSWORDLESS, null, SshSettings.AGENT);
            assertThat(imported.errors()).isEmpty();
            trustAll(vm);
            assertThat(row(vm, dallas.name()).status().phase()).isEqualTo(HostPhase.AVAILABLE);
            assertThat(vm.edit().keyFileOf(dallas.name())).isEqualTo(SshSettings.AGENT);
        }
    }

    @Test
    void withoutAnAgentTheOptionStaysOffAndSaysWhy() {
        try (MinaEdgePort noAgent = new MinaEdgePort(known, () -> null)) {
            services = new HostsServices(noAgent, services.inventory(), known, new JsonSshSettingsStore(dir));
            HostsViewModel vm = newSession(new SyncTaskRunner());
            vm.checkAgent();
            assertThat(vm.agentSupported()).isFalse();
            assertThat(vm.edit().agentStatusProperty().get().note()).startsWith("No ssh-agent: SSH_AUTH_SOCK is not set.");
        }
    }
}
