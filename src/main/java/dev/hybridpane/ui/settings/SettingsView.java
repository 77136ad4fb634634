package dev.hybridpane.ui.settings;

import dev.hybridpane.ui.common.Widgets;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Theme, where settings live, the environment, and the version. */
public final class SettingsView extends BorderPane {

    public SettingsView(SettingsViewModel vm) {
        getStyleClass().add("settings-view");
        setTop(Widgets.header("Settings", "Appearance and environment of this workstation"));
        ToggleGroup group = new ToggleGroup();
        HBox themes = new HBox(16);
        themes.setAlignment(Pos.CENTER_LEFT);
        for (ThemeChoice t : ThemeChoice.values()) {
            RadioButton b = new RadioButton(t.label());
            b.setId("theme-" + t.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(t);
            b.setSelected(vm.themeProperty().get() == t);
            themes.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.themeProperty().set((ThemeChoice) b.getUserData());
            }
        });
        vm.themeProperty().addListener((o, a, b) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));
        Label systemNote = Widgets.muted("");
        systemNote.textProperty().bind(Bindings.when(vm.osDarkProperty())
                .then("System follows the OS, which prefers dark.").otherwise("System follows the OS, which prefers light."));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("kv-grid");
        grid.setHgap(24);
        grid.setVgap(14);
        grid.addRow(0, key("Theme"), new VBox(6, themes, systemNote));
        grid.addRow(1, key("Environment"), value(vm.environmentProperty()));
        grid.addRow(2, key("Config directory"), value(vm.configDirProperty()));
        grid.addRow(3, key("Version"), value(vm.versionProperty()));
        Label about = Widgets.muted("HybridPane is a desktop console for Amazon EKS Hybrid Nodes. It talks straight to AWS, "
                + "to your clusters and to your edge hosts with your own credentials; nothing goes through a server of ours. "
                + "Secrets are never written to disk.");
        about.setMaxWidth(640);
        grid.addRow(4, key("About"), about);
        VBox card = new VBox(grid);
        card.getStyleClass().add("card-section");
        card.setMaxWidth(860);
        VBox body = new VBox(card);
        body.getStyleClass().add("overview-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("kv-key");
        l.setMinWidth(Label.USE_PREF_SIZE);
        GridPane.setValignment(l, VPos.TOP);
        return l;
    }

    private static Label value(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("kv-value");
        l.setWrapText(true);
        return l;
    }
}
