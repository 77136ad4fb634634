package dev.hybridpane.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Clusters arriving in any order: one section each, in the Overview's order, the others never re-added. */
@ExtendWith(ApplicationExtension.class)
class UiOverviewSectionsTest {
    private final FleetViewModel fleet = new FleetViewModel();
    private OverviewView view;

    @Start
    void start(Stage stage) {
        view = new OverviewView(new OverviewViewModel(fleet, ref -> { }));
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    private List<String> sectionNames() {
        return view.lookupAll(".card-section").stream()
                .map(n -> ((Hyperlink) n.lookup(".section-link")).getText()).toList();
    }

    @Test
    void anArrivingClusterTakesItsPlaceWithoutReAddingTheOthers(FxRobot robot) {
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(TestData.cluster("us-west-2", "zeta-hybrid",
                "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE)))));
        Node first = view.lookup(".card-section");
        AtomicInteger reAdded = new AtomicInteger();
        first.parentProperty().addListener((o, a, b) -> reAdded.incrementAndGet());

        // sorted hybrid first, then by name: these go after, before and between the first one
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(TestData.cluster("us-west-2", "payments",
                "1.32", false, AuthenticationMode.API, EndpointAccess.PUBLIC)))));
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(TestData.cluster("eu-central-1", "alpha-hybrid",
                "1.30", true, AuthenticationMode.API, EndpointAccess.PRIVATE)))));
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(TestData.cluster("us-east-1", "mid-hybrid",
                "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE)))));

        assertEquals(List.of("alpha-hybrid", "mid-hybrid", "zeta-hybrid", "payments"), sectionNames());
        assertEquals(0, reAdded.get(), "the first section stayed in the scene");
    }

    @Test
    void aNodesReadyMessageIsItsCellsTooltipOnceThePointerEntersIt(FxRobot robot) {
        var cluster = TestData.cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE);
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(cluster),
                new FleetUpdate.NodeUpserted(cluster.ref(), TestData.hybrid("mi-down", "gpu", "dallas", false)))));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> cell = view.lookupAll(".overview-nodes .table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getText() != null
                        && c.getText().startsWith("NotReady"))
                .map(n -> (TableCell<?, ?>) n).findFirst().orElseThrow();
        assertEquals(null, cell.getTooltip(), "no tooltip is made before it is wanted");

        robot.moveTo(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Kubelet stopped posting node status.", cell.getTooltip().getText());
    }

    @Test
    void theConnectionPillsTooltipIsMadeOnHoverAndFollowsTheReason(FxRobot robot) {
        var cluster = TestData.cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE);
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.ClusterFound(cluster),
                new FleetUpdate.AccessChanged(cluster.ref(), new ConnectionState.Connecting(
                        "Connecting to edge at https://edge.eks.example")))));
        Label pill = (Label) view.lookup(".card-section .pill");
        assertEquals(null, pill.getTooltip(), "no tooltip is made before it is wanted");

        robot.moveTo(pill);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Connecting to edge at https://edge.eks.example", pill.getTooltip().getText());

        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.AccessChanged(cluster.ref(),
                new ConnectionState.Failed(ConnectionState.FailureKind.UNAUTHORIZED,
                        "The API server rejected the token (401).")))));
        assertEquals("The API server rejected the token (401).", pill.getTooltip().getText());
    }
}
