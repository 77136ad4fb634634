package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
/**
 * How a profile's OS layer reaches the host. AGENT: the host keeps its own OS and the profile lists what to
 * ensure on it. APPLIANCE: the host is built from a provider image made for nodeadm.
 */
public enum OsMode {
    AGENT("agent"), APPLIANCE("appliance");

    private final String id;

    OsMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static OsMode parse(String s) {
        String v = s == null ? "" : s.strip();
        for (OsMode m : values()) {
            if (m.id.equalsIgnoreCase(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown OS mode " + Shown.quoted(s) + " (use agent or appliance)");
    }
}
