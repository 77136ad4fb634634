package dev.hybridpane.core.edge;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which private key to log in with: a key file (OpenSSH or PEM) and, when it is encrypted, its passphrase,
 * held in memory only; or the administrator's ssh-agent ({@link #agent()}), which signs for us so the private
 * key never passes through HybridPane. Never written anywhere; {@link #toString()} hides the passphrase.
 */
public final class SshIdentity {
    private static final SshIdentity AGENT = new SshIdentity(null, null, true);

    private final Path keyFile;
    private final char[] passphrase;
    private final boolean agent;

    public SshIdentity(Path keyFile, char[] passphrase) {
        this(keyFile, passphrase, false);
    }

    private SshIdentity(Path keyFile, char[] passphrase, boolean agent) {
        this.keyFile = keyFile;
        this.passphrase = passphrase == null || passphrase.length == 0 ? null : passphrase.clone();
        this.agent = agent;
    }

    /** Log in with the keys of the ssh-agent at SSH_AUTH_SOCK. */
    public static SshIdentity agent() {
        return AGENT;
    }

    public boolean usesAgent() {
        return agent;
    }

    /** The key file, or null (none chosen, or the agent is used). */
    public Path keyFile() {
        return keyFile;
    }

    /** A copy of the passphrase, or null. */
    public char[] passphrase() {
        return passphrase == null ? null : passphrase.clone();
    }

    public boolean hasPassphrase() {
        return passphrase != null;
    }

    public SshIdentity withPassphrase(char[] p) {
        return agent ? this : new SshIdentity(keyFile, p);
    }

    /** Wipes the passphrase from memory. */
    public void clear() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public String toString() {
        return agent ? "SshIdentity[ssh-agent]"
                : "SshIdentity[" + keyFile + (passphrase != null ? ", passphrase=***" : "") + "]";
    }
}
