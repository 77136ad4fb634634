package dev.hybridpane.ui.hosts;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
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

    /**
     * The "Use ssh-agent" choice under a key file field, with the agent's status note: offered when the agent
     * answers (a choice already made can always be undone), and while chosen the key file controls are off and
     * their error is cleared. Starts a check of the agent. Returns the box to put in the form.
     */
    static VBox agentChoice(String idPrefix, CheckBox agent, HostEditViewModel vm, Label keyError, Node... keyControls) {
        agent.setId(idPrefix + "-use-agent");
        Label note = new Label();
        note.setId(idPrefix + "-agent-note");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.setMaxWidth(440);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.textProperty().bind(Bindings.createStringBinding(() -> vm.agentStatusProperty().get().note(),
                vm.agentStatusProperty()));
        Tooltip.install(note, new Tooltip("ssh-agent (SSH_AUTH_SOCK) signs the login for HybridPane: the private key "
                + "never leaves the agent. Add keys with ssh-add; this workstation remembers the choice per host."));
        agent.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !vm.agentStatusProperty().get().available() && !agent.isSelected(), vm.agentStatusProperty(),
                agent.selectedProperty()));
        for (Node n : keyControls) {
            n.disableProperty().bind(agent.selectedProperty());
        }
        agent.selectedProperty().addListener((o, was, is) -> keyError.setText(""));
        vm.checkAgent();
        return new VBox(4, agent, note);
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
