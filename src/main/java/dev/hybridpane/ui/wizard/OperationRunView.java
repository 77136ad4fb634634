package dev.hybridpane.ui.wizard;

import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.common.Widgets;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The apply step: a progress bar, every step with its state, the outcome sentence and the live log. */
public final class OperationRunView extends VBox {
    private final OperationRunViewModel vm;
    private final VBox steps = new VBox(4);

    OperationRunView(OperationRunViewModel vm, String id) {
        super(12);
        this.vm = vm;
        setId(id);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label summary = new Label();
        summary.setId(id + "-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("run-summary");
        vm.statusProperty().addListener((o, a, b) -> style(summary, b));
        ListView<String> log = new ListView<>(vm.log());
        log.getStyleClass().addAll("run-log", "mono");
        log.setPrefHeight(170);
        log.setFixedCellSize(22);
        vm.log().addListener((ListChangeListener<String>) c -> log.scrollTo(vm.log().size() - 1));
        steps.getStyleClass().add("run-steps");
        vm.steps().addListener((ListChangeListener<StepRow>) c -> rebuild());
        rebuild();
        Label logTitle = new Label("Log");
        logTitle.getStyleClass().add("field-label");
        getChildren().addAll(bar, summary, steps, logTitle, log);
        bar.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
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

    private void rebuild() {
        steps.getChildren().clear();
        for (StepRow r : vm.steps()) {
            steps.getChildren().add(row(r, r.stateLabel()));
        }
    }

    /** One step's row: its state's icon, number and title, the reason when it failed, and a pill saying {@code label}. */
    public static Node row(StepRow r, String label) {
        Node icon = switch (r.state()) {
            case PENDING -> Widgets.icon(Feather.CIRCLE, "icon-muted");
            case RUNNING -> Widgets.icon(Feather.LOADER, "icon-accent");
            case DONE -> Widgets.icon(Feather.CHECK_CIRCLE, "icon-success");
            case ALREADY_DONE -> Widgets.icon(Feather.CHECK, "icon-success");
            case FAILED -> Widgets.icon(Feather.X_CIRCLE, "icon-danger");
            case SKIPPED -> Widgets.icon(Feather.MINUS_CIRCLE, "icon-muted");
        };
        Label title = new Label(r.number() + ". " + r.title());
        title.setWrapText(true);
        title.getStyleClass().add("run-step-title");
        String kind = switch (r.state()) {
            case DONE, ALREADY_DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case RUNNING -> Styles.ACCENT;
            default -> "neutral";
        };
        VBox text = new VBox(2, title);
        if (r.message() != null && r.state() == StepState.FAILED) {
            Label m = new Label(r.message());
            m.setWrapText(true);
            m.getStyleClass().add(Styles.DANGER);
            text.getChildren().add(m);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, icon, text, Widgets.pill(label, kind));
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().add("run-step");
        return row;
    }
}
