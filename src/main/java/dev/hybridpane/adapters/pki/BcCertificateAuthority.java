package dev.hybridpane.adapters.pki;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
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
 * A local CA for IAM Roles Anywhere with BouncyCastle: EC P-384, SHA384withECDSA, basic constraints CA=true,
 * keyCertSign and cRLSign. The private key goes only to the file the user chose, created new with owner-only
 * permissions; it is never returned, copied or logged. An existing CA's key is read into memory only ({@link #readKey}:
 * PKCS#8, encrypted PKCS#8, OpenSSL's traditional forms) to issue node certificates.
 */
public final class BcCertificateAuthority implements CertificateAuthorityPort {

    @Override
    public CaCertificate read(Path certificatePem) {
        String pem;
        try {
            pem = Files.readString(certificatePem, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + certificatePem + ": " + e.getMessage());
        }
        return parse(pem);
    }

    /** Parses and checks a PEM CA certificate. */
    public static CaCertificate parse(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new IllegalArgumentException("The file holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(h);
            if (cert.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("The certificate " + h.getSubject() + " is not a CA (basic constraints CA=false).");
            }
            if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
                throw new IllegalArgumentException("The CA certificate expired on " + cert.getNotAfter().toInstant() + ".");
            }
            return new CaCertificate(h.getSubject().toString(), cert.getNotAfter().toInstant().toString(), pem);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("The certificate cannot be read: " + e.getMessage());
        }
    }

    @Override
    public CaCertificate generate(String commonName, int validDays, Path certFile, Path keyFile) {
        if (Files.exists(keyFile)) {
            throw new IllegalArgumentException("The key file " + keyFile + " exists already; choose a new file.");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replace(",", "\\,") + ",O=HybridPane");
            Instant now = Instant.now();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(validDays))), subject, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(kp.getPrivate()));
            writeKey(keyFile, kp);
            String pem = pem(holder);
            if (certFile.getParent() != null) {
                Files.createDirectories(certFile.getParent());
            }
            Files.writeString(certFile, pem, StandardCharsets.UTF_8);
            return parse(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the CA files: " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not generate the CA: " + e.getMessage(), e);
        }
    }

    @Override
    public CaKey readKey(Path keyFile, Supplier<char[]> passphrase) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot read the CA key file " + keyFile + ".");
        }
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                PrivateKey k = BcKeys.privateKey(o, passphrase, keyFile);
                if (k != null) {
                    return new BcCaKey(k);
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The CA key file " + keyFile + " is not a PEM private key.");
        }
        throw new IllegalArgumentException("The CA key file " + keyFile + " holds no private key (-----BEGIN PRIVATE KEY-----).");
    }

    private static void writeKey(Path keyFile, KeyPair kp) throws IOException {
        if (keyFile.getParent() != null) {
            Files.createDirectories(keyFile.getParent());
        }
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyFile);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("The key file " + keyFile + " exists already; choose a new file.");
        }
        // PKCS#8, as openssl writes "BEGIN PRIVATE KEY"
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded());
        try (Writer w = Files.newBufferedWriter(keyFile, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        }
    }

    private static String pem(X509CertificateHolder h) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(sw)) {
            pw.writeObject(h);
        }
        return sw.toString();
    }
}
