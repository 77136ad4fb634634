package dev.hybridpane.core.hybrid;

import java.nio.file.Path;

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
}
