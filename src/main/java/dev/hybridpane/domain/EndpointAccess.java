package dev.hybridpane.domain;

/** Which endpoints the cluster's API server exposes. */
public enum EndpointAccess {
    PUBLIC("Public"), PRIVATE("Private"), PUBLIC_AND_PRIVATE("Public and private");

    private final String label;

    EndpointAccess(String label) {
        this.label = label;
    }

    public static EndpointAccess of(boolean publicAccess, boolean privateAccess) {
        if (publicAccess && privateAccess) {
            return PUBLIC_AND_PRIVATE;
        }
        return privateAccess ? PRIVATE : PUBLIC;
    }

    public String label() {
        return label;
    }
}
