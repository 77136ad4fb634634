package dev.hybridpane.ui.profiles;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Profiles view's in-window cards (AtlantaFX {@link ModalPane}): the exported YAML, read-only, to copy or save
 * where the administrator chooses; and the confirmation before a version is deleted.
 */
final class ProfileDialogs {
    private final ModalPane pane = new ModalPane();
    private final ProfilesViewModel vm;

    ProfileDialogs(ProfilesViewModel vm) {
        this.vm = vm;
        pane.setId("profiles-modal-pane");
        pane.setInTransitionFactory(null);
        pane.setOutTransitionFactory(null);
        pane.setPersistent(true);
    }

    ModalPane pane() {
        return pane;
    }

    /** The selected profile's YAML (every version), as {@code hybridpane profile apply -f} accepts it. */
    void export() {
        ProfileRow r = vm.selectedProperty().get();
        if (r == null) {
            return;
        }
        String yaml = vm.exportYaml();
        TextArea text = new TextArea(yaml);
        text.setId("profiles-export-text");
        text.setEditable(false);
        text.getStyleClass().add("mono");
        text.setPrefColumnCount(72);
        text.setPrefRowCount(22);
        Button copy = new Button("Copy to clipboard");
        copy.setId("profiles-export-copy");
        copy.getStyleClass().add(Styles.ACCENT);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(yaml);
            Clipboard.getSystemClipboard().setContent(c);
            vm.statusProperty().set("Copied the YAML of " + r.name() + " to the clipboard.");
            close();
        });
        Button save = new Button("Save as…");
        save.setId("profiles-export-save");
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save " + r.name() + " as YAML");
            chooser.setInitialFileName(r.name() + ".yaml");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
            File file = chooser.showSaveDialog(pane.getScene() == null ? null : pane.getScene().getWindow());
            if (file != null) {
                vm.saveYaml(file.toPath(), yaml);
                close();
            }
        });
        Button done = new Button("Close");
        done.setId("profiles-export-close");
        done.setCancelButton(true);
        done.setOnAction(e -> close());
        show(card("Export " + r.name(), "Every version of the profile, as it is stored in " + r.cluster().name()
                + ". hybridpane profile apply -f takes this file as it is, so profiles can live in Git.", text,
                List.of(done, save, copy)));
    }

    /** Asks before deleting the chosen version; the answer runs {@link ProfilesViewModel#deleteVersion()}. */
    void confirmDelete() {
        ProfileRow r = vm.selectedProperty().get();
        ProfileVersion v = vm.detail().chosen().orElse(null);
        if (r == null || v == null) {
            return;
        }
        String refusal = vm.detail().deleteRefusalProperty().get();
        if (refusal != null) {
            vm.messageProperty().set(refusal);
            return;
        }
        Button cancel = new Button("Cancel");
        cancel.setId("profiles-delete-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        Button delete = new Button("Delete version " + v.number());
        delete.setId("profiles-delete-confirm");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> {
            close();
            vm.deleteVersion().ifPresent(vm.messageProperty()::set);
        });
        show(card("Delete version " + v.number() + " of " + r.name() + "?", "The version is removed from the "
                + "profile in " + r.cluster().name() + "; the other versions stay. No node pool uses it. This cannot be "
                + "undone, though its content can be saved again as a new version.", null, List.of(cancel, delete)));
    }

    private Node card(String title, String text, Node body, List<Button> buttons) {
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_3);
        Label line = new Label(text);
        line.getStyleClass().add(Styles.TEXT_MUTED);
        line.setWrapText(true);
        line.setMaxWidth(620);
        line.setMinHeight(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, new Spacer());
        row.getChildren().addAll(buttons);
        row.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(14, t, line);
        if (body != null) {
            card.getChildren().add(body);
        }
        card.getChildren().add(row);
        card.getStyleClass().add("profiles-modal");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
        StackPane frame = new StackPane(card);
        frame.setPadding(new Insets(24));
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return frame;
    }

    private void show(Node content) {
        pane.show(content);
    }

    void close() {
        pane.hide(true);
    }
}
