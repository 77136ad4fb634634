package dev.hybridpane.ui.network;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.network.FixViewModel.ManualFix;
import dev.hybridpane.ui.network.FixViewModel.Phase;
import dev.hybridpane.ui.wizard.StepRow;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Fix… card: the plan's changes to review (nothing has changed yet), then each change's state while it applies;
 * the manual fixes for the network team with their snippets; Apply, Cancel (between changes) and Close.
 */
final class FixCard extends VBox {
    FixCard(FixViewModel vm) {
        super(14);
        setId("network-fix");
        getStyleClass().add("network-fix-card");
        setPrefWidth(760);
        setMaxWidth(760);
        setMaxHeight(640);

        Label title = new Label("Fix the network of " + vm.report().cluster());
        title.getStyleClass().add(Styles.TITLE_4);
        Label summary = new Label();
        summary.setId("network-fix-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.phaseProperty().isEqualTo(Phase.PLANNING)
                .or(vm.phaseProperty().isEqualTo(Phase.APPLYING)));
        busy.managedProperty().bind(busy.visibleProperty());
        HBox sumRow = new HBox(8, busy, summary);
        sumRow.setAlignment(Pos.CENTER_LEFT);

        VBox changes = new VBox(6);
        changes.setId("network-fix-changes");
        Runnable drawChanges = () -> changes.getChildren().setAll(vm.steps().isEmpty()
                ? vm.changes().stream().map(FixCard::change).toList()
                : vm.steps().stream().map(FixCard::step).toList());
        vm.changes().addListener((ListChangeListener<String>) c -> drawChanges.run());
        vm.steps().addListener((ListChangeListener<StepRow>) c -> drawChanges.run());
        drawChanges.run();

        VBox body = new VBox(10, Widgets.sectionTitle("Changes to apply"),
                Widgets.muted("Each change is observed first and made only if missing, so applying twice changes "
                        + "nothing twice."), changes);
        List<ManualFix> manual = vm.manual();
        if (!manual.isEmpty()) {
            body.getChildren().addAll(Widgets.sectionTitle("For the network team"),
                    Widgets.muted("These are outside AWS or need the on-prem side: send them with their snippets."));
            String where = null;
            for (int i = 0; i < manual.size(); i++) {
                ManualFix m = manual.get(i);
                if (!m.where().equals(where)) {
                    where = m.where();
                    Label w = new Label(where);
                    w.getStyleClass().add("check-section");
                    body.getChildren().add(w);
                }
                Label t = new Label(m.title());
                t.getStyleClass().add("check-title");
                Label d = new Label(m.description());
                d.setWrapText(true);
                d.setMinHeight(Region.USE_PREF_SIZE);
                VBox one = new VBox(4, t, d);
                if (!m.snippet().isBlank()) {
                    one.getChildren().add(CheckCards.snippet(m.snippet(), "network-fix-manual-" + i));
                }
                one.getStyleClass().add("check-card");
                body.getChildren().add(one);
            }
        }
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(360);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        var error = Widgets.notice(Feather.ALERT_OCTAGON, Styles.DANGER, "The fixes did not apply", "");
        error.setId("network-fix-error");
        error.descriptionProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button close = new Button("Close");
        close.setId("network-fix-close");
        close.setCancelButton(true);
        close.disableProperty().bind(vm.phaseProperty().isEqualTo(Phase.APPLYING));
        close.setOnAction(e -> vm.close());
        Button cancel = new Button("Cancel");
        cancel.setId("network-fix-cancel");
        cancel.visibleProperty().bind(vm.phaseProperty().isEqualTo(Phase.APPLYING));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button apply = new Button("", Widgets.icon(Feather.TOOL, null));
        apply.setId("network-fix-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setDefaultButton(true);
        apply.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.phaseProperty().get()) {
            case FAILED, CANCELLED -> "Apply again";
            case APPLYING -> "Applying…";
            default -> "Apply " + vm.changes().size() + (vm.changes().size() == 1 ? " change" : " changes");
        }, vm.phaseProperty(), vm.changes()));
        apply.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.changes().isEmpty()
                || !(vm.phaseProperty().get() == Phase.REVIEW || vm.phaseProperty().get() == Phase.FAILED
                || vm.phaseProperty().get() == Phase.CANCELLED), vm.phaseProperty(), vm.changes()));
        apply.visibleProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.SUCCEEDED));
        apply.managedProperty().bind(apply.visibleProperty());
        apply.setOnAction(e -> vm.apply());
        HBox buttons = new HBox(8, new Spacer(), cancel, close, apply);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, sumRow, error, scroll, buttons);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.phaseProperty().get() != Phase.APPLYING) {
                e.consume();
                vm.close();
            }
        });
    }

    private static Node change(String text) {
        Label l = new Label(text, Widgets.icon(Feather.PLUS_CIRCLE, "icon-success"));
        l.getStyleClass().add("fix-change");
        l.setWrapText(true);
        return l;
    }

    private static Node step(StepRow s) {
        Label l = new Label(s.number() + ". " + s.title());
        l.getStyleClass().add("fix-change");
        l.setWrapText(true);
        String kind = switch (s.state()) {
            case DONE, ALREADY_DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case RUNNING -> Styles.ACCENT;
            default -> Widgets.NEUTRAL;
        };
        HBox row = new HBox(8, Widgets.pill(s.stateLabel(), kind), l);
        row.setAlignment(Pos.CENTER_LEFT);
        if (s.state() == StepState.FAILED && s.message() != null) {
            VBox box = new VBox(2, row, Widgets.muted(s.message()));
            return box;
        }
        return row;
    }
}
