package dev.hybridpane.ui.network;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.ui.common.Widgets;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The side pane: the checks of the element, link or check chosen, each with its evidence and fix; with nothing
 * chosen, the report's problems (every check that does not pass), or a hint before the first run.
 */
final class CheckDetailPane extends ScrollPane {
    private final NetworkViewModel vm;
    private final Label title = new Label();
    private final Label subtitle = Widgets.muted("");
    private final VBox cards = new VBox(10);

    CheckDetailPane(NetworkViewModel vm) {
        this.vm = vm;
        setId("network-detail");
        title.getStyleClass().add("network-detail-title");
        title.setId("network-detail-title");
        title.setWrapText(true);
        cards.setId("network-detail-checks");
        VBox body = new VBox(8, title, subtitle, cards);
        body.getStyleClass().add("network-detail");
        setContent(body);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        vm.selectedChecks().addListener((ListChangeListener<DoctorCheck>) c -> refresh());
        vm.selectedTitleProperty().addListener((o, a, b) -> refresh());
        vm.reportProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        DoctorReport r = vm.reportProperty().get();
        List<DoctorCheck> shown;
        if (r == null) {
            title.setText("Checks");
            subtitle.setText("Run the doctor; then click an element or a link of the picture to see its checks, "
                    + "the evidence read and the fix.");
            shown = List.of();
        } else if (vm.selectedProperty().get() != null || !vm.selectedTitleProperty().get().isEmpty()) {
            title.setText(vm.selectedTitleProperty().get());
            int n = vm.selectedChecks().size();
            subtitle.setText(n == 0 ? "No check names it." : n == 1 ? "1 check" : n + " checks");
            shown = vm.selectedChecks();
        } else {
            shown = NetworkViewModel.failing(r);
            title.setText(shown.isEmpty() ? "Everything passes" : "Problems");
            subtitle.setText(shown.isEmpty() ? "All " + r.checks().size() + " checks pass. Click an element or a link "
                    + "to see what was read." : "Every check that does not pass. Click an element or a link for its own.");
        }
        cards.getChildren().setAll(shown.stream().map(CheckCards::card).toList());
        setVvalue(0);
    }
}
