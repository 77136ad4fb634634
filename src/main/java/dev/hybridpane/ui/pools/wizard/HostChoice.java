package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One edge host of the pool's site as the Hosts step offers it: what it is (OS, architecture, node IP), the results
 * of its last checks, and why it is not offered (in another pool, incompatible with the profile or the architecture,
 * never probed…) or what is worth knowing (warnings). An offered host can be chosen and given a VPN server IP.
 */
public final class HostChoice {
    private final EdgeHostSpec spec;
    private final HostFacts facts;
    private final List<Check> checks;
    private final List<String> blocked;
    private final List<String> warnings;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");
    private final StringProperty vpn = new SimpleStringProperty(this, "vpn", "");
    private final ReadOnlyStringWrapper vpnError = new ReadOnlyStringWrapper(this, "vpnError");

    HostChoice(EdgeHostSpec spec, HostFacts facts, List<Check> checks, List<String> blocked, List<String> warnings) {
        this.spec = spec;
        this.facts = facts;
        this.checks = List.copyOf(checks);
        this.blocked = List.copyOf(blocked);
        this.warnings = List.copyOf(warnings);
    }

    public String name() {
        return spec.name();
    }

    public EdgeHostSpec spec() {
        return spec;
    }

    /** Whether the host can join this pool (no blocking reason). */
    public boolean offered() {
        return blocked.isEmpty();
    }

    /** Why the host is not offered, one sentence each; empty when it is. */
    public List<String> blocked() {
        return blocked;
    }

    public List<String> warnings() {
        return warnings;
    }

    public List<Check> checks() {
        return checks;
    }

    /** "ubuntu 22.04 · x86_64" or "not probed". */
    public String system() {
        if (facts == null) {
            return "not probed";
        }
        return facts.osId() + " " + facts.osVersion() + " · " + (facts.arch() == null ? "?" : facts.arch());
    }

    /** The node IP the checks found, else the SSH address. */
    public String address() {
        return facts != null && facts.nodeIp() != null ? facts.nodeIp() : spec.address();
    }

    /** "15/17 passed" over the last checks ("not checked" before any). */
    public String checkSummary() {
        if (checks.isEmpty()) {
            return "not checked";
        }
        return checks.stream().filter(c -> c.status() == CheckStatus.PASS).count() + "/" + checks.size() + " passed";
    }

    /** Every check and every reason, one a line: what hovering the host shows. */
    public String details() {
        StringBuilder b = new StringBuilder();
        if (!blocked.isEmpty()) {
            b.append("Not offered:\n").append(blocked.stream().map(s -> "  • " + s).collect(Collectors.joining("\n")))
                    .append("\n");
        }
        if (!warnings.isEmpty()) {
            b.append("Warnings:\n").append(warnings.stream().map(s -> "  • " + s).collect(Collectors.joining("\n")))
                    .append("\n");
        }
        if (!checks.isEmpty()) {
            b.append("Checks:\n").append(checks.stream().map(c -> "  " + c.status() + "  " + c.title()
                    + (c.reason() == null || c.reason().isEmpty() ? "" : ": " + c.reason())).collect(Collectors.joining("\n")));
        }
        return b.toString().stripTrailing();
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    /** The VPN server IP typed for this host ("" for none). */
    public StringProperty vpnProperty() {
        return vpn;
    }

    public ReadOnlyStringProperty vpnErrorProperty() {
        return vpnError.getReadOnlyProperty();
    }

    void vpnError(String text) {
        vpnError.set(text);
    }

    public String vpnServerIp() {
        return vpn.get() == null ? "" : vpn.get().strip();
    }
}
