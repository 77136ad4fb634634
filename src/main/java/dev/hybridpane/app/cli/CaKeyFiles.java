package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code --ca-key FILE [--ca-key-passphrase-env VAR]}: the trust anchor CA's private key read into memory only (the
 * commands close it when done), its passphrase from the variable or asked on the terminal without echo.
 */
final class CaKeyFiles {
    /** A key that cannot be used: the one line the command prints (exit 2). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private CaKeyFiles() {
    }

    /** The key, or null when no file was given. */
    static CaKey read(Path file, String passphraseEnv, Function<String, String> environment) throws Refused {
        if (file == null) {
            return null;
        }
        if (!Files.isReadable(file)) {
            throw new Refused("--ca-key: cannot read " + file + ".");
        }
        try {
            return new BcCertificateAuthority().readKey(file, () -> passphrase(file, passphraseEnv, environment));
        } catch (IllegalArgumentException e) {
            throw new Refused("--ca-key: " + e.getMessage());
        }
    }

    private static char[] passphrase(Path file, String passphraseEnv, Function<String, String> environment) {
        if (passphraseEnv != null) {
            String v = environment.apply(passphraseEnv);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("the CA key is encrypted and the environment variable " + passphraseEnv
                        + " (--ca-key-passphrase-env) is not set.");
            }
            return v.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("the CA key is encrypted and there is no terminal to ask for its passphrase: "
                    + "give --ca-key-passphrase-env VAR.");
        }
        return console.readPassword("Passphrase for %s: ", file);
    }
}
