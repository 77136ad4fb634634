package dev.hybridpane.adapters.pki;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA's private key in memory (read by {@link BcCertificateAuthority#readKey}): checks that it belongs to a CA
 * certificate by signing a random challenge that the certificate's public key must verify, and issues IAM Roles Anywhere
 * client certificates. Nothing of the key leaves this object except the signatures it makes.
 */
final class BcCaKey implements CertificateAuthorityPort.CaKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private volatile PrivateKey key;

    BcCaKey(PrivateKey key) {
        this.key = key;
    }

    private PrivateKey key() {
        PrivateKey k = key;
        if (k == null) {
            throw new IllegalStateException("The CA key was closed.");
        }
        return k;
    }

    static X509Certificate certificate(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            Object o = p.readObject();
            if (o instanceof X509CertificateHolder h) {
                return new JcaX509CertificateConverter().getCertificate(h);
            }
        } catch (IOException | CertificateException e) {
            // refused below
        }
        throw new IllegalArgumentException("The CA certificate is not a PEM X.509 certificate.");
    }

    /** The signature algorithm for this key: SHA-384 for P-384, SHA-512 for P-521, SHA-256 otherwise (and RSA). */
    private static String algorithm(PrivateKey k) {
        if (k instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (k.getAlgorithm().equalsIgnoreCase("RSA")) {
            return "SHA256withRSA";
        }
        return k.getAlgorithm(); // Ed25519, Ed448
    }

    @Override
    public boolean matches(String caCertificatePem) {
        X509Certificate ca = certificate(caCertificatePem);
        PrivateKey k = key();
        if (!ca.getPublicKey().getAlgorithm().equals(k.getAlgorithm())
                && !(ca.getPublicKey().getAlgorithm().startsWith("EC") && k.getAlgorithm().startsWith("EC"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature s = Signature.getInstance(algorithm(k), BcKeys.BC);
            s.initSign(k);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm(k), BcKeys.BC);
            v.initVerify(ca.getPublicKey());
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public CertificateAuthorityPort.LeafCertificate issue(String caCertificatePem, String commonName, Duration validity) {
        X509Certificate ca = certificate(caCertificatePem);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            Instant end = now.plus(validity);
            if (end.isAfter(ca.getNotAfter().toInstant())) {
                end = ca.getNotAfter().toInstant();
            }
            BigInteger serial = new BigInteger(127, RANDOM);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(end),
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509CertificateHolder h = b.build(new JcaContentSignerBuilder(algorithm(key())).setProvider(BcKeys.BC).build(key()));
            StringWriter sw = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
                w.writeObject(h);
            }
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(kp.getPrivate().getEncoded());
            return new CertificateAuthorityPort.LeafCertificate(sw.toString(),
                    "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n", serial.toString(16),
                    end.toString());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not issue a certificate for " + commonName + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        key = null;
    }

    @Override
    public String toString() {
        return "CA key (in memory)";
    }
}
