package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `hybrid enable … --generate-ca KEY --ca-cert CERT` run again after an interrupted run: the pair HybridPane generated is
 * used again when its key is the certificate's; any other combination is refused with one line, and no file changes.
 */
class CaGenerateResumeTest {
    @TempDir
    Path dir;
    final BcCertificateAuthority ca = new BcCertificateAuthority();

    private CaCertificate generateOrResume(Path cert, Path key) throws CaKeyFiles.Refused {
        return CaKeyFiles.generateOrResume(ca, "HybridPane payments CA", cert, key);
    }

    private String refusal(Path cert, Path key) throws Exception {
        byte[] certBefore = Files.exists(cert) ? Files.readAllBytes(cert) : null;
        byte[] keyBefore = Files.exists(key) ? Files.readAllBytes(key) : null;
        CaKeyFiles.Refused r = catchThrowableOfType(CaKeyFiles.Refused.class, () -> generateOrResume(cert, key));
        assertThat(r).as("refused").isNotNull();
        assertThat(r.getMessage().lines()).hasSize(1);
        assertThat(Files.exists(cert) ? Files.readAllBytes(cert) : null).as("the certificate file is untouched").isEqualTo(certBefore);
        assertThat(Files.exists(key) ? Files.readAllBytes(key) : null).as("the key file is untouched").isEqualTo(keyBefore);
        return r.getMessage();
    }

    @Test
    void theGeneratedPairIsUsedAgainWhenTheKeyIsTheCertificates() throws Exception {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        CaCertificate first = generateOrResume(cert, key);
        byte[] keyBytes = Files.readAllBytes(key);
        CaCertificate again = generateOrResume(cert, key);
        assertThat(again.pem()).isEqualTo(first.pem()).isEqualTo(Files.readString(cert, StandardCharsets.UTF_8));
        assertThat(again.subject()).isEqualTo(first.subject()).endsWith("O=HybridPane");
        assertThat(Files.readAllBytes(key)).as("the key is not written again").isEqualTo(keyBytes);
    }

    @Test
    void aKeyWithAnotherCertificateIsRefused() throws Exception {
        Path key = dir.resolve("ca.key");
        generateOrResume(dir.resolve("ca.pem"), key);
        Path otherCert = dir.resolve("other.pem");
        generateOrResume(otherCert, dir.resolve("other.key"));
        assertThat(refusal(otherCert, key)).isEqualTo("--generate-ca: the key file " + key
                + " is not the key of the certificate " + otherCert + "; choose new files.");
    }

    @Test
    void oneFileWithoutTheOtherIsRefused() throws Exception {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        generateOrResume(cert, key);
        Path lonelyKey = dir.resolve("lonely.key");
        Files.copy(key, lonelyKey);
        assertThat(refusal(dir.resolve("missing.pem"), lonelyKey)).startsWith("--generate-ca: the key file " + lonelyKey
                + " exists already and the certificate file ").endsWith("choose new files (HybridPane never overwrites a key).");
        assertThat(dir.resolve("missing.pem")).doesNotExist();
        assertThat(refusal(cert, dir.resolve("missing.key"))).startsWith("--generate-ca: the certificate file " + cert
                + " exists already and the key file ");
        assertThat(dir.resolve("missing.key")).doesNotExist();
    }

    @Test
    void aMatchingPairHybridPaneDidNotGenerateIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name subject = new X500Name("CN=Corporate Root,O=Example");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.TEN, Date.from(now),
                Date.from(now.plus(Duration.ofDays(30))), subject, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        Path cert = dir.resolve("corp.pem");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(cert, StandardCharsets.UTF_8))) {
            w.writeObject(b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(kp.getPrivate())));
        }
        Path key = dir.resolve("corp.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.UTF_8);
        assertThat(refusal(cert, key)).contains("is not a CA that HybridPane generated", "give --ca-cert alone");
    }

    @Test
    void theCliReRunUsesTheGeneratedPairAndPlansTheTrustAnchorWithIt() throws Exception {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        CaCertificate first = generateOrResume(cert, key); // what the interrupted run left
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"hybrid", "enable", "--lab", "--cluster", "payments", "--region", "us-west-2", "--node-cidr",
                "10.200.0.0/16", "--pod-cidr", "10.201.0.0/16", "--provider", "iam-ra", "--generate-ca", key.toString(),
                "--ca-cert", cert.toString(), "--plan"};
        int code = HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("CA: " + first.subject(), "generated by an earlier run, private key at " + key,
                "rolesanywhere:CreateTrustAnchor hybridpane-payments", "Nothing was changed (--plan).");
        assertThat(Files.readString(cert, StandardCharsets.UTF_8)).isEqualTo(first.pem());
    }

    @Test
    void theCliRefusesAMismatchWithOneLineAndExitTwoBeforeAnyCall() throws Exception {
        Path key = dir.resolve("ca.key");
        generateOrResume(dir.resolve("ca.pem"), key);
        Path otherCert = dir.resolve("other.pem");
        generateOrResume(otherCert, dir.resolve("other.key"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"hybrid", "enable", "--cluster", "payments", "--region", "us-west-2", "--node-cidr", "10.200.0.0/16",
                "--provider", "iam-ra", "--generate-ca", key.toString(), "--ca-cert", otherCert.toString(), "--plan"};
        int code = HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("--generate-ca: the key file " + key
                + " is not the key of the certificate " + otherCert + "; choose new files.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void caFlagsWithoutRolesAnywhereAreRefusedNotIgnored() {
        Path key = dir.resolve("ssm-ca.key");
        for (String provider : new String[] {null, "ssm"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> a = new ArrayList<>(List.of("hybrid", "enable", "--lab", "--cluster", "payments", "--region",
                    "us-west-2", "--node-cidr", "10.200.0.0/16", "--pod-cidr", "10.201.0.0/16", "--generate-ca", key.toString(),
                    "--ca-cert", dir.resolve("ssm-ca.pem").toString(), "--apply"));
            if (provider != null) {
                a.addAll(List.of("--provider", provider));
            }
            String[] args = a.toArray(String[]::new);
            int code = HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
            assertThat(code).as(out.toString()).isEqualTo(2);
            assertThat(err.toString().lines()).containsExactly("--generate-ca: only with --provider iam-ra (IAM Roles "
                    + "Anywhere); --provider ssm uses no CA.");
            assertThat(key).as("nothing generated").doesNotExist();
        }
    }
}
