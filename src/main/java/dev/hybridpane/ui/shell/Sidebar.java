package dev.hybridpane.ui.shell;

import atlantafx.base.controls.Spacer;
import dev.hybridpane.ui.common.Widgets;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** The navigation rail: one entry per view, the current one selected. */
final class Sidebar extends VBox {
    private final Map<NavTarget, ToggleButton> buttons = new EnumMap<>(NavTarget.class);

    Sidebar(ShellViewModel vm) {
        getStyleClass().add("sidebar");
        ToggleGroup group = new ToggleGroup();
        for (NavTarget t : NavTarget.values()) {
            ToggleButton b = new ToggleButton(t.title(), Widgets.icon(t.icon(), "nav-icon"));
            b.setId("nav-" + t.id());
            b.getStyleClass().add("nav-item");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> {
                vm.navigate(t);
                b.setSelected(true);
            });
            buttons.put(t, b);
            if (t == NavTarget.SETTINGS) {
                getChildren().add(new Spacer(Orientation.VERTICAL));
            }
            getChildren().add(b);
        }
        vm.viewProperty().addListener((o, a, v) -> buttons.get(v).setSelected(true));
        buttons.get(vm.viewProperty().get()).setSelected(true);
    }
}
