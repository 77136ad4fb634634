package dev.hybridpane.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The scanner can be seen to work: secrets planted in a config directory's file, a log line, a Kubernetes Event, a
 * ConfigMap, a Secret and a stdout line are each found, where they were planted; known values and shapes alike; and the
 * lab cluster, a clean config directory and the look-alikes a run prints (certificates, fingerprints, ids) give nothing.
 */
class SecretScannerTest {
    static final String PASSPHRASE = "planted passphrase 7f3k";
    static final String SUDO_PASSWORD = "pl4nted-sudo-pw";
    @TempDir
    static Path dir;
    static Lab lab;
    static KubernetesClient kube;
    static String caKeyPem;
    static final SecureRandom RANDOM = new SecureRandom(new byte[] {25});

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabWorld.load(), null);
        lab.awaitSeeded();
        kube = lab.kube().client(LabKube.key("us-west-2", "retail-edge"));
        new BcCertificateAuthority().generate("Planted CA", 30, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        caKeyPem = Files.readString(dir.resolve("ca.key"));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static String b64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    static String b64url(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static void assertFound(List<SecretScanner.Finding> found, String where, String kind) {
        assertThat(found).as(kind + " at " + where).anyMatch(f -> f.where().equals(where) && f.kind().equals(kind));
    }

    @Test
    void everyPlantedSecretIsFoundWhereItWasPlantedAndNothingElseIs() throws Exception {
        String code = b64(15);
        String sessionToken = "FwoGZXIvYXdzE" + b64(90);
        String eksToken = "k8s-aws-v1." + b64url(200);
        SecretScanner scanner = new SecretScanner().known("CA passphrase", PASSPHRASE).known("sudo password", SUDO_PASSWORD)
                .known("STS session token", sessionToken).knownPem("CA private key", caKeyPem)
                .activationCodes(Set.of(code)::contains);
        KubeScan objects = new KubeScan(scanner);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("settings.json"), "{\"theme\": \"dark\"}\n");

        // before anything is planted: the lab's cluster, the config directory and a run's look-alikes are clean
        List<SecretScanner.Finding> clean = new ArrayList<>(objects.scan("retail-edge", kube));
        clean.addAll(scanner.scanTree(config));
        clean.addAll(scanner.scan("look-alikes", String.join("\n", Files.readString(dir.resolve("ca.pem")),
                "activationId: 0b7a3c5e-2f41-4d8e-9a6b-1c2d3e4f5a6b", "ssh-ed25519 SHA256:Jq9r1mM4yq0bTq0lN0b9m2o3p4q5r6s7t8u9v0w1x2y",
                "Trusted the new host key of dallas-14 (127.0.0.1:40022)", "--ca-key-passphrase-env CA_PASS",
                "AccessKeyId AKIALAB00000EXAMPLE0", "activationCode: (from ssm:CreateActivation at apply)",
                "password: (asked, kept in memory)", "sha256:" + "ab".repeat(32))));
        assertThat(clean).as("nothing planted yet").isEmpty();
        assertThat(objects.objectCount()).isGreaterThan(50);

        // planted: a config file, a log line, an Event, a ConfigMap, a Secret, a stdout line; and shapes nobody announced
        Files.createDirectories(config.resolve("lab/operations"));
        Files.writeString(config.resolve("lab/operations/pool-planted.json"),
                "{\n  \"id\": \"pool-planted\",\n  \"outputs\": {\"activationCode\": \"" + code + "\"}\n}\n");
        Files.writeString(config.resolve("notes.txt"), String.join("\n", "unannounced secrets:",
                "-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
                "-----END OPENSSH PRIVATE KEY-----",
                "jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ." + b64url(64),
                "aws_access_key_id = AKIAIOSFODNN7PLANTED", "aws_secret_access_key = " + b64(30),
                "Access key ID,Secret access key", "AKIAIOSFODNN7PLANTED," + b64(30),
                "{\"accessToken\": \"aoa" + b64url(72) + "\"}"));
        String logged;
        try (LogCapture log = LogCapture.start()) {
            LoggerFactory.getLogger("dev.hybridpane.core.Planted").debug("refreshing the session with token {}", sessionToken);
            logged = log.text();
        }
        kube.v1().events().inNamespace("hybridpane-system").resource(new EventBuilder().withNewMetadata().withName("planted.1")
                .withNamespace("hybridpane-system").endMetadata().withReason("Planted").withType("Normal")
                .withMessage("authenticated with " + eksToken).withNewInvolvedObject().withKind("Namespace")
                .withName("hybridpane-system").endInvolvedObject().build()).create();
        kube.configMaps().inNamespace("hybridpane-system").resource(new ConfigMapBuilder().withNewMetadata().withName("planted")
                .endMetadata().withData(Map.of("ca.key", caKeyPem)).build()).create();
        kube.secrets().inNamespace("hybridpane-system").resource(new SecretBuilder().withNewMetadata().withName("planted")
                .endMetadata().withData(Map.of("sudo", Base64.getEncoder().encodeToString(("pw=" + SUDO_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))).build()).create();
        StringWriter stdout = new StringWriter();
        new PrintWriter(stdout, true).println("Decrypting the CA key with the passphrase " + PASSPHRASE + " ...");

        List<SecretScanner.Finding> found = new ArrayList<>(scanner.scanTree(config));
        found.addAll(scanner.scan("log", logged));
        found.addAll(objects.scan("retail-edge", kube));
        found.addAll(scanner.scan("stdout", stdout.toString()));
        found.forEach(f -> System.out.println("found " + f));

        Path journal = config.resolve("lab/operations/pool-planted.json");
        assertFound(found, journal + ":3", "SSM activation code (issued)");
        assertThat(found).as("the log line").anyMatch(f -> f.where().startsWith("log:") && f.kind().equals("STS session token"));
        assertFound(found, "retail-edge v1/Event hybridpane-system/planted.1", "EKS bearer token");
        assertFound(found, "retail-edge v1/ConfigMap hybridpane-system/planted", "CA private key");
        assertFound(found, "retail-edge v1/Secret hybridpane-system/planted data.sudo (decoded)", "sudo password");
        assertFound(found, "stdout:1", "CA passphrase");
        Path notes = config.resolve("notes.txt");
        assertThat(found).filteredOn(f -> f.where().startsWith(notes.toString())).extracting(SecretScanner.Finding::kind)
                .contains("private key", "JWT", "AWS secret access key after its key id", "AWS secret access key", "SSO token");
        assertThat(found).as("every finding is in a planted place").allSatisfy(f -> assertThat(f.where())
                .containsAnyOf("planted", "log", "stdout", notes.toString()));
        assertThat(found.toString()).as("the report masks what it found")
                .doesNotContain(code, sessionToken, eksToken, PASSPHRASE, SUDO_PASSWORD);
        System.out.printf("SecretScannerTest: planted 6 known secrets in 6 places and 5 unannounced shapes; %d findings; "
                + "scanned %d texts, %d files, %d objects, %d bytes%n", found.size(), scanner.sources(), scanner.files(),
                objects.objectCount(), scanner.bytes());
    }
}
