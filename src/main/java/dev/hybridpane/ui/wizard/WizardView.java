package dev.hybridpane.ui.wizard;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Any {@link Wizard} as a card: its steps on the left (done ticked, current highlighted), the current step's page on
 * the right (made the first time the step shows), and Cancel / Back / Next. Next is bound to the wizard's canNext,
 * which is the current step's own validity. {@link #modal} shows whichever wizard is open over the window.
 */
public final class WizardView extends HBox {
    private final Wizard wizard;
    private final VBox stepList = new VBox(2);
    private final StackPane body = new StackPane();
    private final Map<WizardStep, Node> pages = new HashMap<>();

    public WizardView(Wizard wizard) {
        this.wizard = wizard;
        String id = wizard.id();
        setId(id);
        Label title = new Label(wizard.title());
        title.getStyleClass().add("wizard-title");
        Label subtitle = new Label();
        subtitle.getStyleClass().add("wizard-subtitle");
        subtitle.textProperty().bind(wizard.subtitleProperty());
        VBox side = new VBox(14, new VBox(2, title, subtitle), stepList);
        side.getStyleClass().add("wizard-steps");

        Label stepTitle = new Label();
        stepTitle.getStyleClass().add("wizard-step-title");
        stepTitle.textProperty().bind(Bindings.createStringBinding(() -> wizard.currentProperty().get().title(),
                wizard.currentProperty()));
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        Label busy = new Label();
        busy.setGraphic(spin);
        busy.getStyleClass().add(Styles.TEXT_MUTED);
        busy.textProperty().bind(wizard.busyProperty());
        busy.visibleProperty().bind(Bindings.isNotEmpty(wizard.busyProperty()));
        HBox head = new HBox(12, stepTitle, new Spacer(), busy);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("wizard-head");

        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        body.getStyleClass().add("wizard-body");

        Button cancel = new Button("Cancel");
        cancel.setId(id + "-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> wizard.close());
        Button back = new Button("Back", Widgets.icon(Feather.CHEVRON_LEFT, null));
        back.setId(id + "-back");
        back.disableProperty().bind(Bindings.not(wizard.canBackProperty()));
        back.setOnAction(e -> wizard.back());
        Button next = new Button();
        next.setId(id + "-next");
        next.getStyleClass().add(Styles.ACCENT);
        next.setDefaultButton(true);
        next.textProperty().bind(wizard.nextTextProperty());
        next.disableProperty().bind(Bindings.not(wizard.canNextProperty()));
        next.setOnAction(e -> wizard.next());
        HBox foot = new HBox(8, cancel, new Spacer(), back, next);
        foot.setAlignment(Pos.CENTER_RIGHT);
        foot.getStyleClass().add("wizard-foot");

        BorderPane main = new BorderPane(scroll, head, null, foot, null);
        main.getStyleClass().add("wizard-main");
        HBox.setHgrow(main, Priority.ALWAYS);
        getChildren().addAll(side, main);
        getStyleClass().add("wizard-card");
        setMaxSize(1080, 760);
        setPrefSize(1080, 760);

        wizard.currentProperty().addListener((o, a, b) -> showStep());
        showStep();
    }

    /**
     * The in-window modal (a dimmed background over the whole window) that shows the open wizard, if any. Add it
     * on top of the window's root StackPane. Clicking beside the card or Escape outside it does not close it:
     * Cancel does, so a running operation is always stopped first.
     */
    public static ModalPane modal(ObservableValue<? extends Wizard> open) {
        ModalPane modal = new ModalPane();
        modal.setId("wizard-modal");
        modal.setPersistent(true);
        // no zoom in or out: the card is there (and clickable) at once, and gone at once
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        open.addListener((o, a, b) -> show(modal, b));
        show(modal, open.getValue());
        return modal;
    }

    private static void show(ModalPane modal, Wizard wizard) {
        if (wizard == null) {
            modal.hide(true);
        } else {
            // the margin around the card belongs to the dimmed background, which covers the whole window
            StackPane margin = new StackPane(new WizardView(wizard));
            margin.setPadding(new Insets(24));
            modal.show(margin);
        }
    }

    private void showStep() {
        WizardStep current = wizard.currentProperty().get();
        List<WizardStep> steps = wizard.steps();
        int at = steps.indexOf(current);
        stepList.getChildren().clear();
        for (int i = 0; i < steps.size(); i++) {
            Label n = new Label(i < at ? "" : String.valueOf(i + 1));
            n.getStyleClass().add("wizard-step-number");
            if (i < at) {
                n.setGraphic(Widgets.icon(Feather.CHECK, null));
            }
            Label t = new Label(steps.get(i).title());
            HBox row = new HBox(10, n, t);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("wizard-step", i == at ? "wizard-step-current" : i < at ? "wizard-step-done"
                    : "wizard-step-next");
            stepList.getChildren().add(row);
        }
        body.getChildren().setAll(pages.computeIfAbsent(current, s -> s.page().get()));
    }

    public Wizard wizard() {
        return wizard;
    }
}
