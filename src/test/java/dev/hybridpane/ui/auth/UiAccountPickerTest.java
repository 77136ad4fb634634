package dev.hybridpane.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.FakeSsoAccounts;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.clusters.ClustersView;
import dev.hybridpane.ui.clusters.ClustersViewModel;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.shell.CredentialActions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
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
 * The account picker walked in a window with the Clusters view, on IAM Identity Center in memory: it lists the pairs by
 * account with the profile's own ticked, the second account's ReadOnlyAccess is ticked and saved, and the fleet then
 * shows that account's cluster with its Account cell, read only in the detail. Screenshots in light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class UiAccountPickerTest {
    static final String OWN = "111122223333";
    static final String STAGING = "444455556666";
    static final String CALLER = "arn:aws:sts::" + OWN + ":assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b/lab-admin";
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final FakeSsoAccounts sso = new FakeSsoAccounts();
    private final FleetViewModel fleet = new FleetViewModel();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final List<List<AccountRole>> saved = new ArrayList<>();
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final StackPane root = new StackPane();
    private AccountPickerLayer layer;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        sso.pairs.put("lab-sso", List.of(new AccountRole(OWN, "hybridpane-lab", "AdministratorAccess"),
                new AccountRole(OWN, "hybridpane-lab", "ReadOnlyAccess"),
                new AccountRole(STAGING, "hybridpane-lab-staging", "ReadOnlyAccess")));
        FxTaskRunner runner = new FxTaskRunner(io, new FxExecutor());
        AccountPickerViewModel vm = new AccountPickerViewModel(runner, sso, () -> "lab-sso", () -> CALLER, List::of,
                picks -> {
                    // what the session does on Save: keep the picks, read the fleet again with them
                    saved.add(picks);
                    picks.forEach(p -> names.put(p.accountId(), p.accountName()));
                    fleet.apply(List.of(new FleetUpdate.ClusterFound(cluster(new ClusterRef("us-west-2", "staging-edge",
                            STAGING), STAGING)), new FleetUpdate.AccessChanged(new ClusterRef("us-west-2", "staging-edge",
                            STAGING), new ConnectionState.Connected(Instant.now()))));
                });
        layer = new AccountPickerLayer(vm, CredentialActions.NONE);
        fleet.apply(List.of(new FleetUpdate.ClusterFound(cluster(new ClusterRef("us-west-2", "edge-prod"), OWN)),
                new FleetUpdate.AccessChanged(new ClusterRef("us-west-2", "edge-prod"),
                        new ConnectionState.Connected(Instant.now()))));
        ClustersViewModel clusters = new ClustersViewModel(fleet, new SimpleObjectProperty<>(),
                TestConsole.detail(fleet, runner, c -> new CompletableFuture<>()), () -> { }, names::get);
        root.getStyleClass().add("hybridpane");
        root.getChildren().addAll(new ClustersView(clusters), layer.node());
        theme(false);
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(ClustersView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private static Cluster cluster(ClusterRef ref, String account) {
        Cluster c = TestData.cluster(ref.region(), ref.name(), "1.31", true, AuthenticationMode.API,
                EndpointAccess.PRIVATE);
        return new Cluster(ref, "arn:aws:eks:" + ref.region() + ":" + account + ":cluster/" + ref.name(), c.version(),
                c.status(), c.endpoint(), c.endpointAccess(), c.authenticationMode(), c.ipFamily(), c.vpcId(),
                c.subnetIds(), c.securityGroupIds(), c.clusterSecurityGroupId(), c.serviceCidr(), c.remoteNodeCidrs(),
                c.remotePodCidrs(), c.certificateAuthority(), c.createdAt(), c.tags());
    }

    @Test
    void pickingTheSecondAccountShowsItsClusterWithItsAccount(FxRobot robot) throws Exception {
        robot.interact(() -> layer.pickAccounts());
        FxWait.until(10, () -> robot.lookup("#account-role-" + STAGING + "-ReadOnlyAccess").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("lab-sso"), sso.listed);
        List<String> accounts = robot.lookup("#account-list .account-name").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(List.of("hybridpane-lab", "hybridpane-lab-staging"), accounts);
        CheckBox own = robot.lookup("#account-role-" + OWN + "-AdministratorAccess").queryAs(CheckBox.class);
        assertTrue(own.isSelected(), "the profile's own pair is ticked");
        assertTrue(own.isDisabled(), "and fixed");
        assertEquals("AdministratorAccess (the profile's own role)", own.getText());
        CheckBox staging = robot.lookup("#account-role-" + STAGING + "-ReadOnlyAccess").queryAs(CheckBox.class);
        assertFalse(staging.isSelected());
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);

        robot.clickOn(staging);
        assertTrue(staging.isSelected());
        assertEquals("1 more pair picked", robot.lookup("#account-picked-count").queryAs(Label.class).getText());
        shots(robot, dir, "account-picker");
        robot.clickOn("#account-save");
        FxWait.until(5, () -> robot.lookup("#account-picker").tryQuery().isEmpty()
                || !robot.lookup("#account-picker").query().isVisible() || robot.lookup("#account-picker").query().getScene() == null);
        assertEquals(List.of(List.of(new AccountRole(STAGING, "hybridpane-lab-staging", "ReadOnlyAccess"))), saved,
                "the own pair is not among the picks");

        @SuppressWarnings("unchecked")
        TableView<ClusterRow> table = robot.lookup("#clusters-table").queryAs(TableView.class);
        FxWait.until(5, () -> table.getItems().size() == 2);
        List<String> cells = robot.lookup("#clusters-table .table-cell").queryAllAs(TableCell.class)
                .stream().filter(c -> c.getTableColumn() != null && "Account".equals(c.getTableColumn().getText()))
                .map(c -> c.getText() == null ? "" : c.getText()).filter(t -> !t.isEmpty()).toList();
        assertTrue(cells.contains("hybridpane-lab-staging"), cells.toString());
        assertTrue(cells.contains(OWN), "the profile's own account by its id: " + cells);

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.cluster().name().equals("staging-edge")).findFirst().orElseThrow()));
        FxWait.until(5, () -> robot.lookup("#detail-other-account").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals("AWS account hybridpane-lab-staging (" + STAGING + ")",
                robot.lookup("#detail-account").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#enable-hybrid").queryAs(Button.class).isDisabled(), "no change on another account's cluster");
        Region notice = robot.lookup("#detail-other-account").queryAs(Region.class);
        // the notice's height follows its wrapped text once its width is known: it never covers the lines above it
        FxWait.until(5, () -> notice.getHeight() >= notice.prefHeight(notice.getWidth()) - 1);
        // the access row's note arrives with the kubeconfig contexts (read off the FX thread): laid out before the shot
        Node above = robot.lookup("#cluster-access").query().getParent().getParent();
        FxWait.until(5, () -> above.getBoundsInParent().getMaxY() <= notice.getBoundsInParent().getMinY());
        shots(robot, dir, "clusters-accounts");

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.cluster().name().equals("edge-prod")).findFirst().orElseThrow()));
        FxWait.until(5, () -> robot.lookup("#detail-other-account").tryQuery().isEmpty());
        assertFalse(robot.lookup("#enable-hybrid").queryAs(Button.class).isDisabled(), "the own account's cluster changes");
        robot.interact(() -> stage.close());
    }

    /** Nothing assigned: the card says so instead of an empty list; Cancel saves nothing. */
    @Test
    void noAccountIsAnEmptyStateAndCancelSavesNothing(FxRobot robot) throws Exception {
        sso.pairs.put("lab-sso", List.of());
        robot.interact(() -> layer.pickAccounts());
        FxWait.until(10, () -> robot.lookup("No AWS accounts").tryQuery().isPresent());
        assertFalse(robot.lookup("#account-save").queryAs(Button.class).isDisabled());
        robot.clickOn("#account-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(saved.isEmpty());
        robot.interact(() -> stage.close());
    }

    private void theme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
        root.pseudoClassStateChanged(DARK, dark);
    }

    private void shots(FxRobot robot, Path dir, String name) throws Exception {
        for (boolean dark : List.of(false, true)) {
            robot.interact(() -> theme(dark));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = stage.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                    new File(dir.resolve(name + "-" + (dark ? "dark" : "light") + ".png").toString()));
        }
        robot.interact(() -> theme(false));
    }
}
