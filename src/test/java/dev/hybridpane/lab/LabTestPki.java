package dev.hybridpane.lab;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA (EC P-384, as the EKS e2e tests issue them) and end-entity certificates it signs, as PEM. */
final class LabTestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    final String name;
    final KeyPair key;
    final String certificatePem;

    LabTestPki(String cn) {
        this.name = cn;
        this.key = keyPair();
        this.certificatePem = build(new X500Name("CN=" + cn), key, new X500Name("CN=" + cn), key, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(86400L * 365), true);
    }

    /** A certificate for {@code cn} signed by this CA, valid between the two instants. */
    String issue(String cn, Instant notBefore, Instant notAfter) {
        return build(new X500Name("CN=" + cn), keyPair(), new X500Name("CN=" + name), key, notBefore, notAfter, false);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String build(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey, Instant notBefore,
            Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey.getPrivate()));
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(holder.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
