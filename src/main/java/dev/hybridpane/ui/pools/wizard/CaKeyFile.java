package dev.hybridpane.ui.pools.wizard;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Roles Anywhere CA's private key file and its passphrase, as the wizard collected them for an iam-ra pool. In
 * memory only: never saved in settings, logged or shown; {@link #toString()} hides the passphrase and
 * {@link #wipe()} clears it when the wizard closes.
 */
public final class CaKeyFile {
    private final Path keyFile;
    private final char[] passphrase;

    public CaKeyFile(Path keyFile, char[] passphrase) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.passphrase = passphrase == null ? new char[0] : passphrase.clone();
    }

    public Path keyFile() {
        return keyFile;
    }

    /** A copy of the passphrase (empty when the key is not encrypted). */
    public char[] passphrase() {
        return passphrase.clone();
    }

    public boolean hasPassphrase() {
        return passphrase.length > 0;
    }

    public void wipe() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public String toString() {
        return "CaKeyFile[" + keyFile + (passphrase.length > 0 ? ", passphrase=***" : "") + "]";
    }
}
