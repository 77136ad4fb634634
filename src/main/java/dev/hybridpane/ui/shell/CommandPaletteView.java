package dev.hybridpane.ui.shell;

import atlantafx.base.controls.CustomTextField;
import dev.hybridpane.ui.common.Widgets;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The Ctrl+K overlay: a search field and the best matches; Up/Down/Enter/Escape. */
final class CommandPaletteView extends StackPane {

    CommandPaletteView(CommandPaletteViewModel vm) {
        getStyleClass().add("palette-scrim");
        setId("command-palette");
        CustomTextField field = new CustomTextField();
        field.setId("palette-field");
        field.setLeft(Widgets.icon(Feather.SEARCH, "palette-search-icon"));
        field.setPromptText("Jump to a view or cluster…");
        field.textProperty().bindBidirectional(vm.queryProperty());
        ListView<PaletteItem> list = new ListView<>(vm.results());
        list.setId("palette-list");
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(1, Math.min(vm.results().size(), 8)) * 46.0 + 4, vm.results()));
        list.setFocusTraversable(false);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PaletteItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label title = new Label(item.title());
                title.getStyleClass().add("palette-title");
                Label sub = new Label(item.subtitle());
                sub.getStyleClass().add("palette-subtitle");
                HBox row = new HBox(10, Widgets.icon(item.action() != null ? Feather.CHEVRONS_RIGHT : item.cluster() != null ? Feather.SERVER : item.target().icon(), null),
                        new VBox(1, title, sub));
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setText(null);
            }
        });
        list.setOnMouseClicked(e -> {
            PaletteItem item = list.getSelectionModel().getSelectedItem();
            if (item != null) {
                vm.choose(item);
            }
        });
        vm.selectedIndexProperty().addListener((o, a, b) -> {
            list.getSelectionModel().select(b.intValue());
            list.scrollTo(b.intValue());
        });
        vm.results().addListener((ListChangeListener<PaletteItem>) c ->
                list.getSelectionModel().select(vm.selectedIndexProperty().get()));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                vm.moveSelection(1);
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                vm.moveSelection(-1);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                vm.choose();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.hide();
                e.consume();
            }
        });
        Label hint = new Label("↑↓ to move · Enter to open · Esc to close");
        hint.getStyleClass().add("palette-hint");
        VBox card = new VBox(8, field, list, hint);
        card.getStyleClass().add("palette-card");
        card.setMaxWidth(560);
        card.setMaxHeight(VBox.USE_PREF_SIZE);
        StackPane.setAlignment(card, Pos.TOP_CENTER);
        StackPane.setMargin(card, new Insets(80, 0, 0, 0));
        getChildren().add(card);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                vm.hide();
            }
        });
        visibleProperty().bind(vm.openProperty());
        this.field = field;
        this.list = list;
        vm.openProperty().addListener((o, a, open) -> {
            if (open) {
                focusField();
            }
        });
    }

    private final TextField field;
    private final ListView<PaletteItem> list;

    /** Puts the cursor in the search field with the first result selected (on every opening). */
    void focusField() {
        field.requestFocus();
        list.getSelectionModel().select(0);
    }
}
