package dev.hybridpane.ui.activity;

import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.OperationRunView;
import dev.hybridpane.ui.wizard.StepRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The operations table and, beside it, the selected operation's steps and log. */
final class OperationsPane extends SplitPane {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OperationsViewModel vm;
    private final VBox stepBox = new VBox(4);

    OperationsPane(OperationsViewModel vm) {
        this.vm = vm;
        setId("operations");
        setOrientation(Orientation.HORIZONTAL);
        TableView<OperationRow> table = new TableView<>(vm.rows());
        table.setId("operations-table");
        table.getStyleClass().add("dense");
        table.getColumns().add(Cells.column("Operation", 100, OperationRow::kind));
        table.getColumns().add(Cells.column("Cluster", 170, OperationRow::cluster));
        TableColumn<OperationRow, OperationRow> status = Cells.column("Status", 96, r -> r);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(OperationRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                setGraphic(empty || r == null ? null : Widgets.pill(r.statusLabel(), r.statusKind()));
            }
        });
        status.setComparator(Comparator.comparing(OperationRow::status));
        table.getColumns().add(status);
        table.getColumns().add(Cells.column("Started", 130, r -> r.started() == null ? "" : STARTED.format(r.started())));
        table.getColumns().add(Cells.column("Duration", 76, OperationRow::durationText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(Widgets.emptyState(Feather.LAYERS, "No operations yet",
                "Imports and enable-hybrid runs show here, with every step and its log."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(b);
            }
        });
        getItems().addAll(table, detail());
        setDividerPositions(0.56);
    }

    private Node detail() {
        Label title = new Label();
        title.setId("operation-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.detailTitleProperty());
        vm.steps().addListener((ListChangeListener<Journal.StepRecord>) c -> rebuild());
        ListView<String> log = new ListView<>(vm.log());
        log.setId("operation-log");
        log.getStyleClass().addAll("run-log", "mono");
        log.setFixedCellSize(22);
        VBox.setVgrow(log, Priority.ALWAYS);
        vm.log().addListener((ListChangeListener<String>) c -> log.scrollTo(vm.log().size() - 1));
        Label logTitle = new Label("Log");
        logTitle.getStyleClass().add("field-label");
        ScrollPane steps = Widgets.liveScrollPane(stepBox);
        steps.setFitToWidth(true);
        steps.getStyleClass().add("edge-to-edge");
        steps.setId("operation-steps");
        SplitPane parts = new SplitPane(steps, new VBox(6, logTitle, log));
        parts.setOrientation(Orientation.VERTICAL);
        parts.setDividerPositions(0.55);
        VBox.setVgrow(parts, Priority.ALWAYS);
        VBox box = new VBox(10, title, parts);
        box.getStyleClass().add("operation-detail");
        Node empty = Widgets.emptyState(Feather.MOUSE_POINTER, "Select an operation", "Its steps and log show here.");
        StackPane pane = new StackPane(box, empty);
        box.visibleProperty().bind(vm.selectedProperty().isNotNull());
        empty.visibleProperty().bind(box.visibleProperty().not());
        return pane;
    }

    private void rebuild() {
        stepBox.getChildren().clear();
        int i = 1;
        for (Journal.StepRecord s : vm.steps()) {
            stepBox.getChildren().add(row(i++, s));
        }
    }

    private static Node row(int n, Journal.StepRecord s) {
        return OperationRunView.row(new StepRow(n, s.title(), s.state(), s.message()),
                OperationsViewModel.stateLabel(s.state()));
    }
}
