package dev.hybridpane.ui.clusters;

import atlantafx.base.theme.Styles;
import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.ui.common.Widgets;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Networks, credential provider, role, access entry, trust anchor and profile, CNI: each a light and a reason. */
final class HybridConfigSection extends VBox {
    private final HybridConfigViewModel vm;

    HybridConfigSection(HybridConfigViewModel vm) {
        super(8);
        this.vm = vm;
        setId("hybrid-config");
        vm.items().addListener((ListChangeListener<HybridStatusItem>) c -> rebuild());
        vm.loadingProperty().addListener((o, a, b) -> rebuild());
        vm.errorProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        if (vm.errorProperty().get() != null) {
            getChildren().add(ClusterDetailView.error(vm.errorProperty().get()));
            return;
        }
        if (vm.items().isEmpty() && vm.loadingProperty().get()) {
            ProgressIndicator p = new ProgressIndicator();
            p.setPrefSize(16, 16);
            Label l = new Label("Reading the hybrid configuration…", p);
            l.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(l);
            return;
        }
        for (HybridStatusItem i : vm.items()) {
            getChildren().add(row(i));
        }
    }

    private static Node row(HybridStatusItem i) {
        Label title = new Label(i.title());
        title.getStyleClass().add("check-title");
        title.setMinWidth(150);
        Label value = new Label(i.value());
        value.getStyleClass().add("check-value");
        value.setWrapText(true);
        HBox head = new HBox(8, title, value);
        head.setAlignment(Pos.BASELINE_LEFT);
        HBox.setHgrow(value, Priority.ALWAYS);
        Label reason = new Label(i.reason());
        reason.setWrapText(true);
        reason.getStyleClass().add("check-reason");
        VBox text = new VBox(2, head, reason);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, Widgets.checkIcon(i.status()), text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("check-row", "check-" + Widgets.kind(i.status()));
        return row;
    }
}
