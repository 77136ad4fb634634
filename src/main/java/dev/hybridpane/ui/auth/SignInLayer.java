package dev.hybridpane.ui.auth;

import atlantafx.base.controls.ModalPane;
import dev.hybridpane.ui.shell.CredentialActions;
import javafx.scene.Node;

/**
 * Signing in to AWS SSO inside the window: the credential banner's "Sign in…" opens the sign-in card in this layer's
 * ModalPane (a layer of the main window) and starts the device flow; Close hides it, and a sign-in still waiting is
 * cancelled with it.
 */
public final class SignInLayer implements CredentialActions {
    private final SignInViewModel vm;
    private final ModalPane modal = new ModalPane();

    public SignInLayer(SignInViewModel vm) {
        this.vm = vm;
        modal.setId("sign-in-modal-pane");
        // no transitions: the card is there at once, and gone at once
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.setPersistent(true);
    }

    @Override
    public void signIn(String profile) {
        modal.show(new SignInView(vm, this::close));
        vm.start(profile);
    }

    private void close() {
        vm.cancel();
        modal.hide(true);
    }

    /** The layer to put over the window. */
    public Node node() {
        return modal;
    }
}
