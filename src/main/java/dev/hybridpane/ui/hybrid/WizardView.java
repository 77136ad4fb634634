package dev.hybridpane.ui.hybrid;

import dev.hybridpane.ui.common.Widgets;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The wizard sheet over the main window: the steps on the left (done ticked, current highlighted), the current
 * step's content on the right, and Cancel / Back / Next. Next is bound to the model's canNext.
 */
public final class WizardView extends StackPane {
    private final WizardModel model;
    private final List<Node> pages;
    private final VBox stepList = new VBox(2);
    private final StackPane body = new StackPane();

    public WizardView(WizardModel model, List<Node> pages, String id) {
        this.model = model;
        this.pages = pages;
        setId(id);
        getStyleClass().add("wizard-scrim");
        Label title = new Label(model.title());
        title.getStyleClass().add("wizard-title");
        Label subtitle = new Label();
        subtitle.getStyleClass().add("wizard-subtitle");
        subtitle.textProperty().bind(model.subtitleProperty());
        VBox side = new VBox(14, new VBox(2, title, subtitle), stepList);
        side.getStyleClass().add("wizard-steps");

        Label stepTitle = new Label();
        stepTitle.getStyleClass().add("wizard-step-title");
        stepTitle.textProperty().bind(Bindings.createStringBinding(() -> model.stepTitles().get(model.stepProperty().get()),
                model.stepProperty()));
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        Label busy = new Label();
        busy.setGraphic(spin);
        busy.getStyleClass().add("muted");
        busy.textProperty().bind(model.busyProperty());
        busy.visibleProperty().bind(Bindings.isNotEmpty(model.busyProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(12, stepTitle, grow, busy);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("wizard-head");

        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        body.getStyleClass().add("wizard-body");

        Button cancel = new Button("Cancel");
        cancel.setId(id + "-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.close());
        Button back = new Button("Back", Widgets.icon(Feather.CHEVRON_LEFT, null));
        back.setId(id + "-back");
        back.disableProperty().bind(Bindings.not(model.canBackProperty()));
        back.setOnAction(e -> model.back());
        Button next = new Button();
        next.setId(id + "-next");
        next.getStyleClass().add("accent");
        next.setDefaultButton(true);
        next.textProperty().bind(model.nextTextProperty());
        next.disableProperty().bind(Bindings.not(model.canNextProperty()));
        next.setOnAction(e -> model.next());
        Region fill = new Region();
        HBox.setHgrow(fill, Priority.ALWAYS);
        HBox foot = new HBox(8, cancel, fill, back, next);
        foot.setAlignment(Pos.CENTER_RIGHT);
        foot.getStyleClass().add("wizard-foot");

        BorderPane main = new BorderPane(scroll, head, null, foot, null);
        main.getStyleClass().add("wizard-main");
        HBox.setHgrow(main, Priority.ALWAYS);
        HBox card = new HBox(side, main);
        card.getStyleClass().add("wizard-card");
        card.setMaxSize(1080, 760);
        card.setPrefSize(1080, 760);
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);

        model.stepProperty().addListener((o, a, b) -> showStep());
        showStep();
    }

    private void showStep() {
        int current = model.stepProperty().get();
        stepList.getChildren().clear();
        List<String> titles = model.stepTitles();
        for (int i = 0; i < titles.size(); i++) {
            Label n = new Label(i < current ? "" : String.valueOf(i + 1));
            n.getStyleClass().add("wizard-step-number");
            if (i < current) {
                n.setGraphic(Widgets.icon(Feather.CHECK, null));
            }
            Label t = new Label(titles.get(i));
            HBox row = new HBox(10, n, t);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("wizard-step", i == current ? "wizard-step-current" : i < current ? "wizard-step-done"
                    : "wizard-step-next");
            stepList.getChildren().add(row);
        }
        body.getChildren().setAll(pages.get(current));
    }

    public WizardModel model() {
        return model;
    }
}
