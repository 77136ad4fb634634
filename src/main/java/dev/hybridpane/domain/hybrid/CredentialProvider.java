package dev.hybridpane.domain.hybrid;

/** How hybrid nodes get AWS credentials: SSM hybrid activations or IAM Roles Anywhere. */
public enum CredentialProvider {
    SSM("ssm", "SSM hybrid activations"), IAM_RA("iam-ra", "IAM Roles Anywhere");

    private final String id;
    private final String label;

    CredentialProvider(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** As nodeadm spells it: ssm or iam-ra. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static CredentialProvider parse(String s) {
        for (CredentialProvider p : values()) {
            if (p.id.equalsIgnoreCase(s == null ? "" : s.strip()) || p.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown credential provider '" + s + "' (use ssm or iam-ra)");
    }
}
