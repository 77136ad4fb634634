package dev.hybridpane.lab.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

/**
 * The check Roles Anywhere makes of a CERTIFICATE_BUNDLE trust anchor's source: PEM that the JDK's X.509
 * {@link CertificateFactory} reads as one or more certificates, each of them a CA certificate (X.509 v3, basic
 * constraints CA=true, key usage with keyCertSign), since a trust anchor is the CA that signs the nodes' certificates.
 */
final class CaBundles {
    static final String UNPARSABLE = "Unable to parse the certificate bundle: x509CertificateData must hold PEM-encoded X.509 certificates.";

    private CaBundles() {
    }

    /** What Roles Anywhere says about {@code pem}, or empty when it is a bundle of CA certificates. */
    static Optional<String> problem(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.of(UNPARSABLE);
        }
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.of(UNPARSABLE);
        }
        if (certificates.isEmpty()) {
            return Optional.of(UNPARSABLE);
        }
        for (Certificate c : certificates) {
            X509Certificate x = (X509Certificate) c;
            String subject = x.getSubjectX500Principal().getName();
            if (x.getVersion() != 3 || x.getBasicConstraints() < 0) {
                return Optional.of("The certificate " + subject + " is not a CA certificate: a trust anchor needs an X.509 v3 "
                        + "certificate whose basic constraints have CA set to true.");
            }
            boolean[] usage = x.getKeyUsage();
            if (usage == null || usage.length < 6 || !usage[5]) {
                return Optional.of("The certificate " + subject + " is not a CA certificate: its key usage must include "
                        + "keyCertSign (Certificate Sign).");
            }
        }
        return Optional.empty();
    }
}
