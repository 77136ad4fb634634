package dev.hybridpane.ui.hybrid;

import javafx.scene.layout.StackPane;

/** The layer over the window where the open wizard (if any) shows. */
public final class WizardHost extends StackPane {
    public WizardHost(HybridActions actions) {
        setPickOnBounds(false);
        getStyleClass().add("wizard-host");
        actions.openProperty().addListener((o, a, b) -> show(b));
        show(actions.openProperty().get());
    }

    private void show(WizardModel m) {
        if (m instanceof EnableHybridViewModel e) {
            getChildren().setAll(EnableHybridWizard.create(e));
        } else if (m instanceof ImportClusterViewModel i) {
            getChildren().setAll(ImportClusterWizard.create(i));
        } else {
            getChildren().clear();
        }
        setVisible(m != null);
    }
}
