package dev.hybridpane.ui.auth;

import atlantafx.base.controls.ModalPane;
import javafx.scene.Node;

/**
 * The MFA card's layer of the main window: an AtlantaFX ModalPane that shows the card while the view model waits for a
 * code, and hides it once the user continued or cancelled (or the wait ended).
 */
public final class MfaPromptLayer {
    private final ModalPane modal = new ModalPane();
    private final MfaPromptViewModel vm;
    private MfaPromptView view;

    public MfaPromptLayer(MfaPromptViewModel vm) {
        this.vm = vm;
        modal.setId("mfa-modal-pane");
        // no transitions: the card is there at once, and gone at once
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.setPersistent(true);
        vm.openProperty().addListener((o, was, now) -> {
            if (now) {
                modal.show(view());
                view.focusCode();
            } else {
                modal.hide(true);
            }
        });
    }

    /** The card, made the first time it shows (after the window's theme). */
    private MfaPromptView view() {
        if (view == null) {
            view = new MfaPromptView(vm);
        }
        return view;
    }

    /** The layer to put over the window. */
    public Node node() {
        return modal;
    }
}
