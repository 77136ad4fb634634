package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Tile;
import javafx.beans.binding.Bindings;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Shared pieces of the Edge Hosts forms: the ssh-agent choice, and fields with an inline error under them. */
final class HostDialogs {
    private HostDialogs() {
    }

    /**
     * The "Use ssh-agent" choice under a key file field, with the agent's status as its description: offered when the
     * agent answers (a choice already made can always be undone), and while chosen the key file controls are off and
     * their error is cleared. Starts a check of the agent. Returns the row to put in the form.
     */
    static Tile agentChoice(String idPrefix, CheckBox agent, HostEditViewModel vm, Label keyError, Node... keyControls) {
        agent.setId(idPrefix + "-use-agent");
        Tile tile = new Tile("Use ssh-agent", null);
        tile.setId(idPrefix + "-agent-note");
        tile.getStyleClass().add("hosts-agent-choice");
        tile.setAction(agent);
        tile.setMaxWidth(440);
        tile.descriptionProperty().bind(Bindings.createStringBinding(() -> vm.agentStatusProperty().get().note(),
                vm.agentStatusProperty()));
        Tooltip.install(tile, new Tooltip("ssh-agent (SSH_AUTH_SOCK) signs the login for HybridPane: the private key "
                + "never leaves the agent. Add keys with ssh-add; this workstation remembers the choice per host."));
        agent.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !vm.agentStatusProperty().get().available() && !agent.isSelected(), vm.agentStatusProperty(),
                agent.selectedProperty()));
        for (Node n : keyControls) {
            n.disableProperty().bind(agent.selectedProperty());
        }
        agent.selectedProperty().addListener((o, was, is) -> keyError.setText(""));
        vm.checkAgent();
        return tile;
    }

    /** An error label under a field: hidden (and taking no room) while empty. */
    static Label errorLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMaxWidth(440);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.managedProperty().bind(l.visibleProperty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /** Adds "label / field + error" as a row of a two-column form. */
    static void row(GridPane g, int row, String label, Node field, Label error) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(field);
        GridPane.setValignment(l, VPos.TOP);
        g.add(l, 0, row);
        VBox box = new VBox(3, field);
        if (error != null) {
            box.getChildren().add(error);
        }
        g.add(box, 1, row);
    }

    static GridPane form() {
        GridPane g = new GridPane();
        g.getStyleClass().add("hosts-form");
        g.setHgap(12);
        g.setVgap(10);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        c1.setPrefWidth(440);
        g.getColumnConstraints().addAll(c0, c1);
        return g;
    }
}
