package dev.hybridpane.domain.edge;

/** EdgeHost.status.phase. */
public enum HostPhase {
    AVAILABLE("Available", "available"),
    IN_POOL("InPool", "in pool"),
    UNREACHABLE("Unreachable", "unreachable"),
    INCOMPATIBLE("Incompatible", "incompatible"),
    UNKNOWN("Unknown", "not checked yet");

    private final String wire;
    private final String label;

    HostPhase(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public static HostPhase fromWire(String s) {
        for (HostPhase p : values()) {
            if (p.wire.equals(s)) {
                return p;
            }
        }
        return UNKNOWN;
    }
}
