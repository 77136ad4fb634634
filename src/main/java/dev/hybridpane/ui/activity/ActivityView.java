package dev.hybridpane.ui.activity;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The session log: what the console did, newest first. */
public final class ActivityView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The operations (imports, enable hybrid) above the session log. */
    public ActivityView(ActivityViewModel vm, OperationsViewModel operations) {
        getStyleClass().add("activity-view");
        setTop(Widgets.header("Activity",
                "Operations the console ran, and what it did this session: discovery, clusters and connections"));
        TableView<ActivityRow> table = new TableView<>(vm.rows());
        table.setId("activity-table");
        table.getStyleClass().add("dense");
        table.getColumns().add(Cells.column("Time", 90, r -> TIME.format(r.time())));
        TableColumn<ActivityRow, ActivityRow.Level> level = Cells.column("Level", 100, ActivityRow::level);
        level.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ActivityRow.Level l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                setText(null);
                setGraphic(switch (l) {
                    case INFO -> Widgets.pill("Info", "neutral");
                    case WARNING -> Widgets.pill("Warning", Styles.WARNING);
                    case ERROR -> Widgets.pill("Error", Styles.DANGER);
                });
            }
        });
        table.getColumns().add(level);
        table.getColumns().add(Cells.column("Cluster", 220, ActivityRow::cluster));
        table.getColumns().add(Cells.column("Message", 600, ActivityRow::message));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Widgets.emptyState(Feather.ACTIVITY, "Nothing yet", "Discovery and connection changes show here."));
        VBox ops = new VBox(8, Widgets.sectionTitle("Operations"), new OperationsPane(operations));
        VBox.setVgrow(ops.getChildren().get(1), Priority.ALWAYS);
        VBox session = new VBox(8, Widgets.sectionTitle("Session log"), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        ops.getStyleClass().add("activity-section");
        session.getStyleClass().add("activity-section");
        SplitPane split = new SplitPane(ops, session);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }
}
