package dev.hybridpane.core.hybrid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A CA for IAM Roles Anywhere: read an existing certificate, or make a new one whose private key is written
 * only to the path the user chose (owner-only permissions) and is never returned, copied or logged.
 */
public interface CertificateAuthorityPort {

    record CaCertificate(String subject, String notAfter, String pem) {
    }

    /** Reads and checks a PEM CA certificate (basic constraints CA=true). */
    CaCertificate read(Path certificatePem);

    /** Generates a CA: key to {@code keyFile} (refuses to overwrite), certificate to {@code certFile}. */
    CaCertificate generate(String commonName, int validDays, Path certFile, Path keyFile);

    /**
     * Reads a CA's private key (PEM: PKCS#8, encrypted PKCS#8, or OpenSSL's traditional EC/RSA form, possibly encrypted)
     * into memory only. {@code passphrase} is asked only when the file is encrypted; the caller's array is wiped after use.
     *
     * @throws IllegalArgumentException one sentence: the file cannot be read, holds no private key, or the passphrase
     *                                  is missing or wrong (never the key or the passphrase itself)
     */
    CaKey readKey(Path keyFile, Supplier<char[]> passphrase);

    /** A CA's private key held in memory: it signs leaf certificates and is never written, logged or shown. */
    interface CaKey extends AutoCloseable {
        /** Whether this is the private key of the CA certificate (PEM): its public key is the certificate's. */
        boolean matches(String caCertificatePem);

        /**
         * A client certificate for IAM Roles Anywhere: subject CN={@code commonName}, issued by the CA certificate's
         * subject and signed with this key, basicConstraints CA=false, keyUsage digitalSignature, extendedKeyUsage
         * clientAuth, valid from 5 minutes ago for {@code validity} (not past the CA's own end); its EC P-384 key is
         * generated in memory.
         */
        LeafCertificate issue(String caCertificatePem, String commonName, Duration validity);

        /** Forgets the key (best effort). */
        @Override
        void close();
    }

    /** An issued certificate and its private key (PEM, PKCS#8): the key is a secret, {@code toString} hides it. */
    record LeafCertificate(String certificatePem, String privateKeyPem, String serial, String notAfter) {
        @Override
        public String toString() {
            return "LeafCertificate[serial=" + serial + ", notAfter=" + notAfter + ", privateKey=****]";
        }
    }
}
