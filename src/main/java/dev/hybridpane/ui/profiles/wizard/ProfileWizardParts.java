package dev.hybridpane.ui.profiles.wizard;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.FormParts;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * What the profile wizard's pages share: a field with its label, help, and its error and warning under it (the input
 * outlined in red while it has an error), read-only code with Copy, and step-wide notices.
 */
final class ProfileWizardParts {
    private ProfileWizardParts() {
    }

    static TextField textField(String id, String prompt, StringProperty text) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(text);
        return f;
    }

    static TextArea textArea(String id, String prompt, StringProperty text, int rows, boolean mono) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(rows);
        a.setWrapText(!mono);
        if (mono) {
            a.getStyleClass().add("code-area");
        }
        a.textProperty().bindBidirectional(text);
        return a;
    }

    /**
     * A field: its label, the input, an optional help line, then its error (red) and warning (amber), each hidden
     * while null. The error label's id is {@code input's id + "-error"}, the warning's {@code "-warning"}.
     */
    static VBox field(String label, Node input, String help, ObservableStringValue error, ObservableStringValue warning) {
        VBox box = new VBox(4, label(label), input);
        if (help != null) {
            box.getChildren().add(help(help));
        }
        if (error != null) {
            Label e = fieldError(error);
            e.setId(input.getId() + "-error");
            box.getChildren().add(e);
            if (input instanceof TextInputControl) {
                error.addListener((o, a, b) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, b != null));
                input.pseudoClassStateChanged(Styles.STATE_DANGER, error.get() != null);
            }
        }
        if (warning != null) {
            Label w = fieldWarning(warning);
            w.setId(input.getId() + "-warning");
            box.getChildren().add(w);
        }
        return box;
    }

    /** A small red message under a field; hidden (and taking no room) while the text is null. */
    static Label fieldError(ObservableStringValue text) {
        return FormParts.fieldError(text);
    }

    /** A small amber warning; hidden while null. */
    static Label fieldWarning(ObservableStringValue text) {
        return FormParts.fieldWarning(text);
    }


    /** Monospace read-only text with a Copy button. */
    static VBox code(String id, String title, ObservableStringValue text, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("code-area");
        area.setPrefRowCount(rows);
        area.textProperty().bind(text);
        Button copy = new Button("Copy", Widgets.icon(Feather.COPY, null));
        copy.setId(id + "-copy");
        copy.getStyleClass().add(Styles.SMALL);
        Label copied = new Label();
        copied.getStyleClass().add(Styles.TEXT_MUTED);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(area.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copied.setText("Copied");
        });
        HBox bar = new HBox(8, label(title), new Spacer(), copied, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, area);
        box.getStyleClass().add("code-block");
        return box;
    }

    static Message note(String text) {
        return FormParts.note(text);
    }

    /** A step-wide error (the cluster could not be read, the save failed); hidden while null. */
    static Message errorMessage(ObservableStringValue text) {
        return FormParts.errorMessage(text);
    }

    /** A Message of the given kind whose text wraps (its height follows its width); hidden while null if asked. */
    static Message notice(ObservableStringValue text, Feather icon, String kind, boolean hideWhileNull) {
        return FormParts.notice(text, icon, kind, hideWhileNull);
    }

    static Label label(String text) {
        return FormParts.label(text);
    }

    static Label help(String text) {
        return FormParts.help(text);
    }
}
