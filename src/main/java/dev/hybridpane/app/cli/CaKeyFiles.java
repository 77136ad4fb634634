package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
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

    /** How long a generated CA is valid. */
    static final int GENERATED_DAYS = 3650;
    /** The organization of every CA that HybridPane generates (BcCertificateAuthority.generate). */
    static final String GENERATED_ORGANIZATION = "O=HybridPane";

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

    /**
     * {@code --generate-ca KEY --ca-cert CERT}: a new CA, its key to KEY (0600) and its certificate to CERT; or, when a run
     * was interrupted after writing them, the same CA again. Both files must then be the pair HybridPane generates (a CA
     * certificate of O=HybridPane, an unencrypted key) and the key must be the certificate's (it signs what the
     * certificate's public key verifies). A key with another certificate, or one file without the other, is refused:
     * HybridPane never overwrites a key, nor trusts a certificate whose key it does not hold.
     */
    static CaCertificate generateOrResume(CertificateAuthorityPort ca, String commonName, Path certFile, Path keyFile)
            throws Refused {
        boolean key = Files.exists(keyFile);
        boolean cert = Files.exists(certFile);
        if (!key && !cert) {
            return ca.generate(commonName, GENERATED_DAYS, certFile, keyFile);
        }
        if (!cert) {
            throw new Refused("--generate-ca: the key file " + keyFile + " exists already and the certificate file " + certFile
                    + " does not; choose new files (HybridPane never overwrites a key).");
        }
        if (!key) {
            throw new Refused("--generate-ca: the certificate file " + certFile + " exists already and the key file " + keyFile
                    + " does not; choose new files, or give --ca-cert alone to trust that CA.");
        }
        CaCertificate c;
        try {
            c = ca.read(certFile);
        } catch (IllegalArgumentException e) {
            throw new Refused("--generate-ca: the key file " + keyFile + " exists already, and " + certFile
                    + " is not a usable CA certificate (" + e.getMessage() + "); choose new files.");
        }
        if (!c.subject().endsWith(GENERATED_ORGANIZATION)) {
            throw new Refused("--generate-ca: " + certFile + " (" + c.subject() + ") is not a CA that HybridPane generated; "
                    + "choose new files, or give --ca-cert alone to trust that CA.");
        }
        try (CaKey k = ca.readKey(keyFile, () -> {
            throw new IllegalArgumentException("it is encrypted, and HybridPane writes its CA keys unencrypted");
        })) {
            if (!k.matches(c.pem())) {
                throw new Refused("--generate-ca: the key file " + keyFile + " is not the key of the certificate " + certFile
                        + "; choose new files.");
            }
        } catch (IllegalArgumentException e) {
            throw new Refused("--generate-ca: the key file " + keyFile + " is not one HybridPane generated ("
                    + e.getMessage() + "); choose new files.");
        }
        return c;
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
