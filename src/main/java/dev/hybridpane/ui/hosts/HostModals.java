package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.ModalPane;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The Edge Hosts view's in-window modal (AtlantaFX {@link ModalPane}: a dimmed view behind one card), showing one
 * {@link HostModal} page at a time. Pages of one flow follow each other in the same card instead of stacking windows: a
 * page {@link #open opened} from another (a confirmation) goes back to it when it closes, and a prompt
 * {@link #offer offered} while a page is open (host keys after an import) waits, is announced on the open page, and
 * follows it.
 */
final class HostModals {
    private final ModalPane pane = new ModalPane();
    /** The open pages of the current flow, the shown one first. */
    private final Deque<HostModal> open = new ArrayDeque<>();
    /** Prompts that follow once the open pages close. */
    private final Deque<HostModal> waiting = new ArrayDeque<>();
    /** Titles of the pages this flow went through. */
    private final List<String> done = new ArrayList<>();

    HostModals() {
        pane.setId("hosts-modal-pane");
        // no transitions: a page that follows another replaces it at once, and a closed modal is gone at once
        pane.setInTransitionFactory(null);
        pane.setOutTransitionFactory(null);
        // a click beside the card must not throw a half-filled form away; Escape dismisses the page (HostModal)
        pane.setPersistent(true);
    }

    ModalPane pane() {
        return pane;
    }

    /** Shows a page now, over the shown one if any: closing it goes back to that one. */
    void open(HostModal page) {
        open.push(page);
        show(page);
    }

    /** Shows a page now when none is open, else after the open ones (the shown page says it comes next). */
    void offer(HostModal page) {
        if (open.isEmpty()) {
            open(page);
        } else {
            waiting.add(page);
            open.peek().announce(waiting.peek().title());
        }
    }

    /** Closes a page: the one beneath it shows again, else the next waiting one, else the modal goes. */
    void close(HostModal page) {
        if (!open.remove(page)) {
            waiting.remove(page);
            return;
        }
        if (!open.isEmpty()) {
            show(open.peek());
            return;
        }
        done.add(page.title());
        HostModal next = waiting.poll();
        if (next != null) {
            open(next);
        } else {
            done.clear();
            pane.hide(true);
        }
    }

    /** Whether a page is shown. */
    boolean isOpen() {
        return !open.isEmpty();
    }

    private void show(HostModal page) {
        // the steps before this page: the closed pages of this flow, then the open ones beneath it (deepest first)
        List<String> beneath = new ArrayList<>(open.stream().skip(1).map(HostModal::title).toList());
        Collections.reverse(beneath);
        List<String> before = new ArrayList<>(done);
        before.addAll(beneath);
        // a margin around the card, so that it never touches the window's edges
        StackPane frame = new StackPane(page);
        frame.setPadding(new Insets(24));
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        pane.show(frame);
        page.shown(this, before, waiting.isEmpty() ? null : waiting.peek().title());
    }
}
