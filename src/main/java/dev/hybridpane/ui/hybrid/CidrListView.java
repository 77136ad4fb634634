package dev.hybridpane.ui.hybrid;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** An editable list of CIDRs: one field per row with its message under it, a remove button, and Add. */
final class CidrListView extends VBox {
    private final ObservableList<CidrEntryViewModel> entries;
    private final Consumer<CidrEntryViewModel> remove;
    private final VBox rows = new VBox(6);
    private final String id;

    CidrListView(String id, ObservableList<CidrEntryViewModel> entries, Runnable add, Consumer<CidrEntryViewModel> remove,
            String addText) {
        super(6);
        this.id = id;
        this.entries = entries;
        this.remove = remove;
        Button plus = new Button(addText, Widgets.icon(Feather.PLUS, null));
        plus.setId(id + "-add");
        plus.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        plus.setOnAction(e -> add.run());
        getChildren().addAll(rows, plus);
        entries.addListener((ListChangeListener<CidrEntryViewModel>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structural) {
                rebuild();
            }
        });
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().clear();
        for (int i = 0; i < entries.size(); i++) {
            CidrEntryViewModel e = entries.get(i);
            TextField f = new TextField();
            f.setId(id + "-" + i);
            f.setPromptText("e.g. 10.200.0.0/16");
            f.setPrefColumnCount(18);
            f.getStyleClass().add("mono");
            f.textProperty().bindBidirectional(e.textProperty());
            e.messageProperty().addListener((o, a, b) -> f.pseudoClassStateChanged(Styles.STATE_DANGER, b != null));
            f.pseudoClassStateChanged(Styles.STATE_DANGER, e.messageProperty().get() != null);
            Button x = new Button(null, Widgets.icon(Feather.X, null));
            x.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            x.setTooltip(new Tooltip("Remove"));
            x.setOnAction(ev -> remove.accept(e));
            HBox line = new HBox(6, f, x);
            line.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(f, Priority.NEVER);
            rows.getChildren().add(new VBox(3, line, WizardParts.fieldError(e.messageProperty())));
        }
    }
}
