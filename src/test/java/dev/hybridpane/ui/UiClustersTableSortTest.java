package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.clusters.ClustersViewModel;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The clusters list under a real TableView: name order while no column is sorted, and the user can sort by a
 * column and take the sort off again (TableView refuses a sort whose list comparator is not its own).
 */
@ExtendWith(ApplicationExtension.class)
class UiClustersTableSortTest {
    private final FleetViewModel fleet = new FleetViewModel();
    private TableView<ClusterRow> table;
    private TableColumn<ClusterRow, String> version;

    @Start
    void start(Stage stage) {
        table = new TableView<>();
        version = new TableColumn<>("Version");
        ClustersViewModel vm = new ClustersViewModel(fleet, new SimpleObjectProperty<>(),
                TestConsole.detail(fleet, new SyncTaskRunner(), c -> new CompletableFuture<>()), () -> { }, id -> null);
        TableColumn<ClusterRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cluster().name()));
        version.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cluster().version()));
        table.getColumns().setAll(List.of(name, version));
        vm.sortBy(table.comparatorProperty());
        table.setItems(vm.sorted());
        stage.setScene(new Scene(table, 600, 300));
        stage.show();
    }

    private List<String> names() {
        return table.getItems().stream().map(r -> r.cluster().name()).toList();
    }

    @Test
    void unsortedByNameThenByAColumnThenUnsortedAgain(FxRobot robot) {
        robot.interact(() -> fleet.apply(List.of(
                new FleetUpdate.ClusterFound(cluster("us-west-2", "edge-prod", "1.29", true, AuthenticationMode.API,
                        EndpointAccess.PRIVATE)),
                new FleetUpdate.ClusterFound(cluster("us-east-1", "core-legacy", "1.31", false,
                        AuthenticationMode.CONFIG_MAP, EndpointAccess.PUBLIC_AND_PRIVATE)),
                new FleetUpdate.ClusterFound(cluster("us-east-1", "edge-stage", "1.30", true, AuthenticationMode.API,
                        EndpointAccess.PUBLIC)))));
        assertThat(names()).containsExactly("core-legacy", "edge-prod", "edge-stage");

        robot.interact(() -> table.getSortOrder().setAll(List.of(version)));
        assertThat(names()).as("sorted by version").containsExactly("edge-prod", "edge-stage", "core-legacy");

        robot.interact(() -> table.getSortOrder().clear());
        assertThat(table.getSortOrder()).as("the table accepted going back to no sort").isEmpty();
        assertThat(names()).as("unsorted again: by name").containsExactly("core-legacy", "edge-prod", "edge-stage");
    }
}
