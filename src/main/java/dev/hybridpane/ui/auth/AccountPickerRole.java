package dev.hybridpane.ui.auth;

import dev.hybridpane.core.SsoAccounts.AccountRole;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One account and role of the account picker, with its tick. The profile's own pair is shown ticked and cannot be
 * unticked: the fleet always reads the account the profile opens, with the profile's own credentials.
 */
public final class AccountPickerRole {
    private final AccountRole pair;
    private final boolean own;
    private final BooleanProperty picked = new SimpleBooleanProperty(this, "picked");

    AccountPickerRole(AccountRole pair, boolean own, boolean picked) {
        this.pair = pair;
        this.own = own;
        this.picked.set(own || picked);
    }

    public AccountRole pair() {
        return pair;
    }

    /** Whether this is the pair the profile itself signs in with. */
    public boolean own() {
        return own;
    }

    public BooleanProperty pickedProperty() {
        return picked;
    }
}
