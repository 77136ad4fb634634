package dev.hybridpane.ui.pools.day2;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The day-2 dialogs in an AtlantaFX {@link ModalPane} over the Node Pools view: whichever flow the view model opens
 * (upgrade, remove node, edit hosts, rotate, resume, SSM hygiene), and the confirmations (take over a stale lock;
 * clean up SSM registrations).
 */
public final class Day2Dialogs {
    private final ModalPane pane = new ModalPane();
    private final PoolDay2ViewModel vm;

    public Day2Dialogs(PoolDay2ViewModel vm) {
        this.vm = vm;
        pane.setId("day2-modal-pane");
        pane.setInTransitionFactory(null);
        pane.setOutTransitionFactory(null);
        pane.setPersistent(true);
        vm.openProperty().addListener((o, a, b) -> showOpen(b));
    }

    public ModalPane pane() {
        return pane;
    }

    private void showOpen(Object open) {
        Runnable close = vm::close;
        Node content;
        if (open instanceof UpgradeViewModel u) {
            content = UpgradePages.card(u, close);
        } else if (open instanceof RemoveNodeViewModel r) {
            content = RemoveNodePages.card(r, close);
        } else if (open instanceof EditHostsViewModel e) {
            content = MorePages.hosts(e, close);
        } else if (open instanceof RotateCertsViewModel r) {
            content = MorePages.rotate(r, close);
        } else if (open instanceof ResumeViewModel r) {
            content = new FlowCard(r, "day2-resume", "From its journal in the cluster: steps already done are observed "
                    + "and skipped, nothing is done twice.", new VBox(), new VBox(), "Resume", Styles.ACCENT, close);
        } else if (open instanceof SsmHygieneViewModel h) {
            content = frame(MorePages.hygiene(h, close, () -> confirmCleanUp(h)));
        } else {
            pane.hide(true);
            return;
        }
        pane.show(content);
    }

    /** Asks before taking over a stale lock; says the takeover is recorded as an Event. */
    public void confirmTakeOver() {
        String text = vm.takeOverConfirmation();
        if (text.isEmpty()) {
            return;
        }
        Button cancel = Day2Parts.button("Cancel", "day2-takeover-cancel", null);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> pane.hide(true));
        Button take = Day2Parts.button("Take over", "day2-takeover-confirm", Styles.DANGER);
        take.setOnAction(e -> {
            pane.hide(true);
            vm.takeOver();
        });
        pane.show(confirmCard("day2-takeover-card", "Take over the lock of " + vm.shownProperty().get().pool() + "?", text,
                List.of(cancel, take)));
        cancel.requestFocus();
    }

    private void confirmCleanUp(SsmHygieneViewModel h) {
        Node back = pane.getContent();
        Button cancel = Day2Parts.button("Cancel", "day2-ssm-clean-cancel", null);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> pane.show(back));
        Button go = Day2Parts.button("Clean up", "day2-ssm-clean-confirm", Styles.DANGER);
        go.setOnAction(e -> {
            pane.show(back);
            h.cleanUp();
        });
        pane.show(confirmCard("day2-ssm-confirm", "Clean up SSM registrations?", h.confirmation(), List.of(cancel, go)));
        cancel.requestFocus();
    }

    private Node confirmCard(String id, String title, String text, List<Button> buttons) {
        VBox card = new VBox(14, Day2Parts.head(title, text), Day2Parts.buttons(List.of(), buttons));
        card.setId(id);
        card.getStyleClass().add("profiles-modal");
        card.setPrefWidth(560);
        card.setMaxWidth(560);
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                buttons.get(0).fire();
            }
        });
        return frame(card);
    }

    private static Node frame(Node card) {
        StackPane frame = new StackPane(card);
        frame.setPadding(new Insets(24));
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return frame;
    }
}
