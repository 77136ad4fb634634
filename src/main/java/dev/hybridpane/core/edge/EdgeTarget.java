package dev.hybridpane.core.edge;

import dev.hybridpane.domain.edge.EdgeHostSpec;

/**
 * One host to reach: what the inventory says, the identity this workstation uses for it, and the sudo
 * password when the host needs one (memory only; hidden from {@link #toString()}).
 */
public final class EdgeTarget {
    private final EdgeHostSpec spec;
    private final SshIdentity identity;
    private final char[] sudoPassword;

    public EdgeTarget(EdgeHostSpec spec, SshIdentity identity, char[] sudoPassword) {
        this.spec = spec;
        this.identity = identity;
        this.sudoPassword = sudoPassword == null ? null : sudoPassword.clone();
    }

    public EdgeHostSpec spec() {
        return spec;
    }

    public SshIdentity identity() {
        return identity;
    }

    /** A copy of the sudo password, or null. */
    public char[] sudoPassword() {
        return sudoPassword == null ? null : sudoPassword.clone();
    }

    @Override
    public String toString() {
        return "EdgeTarget[" + spec.name() + " " + spec.user() + "@" + spec.hostPort() + "]";
    }
}
