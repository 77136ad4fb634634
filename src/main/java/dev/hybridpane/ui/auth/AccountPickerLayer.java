package dev.hybridpane.ui.auth;

import atlantafx.base.controls.ModalPane;
import dev.hybridpane.ui.shell.CredentialActions;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

/**
 * Picking AWS accounts inside the window: the top bar's "Accounts…" and the command palette open the account picker's
 * card in this layer's ModalPane (a layer of the main window). It is also the window's {@link CredentialActions}:
 * signing in is the sign-in layer's, which the card's failure offers too.
 */
public final class AccountPickerLayer implements CredentialActions {
    private final AccountPickerViewModel vm;
    private final CredentialActions signIn;
    private final ModalPane modal = new ModalPane();

    /** @param signIn signs in to AWS SSO (the sign-in layer) */
    public AccountPickerLayer(AccountPickerViewModel vm, CredentialActions signIn) {
        this.vm = vm;
        this.signIn = signIn;
        modal.setId("account-picker-modal-pane");
        // no transitions: the card is there at once, and gone at once
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.setPersistent(true);
    }

    @Override
    public void pickAccounts() {
        modal.show(new AccountPickerView(vm, signIn, this::close));
        vm.open();
    }

    @Override
    public ReadOnlyBooleanProperty accountsOffered() {
        return vm.offeredProperty();
    }

    @Override
    public void signIn(String profile) {
        signIn.signIn(profile);
    }

    @Override
    public boolean offersSignIn() {
        return signIn.offersSignIn();
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
