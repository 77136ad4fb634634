package dev.hybridpane.ui.pools.day2;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.wizard.FormParts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The pieces the day-2 dialogs share: fields with their errors, the plan text, a row of buttons, a card's head. */
final class Day2Parts {
    private Day2Parts() {
    }

    /** "" as null, so FormParts hides the message while there is none. */
    static ObservableStringValue orNull(ObservableStringValue text) {
        return Bindings.createStringBinding(() -> text.get() == null || text.get().isEmpty() ? null : text.get(), text);
    }

    /** Label, input, optional help, then the field's error (id: the input's + "-error") and warning, hidden while "". */
    static VBox field(String label, Node input, String help, ObservableStringValue error, ObservableStringValue warning) {
        VBox box = new VBox(4, FormParts.label(label), input);
        if (help != null) {
            box.getChildren().add(FormParts.help(help));
        }
        if (error != null) {
            Label e = FormParts.fieldError(orNull(error));
            e.setId(input.getId() + "-error");
            box.getChildren().add(e);
            if (input instanceof TextInputControl) {
                error.addListener((o, a, b) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, b != null && !b.isEmpty()));
            }
        }
        if (warning != null) {
            Label w = FormParts.fieldWarning(orNull(warning));
            w.setId(input.getId() + "-warning");
            box.getChildren().add(w);
        }
        return box;
    }

    /** Core's plan, read-only, in a monospaced area. */
    static TextArea plan(ObservableStringValue text, String id) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(false);
        a.getStyleClass().add("code-area");
        a.setPrefRowCount(14);
        a.setPrefColumnCount(70);
        a.textProperty().bind(text);
        return a;
    }

    /** Buttons at the right. */
    static HBox buttons(List<Node> left, List<Button> right) {
        HBox row = new HBox(8);
        row.getChildren().addAll(left);
        row.getChildren().add(new Spacer());
        row.getChildren().addAll(right);
        row.setAlignment(Pos.CENTER_RIGHT);
        right.forEach(b -> b.setMinWidth(Region.USE_PREF_SIZE));
        return row;
    }

    static Button button(String text, String id, String style) {
        Button b = new Button(text);
        b.setId(id);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A title and a muted line under it. */
    static VBox head(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_3);
        t.setWrapText(true);
        Label line = new Label(text);
        line.getStyleClass().add(Styles.TEXT_MUTED);
        line.setWrapText(true);
        line.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(6, t, line);
    }
}
