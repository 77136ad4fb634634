package dev.hybridpane.ui.auth;

import java.util.List;

/**
 * One account of the account picker with its roles (those the filter keeps).
 *
 * @param own whether it is the account the profile itself opens
 */
public record AccountPickerGroup(String accountId, String accountName, boolean own, List<AccountPickerRole> roles) {
    public AccountPickerGroup {
        roles = List.copyOf(roles);
    }
}
