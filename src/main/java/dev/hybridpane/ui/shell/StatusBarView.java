package dev.hybridpane.ui.shell;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.DiscoveryState;
import dev.hybridpane.ui.fleet.FleetViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Connection state on the left, running operations with progress on the right. */
final class StatusBarView extends StatusBar {

    StatusBarView(FleetViewModel fleet, TaskRunner runner) {
        getStyleClass().add("app-status-bar");
        setId("status-bar");
        textProperty().bind(fleet.statusTextProperty());
        FontIcon state = Widgets.icon(Feather.CIRCLE, "status-dot");
        fleet.discoveryProperty().addListener((o, a, b) -> styleDot(state, b));
        styleDot(state, fleet.discoveryProperty().get());
        setGraphic(state);
        // the regions that failed: a link to their reasons
        Hyperlink regionErrors = new Hyperlink();
        regionErrors.setId("region-errors");
        regionErrors.getStyleClass().add(Styles.DANGER);
        regionErrors.textProperty().bind(fleet.problems().regionErrorsProperty());
        regionErrors.visibleProperty().bind(regionErrors.textProperty().isNotEmpty());
        regionErrors.managedProperty().bind(regionErrors.visibleProperty());
        regionErrors.setOnAction(e -> RegionErrorsPopover.show(regionErrors, fleet.problems()));
        getLeftItems().add(regionErrors);
        Label task = new Label();
        task.getStyleClass().add(Styles.TEXT_MUTED);
        task.textProperty().bind(Bindings.when(runner.runningProperty().greaterThan(0))
                .then(Bindings.concat(runner.currentTitleProperty(), "…")).otherwise(""));
        getRightItems().add(task);
        progressProperty().bind(Bindings.when(runner.runningProperty().greaterThan(0)
                .or(fleet.discoveryProperty().isEqualTo(DiscoveryState.DISCOVERING))).then(-1.0).otherwise(0.0));
    }

    private static void styleDot(FontIcon dot, DiscoveryState s) {
        dot.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
        dot.getStyleClass().add(switch (s) {
            case DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            default -> Styles.WARNING;
        });
    }
}
