package dev.hybridpane.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.app.JsonSshSettingsStore;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Sites, one host by hand and twelve from a CSV, against the lab's real SSH hosts and Kubernetes API. */
@ExtendWith(ApplicationExtension.class)
class UiEdgeHostsTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    @TempDir
    static Path tmp;
    private LabKube kube;
    private LabEdgeHosts edge;
    private MinaEdgePort ssh;
    private ExecutorService io;
    private HostsView view;
    private Path dir;
    private Stage stage;
    private final Path shots = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));

    ClusterAccess access() {
        return new ClusterAccess.EksTokenAccess(kube.endpoints().get("us-west-2/retail-edge"), null,
                () -> new EksToken(kube.adminToken(), Instant.now().plusSeconds(600)));
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        kube = new LabKube(LabWorld.load());
        kube.start();
        edge = new LabEdgeHosts().start();
        dir = Files.createTempDirectory(tmp, "ws");
        var known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        ssh = new MinaEdgePort(known);
        HostsServices services = new HostsServices(ssh, new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC())),
                known, new JsonSshSettingsStore(dir));
        String key = edge.loginKeyPath().toString();
        String sample = edge.csv();
        EnvironmentInfo environment = new EnvironmentInfo(null, null, null, false, false, () -> key, () -> sample);
        Cluster retail = new Cluster(new ClusterRef("us-west-2", "retail-edge"), "arn", "1.31", "ACTIVE", "https://x",
                EndpointAccess.PRIVATE, AuthenticationMode.API, IpFamily.IPV4, "vpc", List.of(),
                List.of(), "sg", "172.20.0.0/16", List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), null, Instant.EPOCH, Map.of());
        var rows = FXCollections.observableArrayList(
                new ClusterRow(TestData.cluster("us-west-2", "payments", "1.32", false, AuthenticationMode.API,
                        EndpointAccess.PUBLIC), null, null),
                new ClusterRow(retail, null, null));
        io = Executors.newCachedThreadPool();
        HostsViewModel vm = new HostsViewModel(rows, c -> Optional.of(access()), services, environment,
                new FxTaskRunner(io, new FxExecutor()), new FxExecutor(), Clock.systemUTC());
        view = new HostsView(vm);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(view, 1240, 760);
        scene.getStylesheets().add(HostsView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        ssh.close();
        edge.close();
        kube.close();
        io.shutdownNow();
    }

    @Test
    void sitesOneHostByHandTwelveFromCsvChecksAndScreenshots(FxRobot robot) throws Exception {
        Files.createDirectories(shots);
        HostsViewModel vm = view.viewModel();
        assertThat(vm.clusterProperty().get().name()).as("the first hybrid cluster is chosen").isEqualTo("retail-edge");

        // ---- sites, with a field-level error first ----
        robot.clickOn("#hosts-sites");
        set(robot, "#site-name", "dallas-dc");
        set(robot, "#site-description", "Dallas data centre, rack 14");
        set(robot, "#site-node-cidrs", "10.99.1.0/24");
        set(robot, "#site-vpn", "10.200.1.999");
        robot.clickOn("#site-save");
        assertThat(text(robot, "#site-node-cidrs-error")).contains("10.99.1.0/24 is not inside");
        assertThat(text(robot, "#site-vpn-error")).contains("not a valid IPv4 address");
        shoot(robot.lookup("#site-save").query(), "hosts-sites-errors-light.png");
        set(robot, "#site-node-cidrs", "10.200.1.0/24");
        set(robot, "#site-pod-cidrs", "10.201.1.0/24");
        set(robot, "#site-vpn", "10.200.1.254");
        set(robot, "#site-ntp", "time.aws.com");
        robot.clickOn("#site-save");
        waitFor(() -> vm.sites().size() == 1);
        set(robot, "#site-name", "austin-store-112");
        set(robot, "#site-node-cidrs", "10.200.2.0/24");
        robot.clickOn("#site-save");
        waitFor(() -> vm.sites().size() == 2);
        assertThat(text(robot, "#site-node-cidrs-error")).isEmpty();
        close(robot, "#site-save");

        // ---- one host by hand: bad input first ----
        var dallas01 = edge.hosts().stream().filter(h -> h.name().equals("dallas-01")).findFirst().orElseThrow();
        robot.clickOn("#hosts-add");
        set(robot, "#host-name", "dallas-01");
        set(robot, "#host-address", "10.200.1.300");
        set(robot, "#host-port", "70000");
        set(robot, "#host-user", "ubuntu");
        set(robot, "#host-key-file", tmp.resolve("no-such-key").toString());
        robot.clickOn("#host-add-ok");
        assertThat(text(robot, "#host-address-error")).contains("not a valid IPv4 address");
        assertThat(text(robot, "#host-port-error")).contains("out of range");
        assertThat(text(robot, "#host-key-file-error")).contains("does not exist");
        shoot(robot.lookup("#host-add-ok").query(), "hosts-add-errors-light.png");
        set(robot, "#host-address", "127.0.0.1");
        set(robot, "#host-port", String.valueOf(dallas01.port()));
        set(robot, "#host-key-file", edge.loginKeyPath().toString());
        @SuppressWarnings("unchecked")
        ComboBox<String> site = robot.lookup("#host-site").queryAs(ComboBox.class);
        robot.interact(() -> site.setValue("dallas-dc"));
        robot.clickOn("#host-add-ok");
        waitFor(() -> robot.lookup("#host-key-trust").tryQuery().isPresent());
        TableView<?> keys = robot.lookup("#host-key-table").queryAs(TableView.class);
        assertThat(keys.getItems()).hasSize(1);
        shoot(keys, "hosts-host-key-light.png");
        robot.clickOn("#host-key-trust");
        waitFor(() -> phase(vm, "dallas-01") == HostPhase.AVAILABLE);

        // ---- twelve from the sample hosts CSV, with a duplicate and malformed rows ----
        robot.clickOn("#hosts-import");
        robot.clickOn("#csv-sample-hosts");
        TextInputControl csv = robot.lookup("#csv-text").queryAs(TextInputControl.class);
        robot.interact(() -> csv.setText(csv.getText() + "dallas-99,10.200.1.300,dallas-dc,ubuntu,22\n\"broken,row\n"));
        robot.clickOn("#csv-import");
        waitFor(() -> text(robot, "#csv-summary").contains("imported"));
        assertThat(text(robot, "#csv-summary")).startsWith("11 hosts imported").contains("3 rows skipped");
        ListView<?> errors = robot.lookup("#csv-errors").queryAs(ListView.class);
        assertThat(errors.getItems()).extracting(Object::toString).anySatisfy(s -> assertThat(s).startsWith("Row 2: ")
                .contains("dallas-01 already exists")).anySatisfy(s -> assertThat(s).startsWith("Row 14: address:"))
                .anySatisfy(s -> assertThat(s).startsWith("Row 15: "));
        shoot(errors, "hosts-import-errors-light.png");
        // the new hosts' keys follow in the same modal: announced on the import page, shown when it closes
        waitFor(() -> robot.lookup("#hosts-modal-next").query().isVisible());
        assertThat(robot.lookup("#host-key-trust").tryQuery()).as("no second dialog over the import").isEmpty();
        shoot(errors, "hosts-import-next-light.png");
        close(robot, "#csv-import");
        waitFor(() -> robot.lookup("#host-key-trust").tryQuery().isPresent());
        assertThat(text(robot, "#hosts-modal-trail")).contains("Import edge hosts");
        TableView<?> bulkKeys = robot.lookup("#host-key-table").queryAs(TableView.class);
        assertThat(bulkKeys.getItems()).hasSize(10);
        shoot(robot.lookup("#host-key-table").query(), "hosts-host-keys-bulk-light.png");
        robot.clickOn("#host-key-trust");
        waitFor(() -> vm.hosts().size() == 12 && vm.hosts().stream().allMatch(h -> h.note() == null
                && h.status().phase() != HostPhase.UNKNOWN));
        assertThat(phase(vm, "austin-05")).isEqualTo(HostPhase.UNREACHABLE);
        assertThat(row(vm, "austin-05").status().reason()).contains("refused");
        assertThat(phase(vm, "dallas-06")).isEqualTo(HostPhase.INCOMPATIBLE);
        assertThat(phase(vm, "austin-03")).isEqualTo(HostPhase.INCOMPATIBLE);
        assertThat(phase(vm, "austin-01")).isEqualTo(HostPhase.AVAILABLE);
        assertThat(row(vm, "austin-01").status().facts().arch()).isEqualTo("aarch64");

        // ---- refresh all: austin-06's key changed since its first login ----
        robot.clickOn("#hosts-refresh-all");
        waitFor(() -> robot.lookup("#host-key-changed-close").tryQuery().isPresent());
        shoot(robot.lookup("#host-key-changed-close").query(), "hosts-host-key-changed-light.png");
        close(robot, "#host-key-changed-close");
        waitFor(() -> !vm.busyProperty().get());
        assertThat(row(vm, "austin-06").status().reason()).contains("Host key changed");
        assertThat(phase(vm, "austin-06")).isEqualTo(HostPhase.UNREACHABLE);

        // ---- forget the changed key (after a warning), then trust the new one ----
        select(robot, "austin-06");
        waitFor(() -> robot.lookup("#hosts-forget-key").query().isVisible());
        var change = vm.prompts().selectedKeyChangeProperty().get();
        for (boolean dark : new boolean[] {false, true}) {
            dark(robot, dark);
            robot.clickOn("#hosts-forget-key");
            waitFor(() -> robot.lookup("#host-key-forget-ok").tryQuery().isPresent());
            assertThat(text(robot, "#host-key-forget-fingerprints")).contains(change.oldFingerprint(), change.newFingerprint());
            shoot(robot.lookup("#host-key-forget-ok").query(), "hosts-forget-key-" + (dark ? "dark" : "light") + ".png");
            robot.clickOn("#host-key-forget-cancel");
            WaitForAsyncUtils.waitForFxEvents();
        }
        dark(robot, false);
        assertThat(vm.prompts().pendingKeys()).as("cancel forgets nothing").isEmpty();
        robot.clickOn("#hosts-forget-key");
        waitFor(() -> robot.lookup("#host-key-forget-ok").tryQuery().isPresent());
        robot.clickOn("#host-key-forget-ok");
        waitFor(() -> robot.lookup("#host-key-trust").tryQuery().isPresent());
        TableView<?> knownKeys = robot.lookup("#host-key-table").queryAs(TableView.class);
        assertThat(knownKeys.getItems()).singleElement()
                .satisfies(k -> assertThat(((KnownHost) k).fingerprint()).isEqualTo(change.newFingerprint()));
        robot.clickOn("#host-key-trust");
        waitFor(() -> phase(vm, "austin-06") == HostPhase.AVAILABLE);
        assertThat(robot.lookup("#hosts-forget-key").query().isVisible()).isFalse();

        // ---- edit a host: a bad port is refused under the field, then a new sudo mode is saved ----
        for (boolean dark : new boolean[] {false, true}) {
            dark(robot, dark);
            select(robot, "dallas-02");
            robot.clickOn("#hosts-edit");
            waitFor(() -> robot.lookup("#host-edit-ok").tryQuery().isPresent());
            assertThat(robot.lookup("#host-name").queryAs(TextField.class).isEditable()).isFalse();
            set(robot, "#host-port", "0");
            robot.clickOn("#host-edit-ok");
            waitFor(() -> !text(robot, "#host-port-error").isEmpty());
            shoot(robot.lookup("#host-edit-ok").query(), "hosts-edit-" + (dark ? "dark" : "light") + ".png");
            close(robot, "#host-edit-ok");
        }
        dark(robot, false);
        select(robot, "dallas-02");
        robot.clickOn("#hosts-edit");
        waitFor(() -> robot.lookup("#host-edit-ok").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<SudoMode> editSudo = robot.lookup("#host-sudo").queryAs(ComboBox.class);
        robot.interact(() -> editSudo.setValue(SudoMode.NONE));
        robot.clickOn("#host-edit-ok");
        waitFor(() -> robot.lookup("#host-edit-ok").tryQuery().isEmpty()
                && row(vm, "dallas-02").spec().sudo() == SudoMode.NONE && row(vm, "dallas-02").note() == null);
        assertThat(row(vm, "dallas-02").spec().site()).isEqualTo("dallas-dc");

        // ---- detail, filter, themes ----
        robot.interact(() -> vm.selectedProperty().set(row(vm, "dallas-06")));
        select(robot, "dallas-06");
        waitFor(() -> robot.lookup("#check-os").tryQuery().isPresent());
        assertThat(robot.lookup("#check-os").query().getStyleClass()).contains("check-danger");
        shootStage(robot, "hosts-light.png");
        dark(robot, true);
        shootStage(robot, "hosts-dark.png");
        robot.clickOn("#hosts-import");
        shoot(robot.lookup("#csv-import").query(), "hosts-import-dark.png");
        close(robot, "#csv-import");
        robot.clickOn("#hosts-add");
        robot.clickOn("#host-add-ok");
        shoot(robot.lookup("#host-add-ok").query(), "hosts-add-errors-dark.png");
        close(robot, "#host-add-ok");
        dark(robot, false);
        robot.interact(() -> robot.lookup("#hosts-filter").queryAs(TextField.class).setText("austin"));
        assertThat(vm.filteredHosts()).hasSize(6).allMatch(r -> r.name().startsWith("austin"));
        robot.interact(() -> robot.lookup("#hosts-filter").queryAs(TextField.class).setText(""));

        // ---- remove one; a second workstation sees the same inventory ----
        select(robot, "dallas-05");
        robot.clickOn("#hosts-remove");
        waitFor(() -> vm.hosts().stream().noneMatch(h -> h.name().equals("dallas-05")));
        var other = new Fabric8InventoryPort(new Fabric8ClusterPort(null, Clock.systemUTC()));
        try (var inv = other.open(new ClusterRef("us-west-2", "retail-edge"), access())) {
            List<StoredHost> hosts = inv.hosts();
            assertThat(hosts).hasSize(11);
            assertThat(hosts).filteredOn(h -> h.spec().name().equals("dallas-06")).singleElement()
                    .satisfies(h -> assertThat(h.status().phase()).isEqualTo(HostPhase.INCOMPATIBLE));
            assertThat(inv.sites()).extracting(s -> s.name()).containsExactly("austin-store-112", "dallas-dc");
        }
        // this workstation keeps which key file per host, and public host keys; never a secret
        waitFor(() -> Files.isRegularFile(dir.resolve("ssh.json")));
        assertThat(Files.readString(dir.resolve("ssh.json"))).contains("us-west-2/retail-edge/dallas-01",
                edge.loginKeyPath().toString()).doesNotContain("PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("known_hosts"))).contains("ecdsa-sha2-nistp256").doesNotContain("PRIVATE");
    }

    private static HostPhase phase(HostsViewModel vm, String name) {
        return row(vm, name).status().phase();
    }

    private static HostRow row(HostsViewModel vm, String name) {
        return vm.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> {
            var t = view.table();
            for (int i = 0; i < t.getExpandedItemCount(); i++) {
                var item = t.getTreeItem(i);
                if (item.getValue() instanceof HostTreeEntry.Host h && h.row().name().equals(name)) {
                    t.getSelectionModel().select(item);
                    t.scrollTo(i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void dark(FxRobot robot, boolean dark) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void set(FxRobot robot, String id, String value) {
        TextInputControl t = robot.lookup(id).queryAs(TextInputControl.class);
        robot.interact(() -> t.setText(value));
    }

    /** The text of a label, or the sentence of an inline message. */
    private static String text(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n instanceof Message m ? m.getDescription() : ((Label) n).getText();
    }

    /** Leaves the modal page holding this node without an answer (its Close or Cancel). */
    private static void close(FxRobot robot, String idInPage) {
        Node n = robot.lookup(idInPage).query();
        while (!(n instanceof HostModal)) {
            n = n.getParent();
        }
        HostModal page = (HostModal) n;
        robot.interact(page::dismiss);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitFor(Callable<Boolean> c) throws Exception {
        FxWait.until(60, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootStage(FxRobot robot, String name) throws Exception {
        shoot(stage.getScene().getRoot(), name);
    }

    private void shoot(Node inScene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = inScene.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(shots.resolve(name).toString()));
    }
}
