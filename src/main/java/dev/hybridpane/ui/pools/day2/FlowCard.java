package dev.hybridpane.ui.pools.day2;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.wizard.FormParts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One day-2 dialog card (shown in the detail's ModalPane): its head, then by phase its choices (Review plan), core's
 * plan (Back, and the explicit approval button), or its run (Pause / Resume / Cancel, which act at a node boundary;
 * Close once it ended). Escape closes it unless a run goes on.
 */
final class FlowCard extends StackPane {
    FlowCard(Day2Flow flow, String id, String subtitle, Node choose, Node review, String approveText,
            String approveStyle, Runnable close) {
        setId(id);
        VBox body = new VBox(14);
        Label waiting = new Label("Reading the plan…", new ProgressIndicator());
        ((ProgressIndicator) waiting.getGraphic()).setPrefSize(16, 16);
        waiting.getStyleClass().add(Styles.TEXT_MUTED);
        waiting.visibleProperty().bind(flow.busyProperty());
        waiting.managedProperty().bind(waiting.visibleProperty());
        var error = FormParts.errorMessage(Day2Parts.orNull(flow.errorProperty()));
        error.setId(id + "-error");
        RunPane run = new RunPane(flow.run(), id);
        VBox.setVgrow(run, Priority.ALWAYS);

        Button closeButton = Day2Parts.button("Close", id + "-close", null);
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        closeButton.disableProperty().bind(flow.run().runningProperty());
        Button reviewButton = Day2Parts.button("Review plan", id + "-review", Styles.ACCENT);
        reviewButton.setDefaultButton(true);
        reviewButton.disableProperty().bind(flow.busyProperty().or(flow.choicesValid().not()));
        reviewButton.setOnAction(e -> flow.review());
        Button back = Day2Parts.button("Back", id + "-back", null);
        back.setOnAction(e -> flow.back());
        Button approve = Day2Parts.button(approveText, id + "-approve", approveStyle);
        approve.setOnAction(e -> flow.approve());
        Button pause = Day2Parts.button("Pause", id + "-pause", null);
        pause.setOnAction(e -> flow.run().pause());
        pause.disableProperty().bind(flow.run().runningProperty().not().or(flow.run().pauseAskedProperty()));
        Button resume = Day2Parts.button("Resume", id + "-resume", Styles.ACCENT);
        resume.setOnAction(e -> flow.run().resume());
        resume.disableProperty().bind(flow.run().runningProperty().not().or(flow.run().pauseAskedProperty().not()));
        for (Button b : List.of(pause, resume)) {
            b.visibleProperty().bind(flow.run().pausableProperty());
            b.managedProperty().bind(b.visibleProperty());
        }
        Button cancel = Day2Parts.button("Cancel run", id + "-cancel", Styles.DANGER);
        cancel.setOnAction(e -> flow.run().cancel());
        cancel.disableProperty().bind(flow.run().runningProperty().not());
        Button retry = Day2Parts.button("Retry", id + "-retry", null);
        retry.setOnAction(e -> flow.approve());
        Label boundary = new Label("Pause and Cancel take effect at a node boundary: the node being worked on finishes first.");
        boundary.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        boundary.setWrapText(true);
        boundary.visibleProperty().bind(flow.run().pausableProperty());
        boundary.managedProperty().bind(boundary.visibleProperty());

        VBox head = Day2Parts.head(flow.title(), subtitle);
        Runnable show = () -> {
            Node content;
            Node row;
            switch (flow.phaseProperty().get()) {
                case CHOOSE -> {
                    content = choose;
                    row = Day2Parts.buttons(List.of(waiting), List.of(closeButton, reviewButton));
                }
                case REVIEW -> {
                    content = review;
                    row = Day2Parts.buttons(List.of(), List.of(closeButton, back, approve));
                    approve.requestFocus();
                }
                default -> {
                    content = run;
                    retry.visibleProperty().bind(Bindings.createBooleanBinding(flow::retryable,
                            flow.run().runningProperty(), flow.run().statusProperty()));
                    retry.managedProperty().bind(retry.visibleProperty());
                    row = Day2Parts.buttons(List.of(boundary), List.of(pause, resume, cancel, retry, closeButton));
                }
            }
            ScrollPane scroll = new ScrollPane(content);
            scroll.setFitToWidth(true);
            scroll.setFitToHeight(content == run);
            scroll.getStyleClass().add("edge-to-edge");
            VBox.setVgrow(scroll, Priority.ALWAYS);
            body.getChildren().setAll(head, error, scroll, row);
        };
        flow.phaseProperty().addListener((o, a, b) -> show.run());
        show.run();
        body.getStyleClass().add("profiles-modal");
        body.setPrefWidth(860);
        body.setMaxWidth(860);
        body.setPrefHeight(640);
        body.setMaxHeight(Region.USE_PREF_SIZE);
        body.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !flow.run().runningProperty().get()) {
                e.consume();
                close.run();
            }
        });
        getChildren().add(body);
        setPadding(new Insets(24));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }
}
