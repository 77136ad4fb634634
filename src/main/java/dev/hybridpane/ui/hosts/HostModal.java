package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One page of the Edge Hosts view's in-window modal ({@link HostModals}): the steps of the flow before it, a title, a
 * line under it, the body, and the buttons along the bottom. A page is either answered (its own button closes it) or
 * dismissed (Cancel, Close, Escape), which runs its {@link #setOnDismiss dismissal}, as closing a dialog window did.
 */
class HostModal extends VBox {
    private final String title;
    private final Label trail = new Label();
    private final Label header = new Label();
    private final Button proceed = new Button("Continue");
    private final HBox nextRow = new HBox(10, proceed);
    private final VBox body = new VBox();
    private final HBox buttons = new HBox(8, new Spacer());
    private Runnable onDismiss = () -> { };
    private HostModals modals;
    private Node focus;

    HostModal(String styleClass, String title, String header) {
        this.title = title;
        getStyleClass().addAll("hosts-modal", styleClass);
        setSpacing(14);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        trail.setId("hosts-modal-trail");
        trail.getStyleClass().addAll("hosts-modal-trail", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        trail.managedProperty().bind(trail.visibleProperty());
        trail.visibleProperty().bind(trail.textProperty().isNotEmpty());
        Label t = new Label(title);
        t.getStyleClass().addAll("hosts-modal-title", Styles.TITLE_3);
        this.header.getStyleClass().addAll("hosts-modal-header", Styles.TEXT_MUTED);
        this.header.setWrapText(true);
        this.header.setMinHeight(Region.USE_PREF_SIZE);
        this.header.managedProperty().bind(this.header.visibleProperty());
        this.header.visibleProperty().bind(this.header.textProperty().isNotEmpty());
        setHeader(header);
        proceed.setId("hosts-modal-continue");
        proceed.getStyleClass().add(Styles.ACCENT);
        proceed.setMinWidth(Region.USE_PREF_SIZE);
        proceed.setOnAction(e -> dismiss());
        nextRow.setId("hosts-modal-next");
        nextRow.setAlignment(Pos.CENTER_LEFT);
        nextRow.managedProperty().bind(nextRow.visibleProperty());
        nextRow.setVisible(false);
        body.getStyleClass().add("hosts-modal-body");
        buttons.getStyleClass().add("hosts-modal-buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(new VBox(2, trail, t, this.header), nextRow, body, buttons);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                dismiss();
            }
        });
    }

    String title() {
        return title;
    }

    final void setHeader(String text) {
        header.setText(text == null ? "" : text);
    }

    final void setBody(Node content) {
        body.getChildren().setAll(content);
    }

    /** An answer: the action decides whether the page closes ({@link #close()}). */
    final Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        buttons.getChildren().add(b);
        return b;
    }

    /** The button that leaves the page without an answer (runs the dismissal). */
    final Button dismissButton(String text, String id) {
        Button b = button(text, id, this::dismiss);
        b.getStyleClass().add("hosts-modal-dismiss");
        return b;
    }

    /** What leaving the page without an answer means (reject the keys, give no password...). */
    final void setOnDismiss(Runnable action) {
        onDismiss = action;
    }

    /** The node that takes the keyboard when the page shows (else the default button). */
    final void setFocus(Node node) {
        focus = node;
    }

    /** Leaves the page without an answer: closes it, then runs its dismissal. */
    void dismiss() {
        Runnable r = onDismiss;
        onDismiss = () -> { };
        close();
        r.run();
    }

    /** Closes the page (after an answer): the flow goes on with the page before it or the next one waiting. */
    void close() {
        if (modals != null) {
            modals.close(this);
        }
    }

    /** Called as the page shows: its place in the flow, and what waits after it. */
    void shown(HostModals host, List<String> before, String waiting) {
        modals = host;
        trail.setText(before.isEmpty() ? "" : String.join("  ›  ", before) + "  ›");
        announce(waiting);
        Node f = focus != null ? focus
                : buttons.getChildren().stream().filter(n -> n instanceof Button b && b.isDefaultButton()).findFirst()
                        .orElse(null);
        if (f != null) {
            f.requestFocus();
        }
    }

    /** Says which page comes when this one closes (null: none). */
    void announce(String waiting) {
        nextRow.setVisible(waiting != null);
        if (waiting != null) {
            // a new notice each time: AtlantaFX 2.0.1's Message shows its description as the title when the title changes
            Message next = new Message("Next: " + waiting, "It opens when you close this page.");
            next.getStyleClass().add(Styles.ACCENT);
            next.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(next, Priority.ALWAYS);
            nextRow.getChildren().setAll(next, proceed);
        }
    }
}
