package dev.hybridpane.ui.pools.day2;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.NodePlan;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Strategy;
import dev.hybridpane.ui.wizard.FormParts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/** The upgrade dialog's pages: its options, and the reviewed plan per node (batch, strategy, steps, notes). */
final class UpgradePages {
    private UpgradePages() {
    }

    static FlowCard card(UpgradeViewModel u, Runnable close) {
        return new FlowCard(u, "day2-upgrade", "v" + u.fromVersion() + " → v" + u.toVersion() + " of the pool's profile. "
                + "Nothing changes until you approve the reviewed plan.", options(u), review(u), "Approve upgrade",
                Styles.ACCENT, close);
    }

    static Node options(UpgradeViewModel u) {
        ComboBox<Strategy> strategy = new ComboBox<>();
        strategy.getItems().setAll(Strategy.values());
        strategy.setId("day2-upgrade-strategy");
        strategy.valueProperty().bindBidirectional(u.strategyProperty());
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(Strategy s) {
                return s == null ? "" : UpgradeViewModel.strategyText(s);
            }

            @Override
            public Strategy fromString(String s) {
                return null;
            }
        });
        strategy.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Strategy s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : UpgradeViewModel.strategyText(s));
            }
        });
        var help = FormParts.note(Bindings.createStringBinding(() -> UpgradeViewModel.strategyHelp(u.strategyProperty()
                .get()), u.strategyProperty()));
        help.setId("day2-upgrade-strategy-help");
        TextField unavailable = text("day2-upgrade-max-unavailable", u.maxUnavailableProperty());
        TextField surge = text("day2-upgrade-max-surge", u.maxSurgeProperty());
        surge.disableProperty().bind(u.strategyProperty().isNotEqualTo(Strategy.CUTOVER));
        TextField pause = text("day2-upgrade-pause", u.pauseSecondsProperty());
        CheckBox stop = new CheckBox("Stop on the first failure");
        stop.setId("day2-upgrade-stop");
        stop.selectedProperty().bindBidirectional(u.stopOnFirstFailureProperty());
        GridPane grid = new GridPane();
        grid.setHgap(20);
        grid.setVgap(12);
        grid.add(Day2Parts.field("Strategy", strategy, null, null, null), 0, 0);
        grid.add(Day2Parts.field("Max unavailable", unavailable, "Nodes cordoned or upgrading at once (default 1).",
                u.maxUnavailableErrorProperty(), null), 1, 0);
        grid.add(Day2Parts.field("Max surge", surge, "Cutover only: new nodes joined ahead of the old ones.",
                u.maxSurgeErrorProperty(), null), 0, 1);
        grid.add(Day2Parts.field("Pause between nodes (seconds)", pause, "0: go on at once.", u.pauseErrorProperty(),
                null), 1, 1);
        grid.add(stop, 0, 2, 2, 1);
        return new VBox(14, help, grid);
    }

    private static TextField text(String id, StringProperty p) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(8);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    static Node review(UpgradeViewModel u) {
        VBox warnings = new VBox(6);
        warnings.setId("day2-upgrade-warnings");
        Runnable fill = () -> warnings.getChildren().setAll(u.warnings().stream().map(w -> (Node) Widgets.notice(
                Feather.ALERT_TRIANGLE, Styles.WARNING, "Note", w)).toList());
        u.warnings().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        TableView<NodePlan> nodes = new TableView<>(u.nodes());
        nodes.setId("day2-upgrade-plan-nodes");
        nodes.getStyleClass().add(Styles.DENSE);
        nodes.getColumns().add(Cells.column("Order", 56, n -> String.valueOf(u.nodes().indexOf(n) + 1)));
        nodes.getColumns().add(Cells.column("Batch", 56, n -> String.valueOf(n.batch())));
        nodes.getColumns().add(Cells.column("Node", 100, NodePlan::node));
        nodes.getColumns().add(Cells.column("Host", 90, NodePlan::host));
        nodes.getColumns().add(Cells.column("Strategy", 80, n -> UpgradeViewModel.strategyText(n.strategy())));
        nodes.getColumns().add(Cells.column("Steps", 260, n -> String.join(" → ", n.steps())));
        nodes.getColumns().add(Cells.column("Notes", 150, n -> String.join("; ", n.notes())));
        nodes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        nodes.setPrefHeight(180);
        TitledPane text = new TitledPane("The plan as core wrote it", Day2Parts.plan(u.planTextProperty(),
                "day2-upgrade-plan"));
        text.setExpanded(false);
        var approve = FormParts.note("Approve upgrade starts it. Each node is drained through the Eviction API "
                + "(PodDisruptionBudgets respected) before nodeadm touches it; the SSM node name is kept in place.");
        return new VBox(12, warnings, FormParts.label("Per node, in order"), nodes, text, approve);
    }
}
