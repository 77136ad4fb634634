package dev.hybridpane.ui.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What the window can do about a credential problem, beyond telling it: signing in to AWS SSO inside HybridPane. The
 * composition root gives the implementation; without one ({@link #NONE}) the banner offers no sign-in button, only the
 * command to run.
 */
public interface CredentialActions {
    /** No sign-in inside the window. */
    CredentialActions NONE = new CredentialActions() {
        @Override
        public void signIn(String profile) {
            // nothing to do: offersSignIn() is false, so no button calls this
        }

        @Override
        public boolean offersSignIn() {
            return false;
        }
    };

    /** Starts signing in to AWS SSO for the profile (called on the FX thread; the work goes off it). */
    void signIn(String profile);

    /** Whether {@link #signIn} does anything, so that the window offers it. */
    default boolean offersSignIn() {
        return true;
    }

    /** Whether the profile shown may pick AWS accounts and roles (it signs in through AWS SSO); never, by default. */
    default ReadOnlyBooleanProperty accountsOffered() {
        return new ReadOnlyBooleanWrapper(false).getReadOnlyProperty();
    }

    /** Opens the account picker for the profile shown (on the FX thread); nothing, by default. */
    default void pickAccounts() {
        // no account picker: accountsOffered() is false, so nothing offers this
    }
}
