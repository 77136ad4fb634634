package dev.hybridpane.domain.edge;

/** How the SSH user becomes root. The password itself is never part of any stored record. */
public enum SudoMode {
    NONE("none", "No sudo (user is root)"),
    PASSWORDLESS("passwordless", "sudo without a password"),
    PASSWORD("password", "sudo with a password (asked, kept in memory)");

    private final String wire;
    private final String label;

    SudoMode(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    /** The value kept in EdgeHost.spec.sudo. */
    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public static SudoMode fromWire(String s) {
        for (SudoMode m : values()) {
            if (m.wire.equalsIgnoreCase(s == null ? "" : s.strip())) {
                return m;
            }
        }
        return PASSWORDLESS;
    }

    @Override
    public String toString() {
        return label;
    }
}
