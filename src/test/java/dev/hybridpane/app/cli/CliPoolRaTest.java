package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.RaWorld;
import io.fabric8.kubernetes.api.model.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pool apply` of an IAM Roles Anywhere pool: --ca-key (encrypted, passphrase from an environment variable), refusals. */
class CliPoolRaTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final String PASS = "correct horse battery";
    @TempDir
    static Path dir;
    static PoolLab lab;
    static Path caKey;
    static Path otherKey;
    private StringWriter out;
    private StringWriter err;
    private final StringBuilder everything = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        BcCertificateAuthority pki = new BcCertificateAuthority();
        CertificateAuthorityPort.CaCertificate ca = pki.generate("Store CA", 3650, dir.resolve("ca.pem"), dir.resolve("plain.key"));
        caKey = encrypted(dir.resolve("plain.key"), dir.resolve("ca.key"));
        pki.generate("Other CA", 3650, dir.resolve("other.pem"), dir.resolve("other.key"));
        otherKey = dir.resolve("other.key");
        lab = new PoolLab(dir, RaWorld.withCa(ca.pem()));
        lab.importHosts("austin-store-112", "10.200.2.0/24", List.of("austin-07", "austin-08"));
        PoolEnvironment.sharedLab = lab.lab;
        PoolApplyCommand.environment = Map.of("CA_PASS", PASS, "WRONG_PASS", "not it")::get;
    }

    /** The plain PKCS#8 key encrypted with AES-256 (BEGIN ENCRYPTED PRIVATE KEY), as `openssl pkcs8 -topk8 -v2 aes256`. */
    static Path encrypted(Path plain, Path to) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(plain).replaceAll("-----[A-Z ]+-----", ""));
        var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(PASS.toCharArray()).build()));
        }
        return Files.writeString(to, sw.toString());
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        PoolApplyCommand.environment = System::getenv;
        lab.close();
    }

    @AfterEach
    void nothingSecretWasPrinted() throws Exception {
        assertThat(everything.toString()).doesNotContain(PASS, "PRIVATE KEY");
        String plain = Files.readString(dir.resolve("plain.key")).lines().skip(1).findFirst().orElseThrow();
        assertThat(everything.toString()).doesNotContain(plain);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        int code = HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
        everything.append(out).append(err);
        return code;
    }

    static final String POOL = "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: cli-ra, namespace: "
            + "hybridpane-system}\nspec:\n  site: austin-store-112\n  profile: {name: pos-iam-ra, version: 1}\n  hosts:\n"
            + "  - host: austin-07\n  - host: austin-08\n";

    private String[] apply(String... extra) throws Exception {
        Path pool = Files.writeString(dir.resolve("pool.yaml"), POOL);
        List<String> a = new ArrayList<>(List.of("pool", "apply", "-f", pool.toString(), "--ssh-key",
                lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void aRolesAnywherePoolIsPlannedAndCreatedWithAnEncryptedCaKey() throws Exception {
        assertThat(run(apply("--plan", "--ca-key", caKey.toString(), "--ca-key-passphrase-env", "CA_PASS")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("issue certificate CN=cli-ra-austin-07 from CA", "nodeName: cli-ra-austin-08",
                "sudo -n nodeadm install 1.31 -p iam-ra -s distro").doesNotContain("ssm:CreateActivation");

        assertThat(run(apply("--apply", "--ca-key", caKey.toString(), "--ca-key-passphrase-env", "CA_PASS",
                "--ready-timeout", "60"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Pool cli-ra: 2/2 nodes Ready, Running.", "certificate CN=cli-ra-austin-07");
        for (String node : List.of("cli-ra-austin-07", "cli-ra-austin-08")) {
            Node n = lab.kube().nodes().withName(node).get();
            assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + node);
        }
    }

    @Test
    void aMissingOrWrongCaKeyOrPassphraseIsOneLineAndExitTwo() throws Exception {
        assertThat(run(apply("--plan"))).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("ca-key: Profile pos-iam-ra v1 uses IAM Roles Anywhere: give the private key of the "
                + "CA of trust anchor retail-edge-stores (--ca-key FILE)");

        assertThat(run(apply("--plan", "--ca-key", caKey.toString(), "--ca-key-passphrase-env", "WRONG_PASS"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--ca-key: The passphrase does not decrypt the CA key file " + caKey + ".\n");

        assertThat(run(apply("--plan", "--ca-key", caKey.toString(), "--ca-key-passphrase-env", "NOT_SET"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--ca-key: the CA key is encrypted and the environment variable NOT_SET "
                + "(--ca-key-passphrase-env) is not set.\n");

        assertThat(run(apply("--apply", "--ca-key", otherKey.toString()))).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("ca-key: The CA key does not belong to trust anchor retail-edge-stores's CA "
                + "certificate (O=HybridPane, CN=Store CA)");

        assertThat(run(apply("--plan", "--ca-key", dir.resolve("nope.key").toString()))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--ca-key: cannot read " + dir.resolve("nope.key") + ".\n");
    }
}
