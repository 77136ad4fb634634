package dev.hybridpane.domain;

/** Label keys the console reads and writes on Kubernetes nodes. */
public final class NodeLabels {
    /** Set by nodeadm on hybrid nodes. */
    public static final String COMPUTE_TYPE = ComputeType.LABEL;
    /** ssm or iam-ra, set by nodeadm. */
    public static final String CREDENTIAL_PROVIDER = "eks.amazonaws.com/hybrid-credential-provider";
    /** HybridPane's pool membership (a label until pools become custom resources). */
    public static final String POOL = "hybridpane.dev/pool";
    /** HybridPane's site membership. */
    public static final String SITE = "hybridpane.dev/site";
    /** The cluster profile a HybridPane pool's node was made from, and its version (a number). */
    public static final String PROFILE = "hybridpane.dev/profile";
    public static final String PROFILE_VERSION = "hybridpane.dev/profile-version";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    private NodeLabels() {
    }
}
