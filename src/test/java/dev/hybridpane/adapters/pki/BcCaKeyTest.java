package dev.hybridpane.adapters.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.domain.pool.NodeCertificates;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a CA key (plain, encrypted PKCS#8, encrypted traditional), matching it to its certificate, issuing leaves. */
class BcCaKeyTest {
    @TempDir
    Path dir;
    final BcCertificateAuthority ca = new BcCertificateAuthority();

    private CertificateAuthorityPort.CaCertificate newCa(String name) {
        return ca.generate(name, 3650, dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    private PrivateKey plainKey(String name) throws Exception {
        String pem = Files.readString(dir.resolve(name + ".key"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        // BouncyCastle's key: its traditional form carries the curve, as openssl writes it
        return KeyFactory.getInstance("EC", new BouncyCastleProvider()).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private Path encryptedPkcs8(String name, String pass) throws Exception {
        var gen = new JcaPKCS8Generator(plainKey(name), new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(pass.toCharArray()).build());
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(gen);
        }
        assertThat(sw.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        return Files.writeString(dir.resolve(name + "-enc8.key"), sw.toString());
    }

    private Path encryptedTraditional(String name, String pass) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaMiscPEMGenerator(plainKey(name), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                    .build(pass.toCharArray())));
        }
        assertThat(sw.toString()).contains("Proc-Type: 4,ENCRYPTED");
        return Files.writeString(dir.resolve(name + "-trad.key"), sw.toString());
    }

    @Test
    void aPlainKeyMatchesItsOwnCaOnlyAndIssuesAClientCertificateForTheNode() throws Exception {
        var mine = newCa("mine");
        var other = newCa("other");
        AtomicInteger asked = new AtomicInteger();
        try (CertificateAuthorityPort.CaKey key = ca.readKey(dir.resolve("mine.key"), () -> {
            asked.incrementAndGet();
            return "x".toCharArray();
        })) {
            assertThat(asked).as("a plain key needs no passphrase").hasValue(0);
            assertThat(key.matches(mine.pem())).isTrue();
            assertThat(key.matches(other.pem())).isFalse();
            assertThat(key.toString()).doesNotContain("BEGIN");

            CertificateAuthorityPort.LeafCertificate leaf = key.issue(mine.pem(), "store-a-austin-07", Duration.ofDays(365));
            X509Certificate c = NodeCertificates.parse(leaf.certificatePem()).orElseThrow();
            X509Certificate caCert = NodeCertificates.parse(mine.pem()).orElseThrow();
            assertThat(NodeCertificates.commonName(c)).isEqualTo("store-a-austin-07");
            assertThat(NodeCertificates.issuedBy(c, caCert)).isTrue();
            assertThat(NodeCertificates.issuedBy(c, NodeCertificates.parse(other.pem()).orElseThrow())).isFalse();
            assertThat(c.getBasicConstraints()).isEqualTo(-1);
            assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
            Duration valid = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
            assertThat(valid).isBetween(Duration.ofDays(365), Duration.ofDays(365).plusMinutes(6));
            assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(leaf.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(leaf.toString()).doesNotContain(leaf.privateKeyPem().substring(30, 60));
            assertThat(NodeCertificates.problem(leaf.certificatePem(), mine.pem(), "store-a-austin-07", Instant.now())).isEmpty();
            assertThat(NodeCertificates.problem(leaf.certificatePem(), mine.pem(), "store-a-austin-08", Instant.now()))
                    .hasValue("its CN is store-a-austin-07, not store-a-austin-08");
            assertThat(NodeCertificates.problem(leaf.certificatePem(), other.pem(), "store-a-austin-07", Instant.now()))
                    .hasValue("it was not issued by the trust anchor's CA");
            assertThat(NodeCertificates.problem(leaf.certificatePem(), mine.pem(), "store-a-austin-07",
                    Instant.now().plus(Duration.ofDays(340)))).get().asString().startsWith("it expires");
            // a second issuance is another key and serial
            var again = key.issue(mine.pem(), "store-a-austin-07", Duration.ofDays(365));
            assertThat(again.serial()).isNotEqualTo(leaf.serial());
            assertThat(again.privateKeyPem()).isNotEqualTo(leaf.privateKeyPem());
        }
    }

    @Test
    void encryptedKeysAskForThePassphraseAndAWrongOneIsOneSentence() throws Exception {
        var mine = newCa("enc");
        for (Path file : new Path[] {encryptedPkcs8("enc", "s3cret-pass"), encryptedTraditional("enc", "s3cret-pass")}) {
            AtomicInteger asked = new AtomicInteger();
            try (CertificateAuthorityPort.CaKey key = ca.readKey(file, () -> {
                asked.incrementAndGet();
                return "s3cret-pass".toCharArray();
            })) {
                assertThat(asked).hasValue(1);
                assertThat(key.matches(mine.pem())).as(file.toString()).isTrue();
            }
            assertThatThrownBy(() -> ca.readKey(file, () -> "wrong-pass".toCharArray()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The passphrase does not decrypt the CA key file " + file + ".");
            assertThatThrownBy(() -> ca.readKey(file, () -> null))
                    .hasMessage("The CA key file " + file + " is encrypted: give its passphrase.");
        }
        char[] given = "s3cret-pass".toCharArray();
        ca.readKey(dir.resolve("enc-enc8.key"), () -> given).close();
        assertThat(new String(given)).as("the passphrase is wiped after use").isEqualTo("\0".repeat(given.length));
    }

    @Test
    void filesThatHoldNoKeyAreRefusedInOneSentence() throws Exception {
        var mine = newCa("c");
        Path cert = dir.resolve("c.pem");
        assertThatThrownBy(() -> ca.readKey(cert, () -> null)).hasMessage("The CA key file " + cert
                + " holds no private key (-----BEGIN PRIVATE KEY-----).");
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> ca.readKey(missing, () -> null)).hasMessage("Cannot read the CA key file " + missing + ".");
        Path junk = Files.writeString(dir.resolve("junk.key"), "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ca.readKey(junk, () -> null)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(junk.toString()).doesNotContain("\n");
        assertThat(mine.pem()).contains("BEGIN CERTIFICATE");
    }
}
