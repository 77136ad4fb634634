package dev.hybridpane.ui.pools.day2;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.FormParts;
import dev.hybridpane.ui.wizard.OperationRunView;
import dev.hybridpane.ui.wizard.StepRow;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * A running day-2 operation: the summary and a progress bar, what blocks a drain (the PDB and the pod), a row per node
 * or host with its current step and state, the steps when there is no per-node row, and the log.
 */
final class RunPane extends VBox {
    RunPane(Day2RunViewModel run, String idPrefix) {
        super(10);
        setId(idPrefix + "-run");
        Label summary = new Label();
        summary.setId(idPrefix + "-run-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(run.summaryProperty());
        run.statusProperty().addListener((o, a, s) -> style(summary, s));
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.progressProperty().bind(run.progressProperty());
        Message blocked = FormParts.notice(Day2Parts.orNull(run.blockedProperty()), Feather.PAUSE_CIRCLE, Styles.WARNING,
                true);
        blocked.setId(idPrefix + "-run-blocked");
        blocked.setTitle("A PodDisruptionBudget blocks the drain");

        TableView<TargetProgress> targets = new TableView<>(run.targets());
        targets.setId(idPrefix + "-run-targets");
        targets.getStyleClass().add(Styles.DENSE);
        targets.getColumns().add(Cells.column("Node", 110, TargetProgress::target));
        targets.getColumns().add(Cells.column("Where · how", 200, TargetProgress::detail));
        targets.getColumns().add(Cells.column("Current step", 200, TargetProgress::stepText));
        TableColumn<TargetProgress, TargetProgress> state = Cells.column("State", 96, t -> t);
        state.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, t) -> Widgets.setPill(pill, t.stateText(), kind(t.state()))));
        state.setMinWidth(96);
        targets.getColumns().add(state);
        targets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        targets.prefHeightProperty().bind(Bindings.when(Bindings.size(run.targets()).lessThanOrEqualTo(1)).then(64)
                .otherwise(170));
        targets.setPlaceholder(Widgets.muted("The run lists its nodes as it reaches them."));
        targets.visibleProperty().bind(Bindings.isNotEmpty(run.targets()));
        targets.managedProperty().bind(targets.visibleProperty());

        VBox steps = new VBox(4);
        steps.setId(idPrefix + "-run-steps");
        Runnable rebuild = () -> steps.getChildren().setAll(run.steps().stream()
                .map(r -> OperationRunView.row(r, r.stateLabel())).toList());
        run.steps().addListener((ListChangeListener<StepRow>) c -> rebuild.run());
        steps.visibleProperty().bind(Bindings.size(run.targets()).lessThanOrEqualTo(1)); // one node: its steps too
        steps.managedProperty().bind(steps.visibleProperty());

        ListView<String> log = new ListView<>(run.log());
        log.setId(idPrefix + "-run-log");
        log.getStyleClass().addAll("mono", Styles.DENSE);
        log.setPrefHeight(110);
        log.setMinHeight(66);
        log.setFixedCellSize(22);
        run.log().addListener((ListChangeListener<String>) c -> log.scrollTo(run.log().size() - 1));
        targets.minHeightProperty().bind(targets.prefHeightProperty());
        getChildren().addAll(summary, bar, blocked, targets, steps, FormParts.label("Log"), log);
    }

    static String kind(TargetProgress.State s) {
        return switch (s) {
            case DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case RUNNING -> Styles.ACCENT;
            case CANCELLED -> Styles.WARNING;
            case WAITING -> Widgets.NEUTRAL;
        };
    }

    private static void style(Label l, OperationStatus s) {
        l.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.WARNING);
        if (s == OperationStatus.FAILED) {
            l.getStyleClass().add(Styles.DANGER);
        } else if (s == OperationStatus.SUCCEEDED) {
            l.getStyleClass().add(Styles.SUCCESS);
        } else if (s == OperationStatus.CANCELLED || s == OperationStatus.INTERRUPTED) {
            l.getStyleClass().add(Styles.WARNING);
        }
    }
}
