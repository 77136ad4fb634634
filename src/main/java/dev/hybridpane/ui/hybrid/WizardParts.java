package dev.hybridpane.ui.hybrid;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.domain.Check;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.FormParts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** Pieces the wizard steps share: read-only code with Copy and Save…, field messages, status lines. */
final class WizardParts {
    private WizardParts() {
    }

    /** A monospace read-only text with Copy and (when fileName is not null) Save… buttons. */
    static VBox code(String title, ObservableStringValue text, String fileName, int rows) {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("code-area");
        area.setPrefRowCount(rows);
        area.textProperty().bind(text);
        Button copy = new Button("Copy", Widgets.icon(Feather.COPY, null));
        copy.getStyleClass().add(Styles.SMALL);
        Label copied = new Label();
        copied.getStyleClass().add(Styles.TEXT_MUTED);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(area.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copied.setText("Copied");
        });
        Label t = new Label(title);
        t.getStyleClass().add("field-label");
        HBox bar = new HBox(8, t, new Spacer(), copied, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        if (fileName != null) {
            Button save = new Button("Save…", Widgets.icon(Feather.DOWNLOAD, null));
            save.getStyleClass().add(Styles.SMALL);
            save.setOnAction(e -> save(area, fileName, copied));
            bar.getChildren().add(save);
        }
        VBox box = new VBox(6, bar, area);
        box.getStyleClass().add("code-block");
        return box;
    }

    private static void save(TextArea area, String fileName, Label status) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(fileName);
        File f = fc.showSaveDialog(area.getScene() == null ? null : area.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            Files.writeString(f.toPath(), area.getText(), StandardCharsets.UTF_8);
            status.setText("Saved to " + f.getName());
        } catch (IOException ex) {
            status.setText("Could not save: " + ex.getMessage());
        }
    }

    /** A red message under a field; hidden (and taking no room) while the text is null. */
    static Label fieldError(ObservableStringValue text) {
        return FormParts.fieldError(text);
    }

    /** An amber warning; hidden while null. */
    static Label fieldWarning(ObservableStringValue text) {
        return FormParts.fieldWarning(text);
    }


    /** A note box (what has or has not happened yet) with this text. */
    static Message note(ObservableStringValue text) {
        return FormParts.note(text);
    }

    static Message note(String text) {
        return FormParts.note(text);
    }

    /** An error box for the whole step (the cluster could not be read, the plan has problems); hidden while null. */
    static Message errorMessage(ObservableStringValue text) {
        return FormParts.errorMessage(text);
    }


    static Label label(String text) {
        return FormParts.label(text);
    }

    static Label help(String text) {
        return FormParts.help(text);
    }

    /** A requirement check: its light, its title and the reason (which says how to fix a failure). */
    static Node check(Check c) {
        return status(new HybridStatusItem(c.title(), c.status(), switch (c.status()) {
            case PASS -> "pass";
            case WARN -> "warning";
            case FAIL -> "fails";
        }, c.reason()));
    }

    /** A light, a title with its value, and the reason below. */
    static Node status(HybridStatusItem i) {
        Label title = new Label(i.title());
        title.getStyleClass().add("check-title");
        Label value = new Label(i.value());
        value.getStyleClass().addAll("check-value", "mono");
        value.setWrapText(true);
        HBox head = new HBox(8, title, value);
        head.setAlignment(Pos.BASELINE_LEFT);
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
