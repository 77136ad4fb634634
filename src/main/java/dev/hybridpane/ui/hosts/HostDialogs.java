package dev.hybridpane.ui.hosts;

import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Shared pieces of the Edge Hosts dialogs: owner, stylesheet, and fields with an inline error under them. */
final class HostDialogs {
    static final String STYLESHEET = "/dev/hybridpane/ui/app.css";

    private HostDialogs() {
    }

    static void prepare(Dialog<?> d, Node owner, String title, String styleClass) {
        Window w = owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
        if (w != null) {
            d.initOwner(w);
        }
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(title);
        d.setResizable(true);
        d.getDialogPane().getStylesheets().add(HostDialogs.class.getResource(STYLESHEET).toExternalForm());
        d.getDialogPane().getStyleClass().addAll("hosts-dialog", styleClass);
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot() != null) {
            boolean dark = owner.getScene().getRoot().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("dark"));
            d.getDialogPane().pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        }
    }

    /** An error label under a field: hidden (and taking no room) while empty. */
    static Label errorLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMaxWidth(440);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.managedProperty().bind(l.visibleProperty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /** Adds "label / field + error" as a row of a two-column form. */
    static void row(GridPane g, int row, String label, Node field, Label error) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(field);
        javafx.scene.layout.GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        g.add(l, 0, row);
        VBox box = new VBox(3, field);
        if (error != null) {
            box.getChildren().add(error);
        }
        g.add(box, 1, row);
    }

    /** Grows the dialog's window to fit its content after error lines appeared or went. */
    static void fit(Dialog<?> d) {
        javafx.application.Platform.runLater(() -> {
            if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                d.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    static GridPane form() {
        GridPane g = new GridPane();
        g.getStyleClass().add("hosts-form");
        g.setHgap(12);
        g.setVgap(10);
        javafx.scene.layout.ColumnConstraints c0 = new javafx.scene.layout.ColumnConstraints();
        c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        c1.setFillWidth(true);
        c1.setPrefWidth(440);
        g.getColumnConstraints().addAll(c0, c1);
        return g;
    }
}
