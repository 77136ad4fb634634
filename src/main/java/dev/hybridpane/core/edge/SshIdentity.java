package dev.hybridpane.core.edge;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which private key to log in with: a key file (OpenSSH or PEM) and, when it is encrypted, its passphrase,
 * held in memory only. Never written anywhere; {@link #toString()} hides the passphrase.
 */
public final class SshIdentity {
    private final Path keyFile;
    private final char[] passphrase;

    public SshIdentity(Path keyFile, char[] passphrase) {
        this.keyFile = keyFile;
        this.passphrase = passphrase == null || passphrase.length == 0 ? null : passphrase.clone();
    }

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
        return new SshIdentity(keyFile, p);
    }

    /** Wipes the passphrase from memory. */
    public void clear() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public String toString() {
        return "SshIdentity[" + keyFile + (passphrase != null ? ", passphrase=***" : "") + "]";
    }
}
