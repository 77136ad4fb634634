package dev.hybridpane.adapters.net;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA (as a TLS-inspecting proxy's) and a server certificate it signs for some names: what the tests' TLS
 * listeners present, and the PEM a client is told to trust.
 */
public final class TestCertificates {
    private final X509Certificate ca;
    private final SSLContext server;

    private TestCertificates(X509Certificate ca, SSLContext server) {
        this.ca = ca;
        this.server = server;
    }

    /** A CA and a server certificate for these DNS names and IP addresses (an entry of digits and dots is an IP). */
    public static TestCertificates forNames(String... names) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair caKey = g.generateKeyPair();
        KeyPair serverKey = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Test Inspecting Proxy CA,O=HybridPane tests");
        JcaX509v3CertificateBuilder cb = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), caName, caKey.getPublic());
        cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        cb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = new JcaX509CertificateConverter()
                .getCertificate(cb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));

        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
            alt.add(n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        JcaX509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(now.toEpochMilli() + 1),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + names[0]), serverKey.getPublic());
        sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        sb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
        X509Certificate leaf = new JcaX509CertificateConverter()
                .getCertificate(sb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pass = "test".toCharArray();
        ks.setKeyEntry("server", serverKey.getPrivate(), pass, new X509Certificate[] {leaf, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return new TestCertificates(ca, ctx);
    }

    /** The CA certificate as PEM: what a CA bundle file holds. */
    public String caPem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The CA's PEM in base64, as EKS's certificateAuthority.data and a kubeconfig's certificate-authority-data. */
    public String caPemBase64() throws Exception {
        return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.US_ASCII));
    }

    public SSLContext serverContext() {
        return server;
    }
}
