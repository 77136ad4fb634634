package dev.hybridpane.ui.network;

import static dev.hybridpane.ui.network.NetworkFixtures.VPC;
import static dev.hybridpane.ui.network.NetworkFixtures.VPC_TGW;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Network view on the fake doctor, in light and dark: Run with progress and Cancel, the picture of a network with
 * faults (the broken VPC → TGW link red and naming its check), a click on it and on the VPC showing their checks with
 * evidence and fix, Fix… reviewed then applied and the doctor run again, the PNG export. Screenshots go to
 * target/screenshots/network-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class UiNetworkViewTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    static final Path SHOTS = Path.of("target", "screenshots");
    private static final PseudoClass FAIL = PseudoClass.getPseudoClass("fail");

    private FakeNetworkDoctor port;
    private ExecutorService io;
    private NetworkViewModel vm;
    private NetworkView view;

    @Start
    void start(Stage stage) {
        io = Executors.newCachedThreadPool();
        port = new FakeNetworkDoctor();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new NetworkViewModel(port, new FxTaskRunner(io, new FxExecutor()), new FxExecutor(), j -> { });
        view = new NetworkView(vm);
        Scene scene = new Scene(view, 1280, 780);
        scene.getStylesheets().add(NetworkView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Semaphore g = port.gate;
        if (g != null) {
            g.release(100);
        }
        io.shutdownNow();
    }

    @Test
    void faultsDrawnClickedAndFixedLight(FxRobot robot) throws Exception {
        walk(robot, "light");
    }

    @Test
    void faultsDrawnClickedAndFixedDark(FxRobot robot) throws Exception {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        walk(robot, "dark");
    }

    @Test
    void runShowsProgressAndCancelStopsIt(FxRobot robot) throws Exception {
        FxWait.until(5, () -> vm.targetProperty().get() != null);
        shoot("network-empty-light.png");
        assertThat(texts(robot, "#network-empty-report")).contains("Check the network");
        port.gate = new Semaphore(0);
        robot.clickOn("#network-run");
        FxWait.until(5, () -> robot.lookup("#network-cancel").queryButton().isVisible()
                && vm.progressTextProperty().get().startsWith("1 of 4 checks"));
        assertThat(robot.lookup("#network-run").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#network-progress").query().isVisible()).isTrue();
        shoot("network-running-light.png");
        robot.clickOn("#network-cancel");
        FxWait.until(5, () -> !vm.runningProperty().get());
        assertThat(vm.progressTextProperty().get()).isEqualTo("Cancelled; the last report stays shown.");
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(robot.lookup("#network-cancel").queryButton().isVisible()).isFalse();
        assertThat(robot.lookup("#network-run").queryButton().isDisabled()).isFalse();
    }

    private void walk(FxRobot robot, String theme) throws Exception {
        FxWait.until(5, () -> vm.targetProperty().get() != null);
        robot.clickOn("#network-run");
        FxWait.until(5, () -> vm.reportProperty().get() != null && !vm.runningProperty().get());

        // exactly one link is drawn red: VPC → TGW, and its caption names the failing check
        List<Node> red = robot.lookup(".topo-link").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(FAIL)).toList();
        assertThat(red).hasSize(1);
        CubicCurve curve = (CubicCurve) red.get(0);
        assertThat(curve.getStrokeWidth()).isEqualTo(3);
        String caption = "#" + TopologyPicture.nodeId(VPC_TGW) + "-caption";
        assertThat(robot.lookup(caption).queryLabeled().getText()).isEqualTo("✕ Route to remote pod network");
        assertThat(robot.lookup("#" + TopologyPicture.nodeId(VPC)).query().getPseudoClassStates()).contains(FAIL);
        assertThat(texts(robot, "#" + TopologyPicture.nodeId("vpn-0dal"))).contains("tunnel 1 UP", "tunnel 2 DOWN");
        assertThat(texts(robot, "#network-counts")).containsExactly("2 fail", "1 warning", "1 unknown", "7 pass");
        assertThat(texts(robot, "#network-detail-title")).containsExactly("Problems");
        shoot("network-faults-" + theme + ".png");

        // a click on the broken link: its checks, with evidence and the automatic fix
        robot.clickOn(caption);
        FxWait.until(5, () -> VPC_TGW.equals(vm.selectedProperty().get()));
        List<String> detail = texts(robot, "#network-detail");
        assertThat(detail).contains("Link vpc-0a1b2c → tgw-0c2d3e", "Route to remote pod network", "3 checks",
                "rtb-0a1b: 10.80.0.0/16 → tgw-0c2d3e (active)\nrtb-0a1b: 10.82.0.0/16 → tgw-0c2d3e (active, propagated)\n"
                        + "rtb-0a1b: no route covers 10.81.0.0/16",
                "Automatic · Fix… applies it", "Add 10.81.0.0/16 → tgw-0c2d3e to rtb-0a1b");
        shoot("network-link-" + theme + ".png");

        // a click on the VPN: the tunnel warning with its manual fix and snippet
        robot.clickOn("#" + TopologyPicture.nodeId("vpn-0dal"));
        FxWait.until(5, () -> "vpn-0dal".equals(vm.selectedProperty().get()));
        assertThat(texts(robot, "#network-detail")).contains("VPN connection vpn-0dal", "Manual · for the network team");
        assertThat(robot.lookup("#check-snippet-aws-vpn-tunnels-vpn-0dal").queryTextInputControl().getText())
                .contains("leftsubnet=10.80.0.0/16,10.81.0.0/16");
        shoot("network-vpn-" + theme + ".png");

        // a row of the table shows that check alone and marks its subject
        robot.interact(() -> {
            ChecksTable t = robot.lookup("#network-checks").queryAs(ChecksTable.class);
            t.getSelectionModel().select(t.getRoot().getChildren().get(0).getChildren().get(0));
        });
        FxWait.until(5, () -> vm.selectedChecks().size() == 1);
        assertThat(vm.selectedChecks().get(0).status()).isEqualTo(DoctorStatus.FAIL);

        // the PNG export is the picture at full size
        Path png = SHOTS.resolve("network-export-" + theme + ".png");
        Files.deleteIfExists(png);
        robot.interact(() -> view.exportPng(png.toFile()));
        FxWait.until(10, () -> Files.exists(png) && vm.noticeProperty().get() != null);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(1000);
        Path svg = SHOTS.resolve("network-export-" + theme + ".svg");
        Files.deleteIfExists(svg);
        robot.interact(() -> vm.exportSvg(svg));
        FxWait.until(10, () -> Files.exists(svg));
        assertThat(Files.readString(svg)).contains(">pod network<", "tunnel 2 DOWN");

        // Fix…: the plan first (nothing changed), then Apply, then the doctor runs again and everything passes
        robot.clickOn("#network-fix-open");
        FxWait.until(5, () -> vm.fixProperty().get() != null
                && vm.fixProperty().get().phaseProperty().get() == FixViewModel.Phase.REVIEW);
        assertThat(texts(robot, "#network-fix-changes")).containsExactly(
                "create route 10.81.0.0/16 → tgw-0c2d3e in rtb-0a1b", "allow tcp 443 from 10.81.0.0/16 in sg-0c1u");
        assertThat(port.made).isEmpty();
        assertThat(robot.lookup("#network-fix-apply").queryButton().getText()).isEqualTo("Apply 2 changes");
        shoot("network-fix-plan-" + theme + ".png");
        robot.clickOn("#network-fix-apply");
        FxWait.until(5, () -> vm.fixProperty().get().phaseProperty().get() == FixViewModel.Phase.SUCCEEDED);
        assertThat(texts(robot, "#network-fix-changes")).contains("Done", "1. create route 10.81.0.0/16 → tgw-0c2d3e in rtb-0a1b");
        shoot("network-fix-done-" + theme + ".png");
        robot.clickOn("#network-fix-close");
        FxWait.until(5, () -> vm.fixProperty().get() == null && !vm.runningProperty().get()
                && vm.reportProperty().get().worst() == DoctorStatus.PASS);
        assertThat(robot.lookup(".topo-link").queryAll().stream().filter(n -> n.getPseudoClassStates().contains(FAIL))).isEmpty();
        assertThat(robot.lookup("#network-fix-open").queryButton().isDisabled()).isTrue();
        shoot("network-healthy-" + theme + ".png");
    }

    private static List<String> texts(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            collect(robot.lookup(id).query(), out);
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private void shoot(String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = view.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Files.createDirectories(SHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(SHOTS.toFile(), file));
    }
}
