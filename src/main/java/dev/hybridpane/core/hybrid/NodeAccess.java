package dev.hybridpane.core.hybrid;

/** How hybrid nodes are admitted to the cluster. */
public enum NodeAccess {
    ACCESS_ENTRY("Access entry (HYBRID_LINUX)"), AWS_AUTH("aws-auth ConfigMap mapRoles");

    private final String label;

    NodeAccess(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
