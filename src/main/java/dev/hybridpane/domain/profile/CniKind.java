package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
/** The CNI that runs on the hybrid nodes: Cilium (AWS-supported), Calico, or one the administrator brings. */
public enum CniKind {
    CILIUM("cilium", "Cilium"), CALICO("calico", "Calico"), CUSTOM("custom", "Custom CNI");

    private final String id;
    private final String label;

    CniKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static CniKind parse(String s) {
        String v = s == null ? "" : s.strip();
        for (CniKind c : values()) {
            if (c.id.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown CNI " + Shown.quoted(s) + " (use cilium, calico or custom)");
    }
}
