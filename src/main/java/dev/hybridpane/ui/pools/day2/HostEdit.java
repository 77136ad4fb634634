package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostOption;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One host in "Edit hosts…": a member (kept while checked; unchecked, its node is drained and removed) or a free host
 * of the site (checked, it joins as in create); a host that is not offered cannot be checked and says why.
 */
public final class HostEdit {
    private final HostOption option;
    private final BooleanProperty chosen = new SimpleBooleanProperty(this, "chosen");

    HostEdit(HostOption option) {
        this.option = option;
        chosen.set(option.member());
    }

    public HostOption option() { return option; }
    public String host() { return option.host(); }
    public boolean member() { return option.member(); }
    /** Whether the box can change: members always (to remove), free hosts when offered. */
    public boolean editable() { return option.member() || option.offered(); }
    public BooleanProperty chosenProperty() { return chosen; }

    /** "joins", "leaves (node mi-0a drained and removed)", "member", "" and the reasons for a host not offered. */
    public String changeText() {
        if (option.member()) {
            return chosen.get() ? "member" + (option.node() == null || option.node().isEmpty() ? "" : " · node "
                    + option.node()) : "leaves: node " + (option.node() == null || option.node().isEmpty() ? "(none)"
                    : option.node()) + " drained and removed";
        }
        if (!option.offered()) {
            return String.join(" ", option.reasons());
        }
        return chosen.get() ? "joins the pool" : "free";
    }
}
