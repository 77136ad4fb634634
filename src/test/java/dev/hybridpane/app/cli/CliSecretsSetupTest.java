package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.SsoSession;
import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.security.SecretScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Secrets never leak (issue 25), the cluster operations and IAM Roles Anywhere: `cluster import --apply`, `hybrid enable
 * --apply` with SSM and with IAM Roles Anywhere and a generated CA, `hosts import`, a host probed as the Edge Hosts view does
 * with an encrypted SSH key and a sudo password (a wrong one first), `pool apply --apply` of a Roles Anywhere pool (its CA
 * key encrypted, the passphrase from the environment) and `pool rotate-certs --apply`, `doctor --fix --apply` and `login`.
 * The nodes' private keys are known secrets too (read from the hosts, where they belong). Afterwards
 * the config directory, stdout and stderr, the log and every object of every lab cluster hold none of the secrets the run
 * used or the lab issued, nor anything shaped like one; the SSO token is in the aws CLI's cache only, readable by its owner.
 */
class CliSecretsSetupTest {
    @TempDir
    Path dir;

    @Test
    void everyClusterOperationLeavesNoSecretBehind() throws Exception {
        Function<String, SsoSession> savedSessions = LoginCommand.sessions;
        Supplier<SsoTokenCache> savedCaches = LoginCommand.caches;
        try (SecretsRun run = new SecretsRun(dir)) {
            String[] payments = {"--lab", "--cluster", "payments", "--region", "us-west-2"};
            assertThat(run.run(false, with(payments, "cluster", "import", "--apply"))).as(run.err()).isZero();
            assertThat(run.out()).contains("OK: ");
            assertThat(run.run(false, with(payments, "hybrid", "enable", "--node-cidr", "10.220.0.0/16", "--pod-cidr",
                    "10.221.0.0/16", "--apply"))).as(run.out() + run.err()).isZero();
            Path caKey = run.keys.resolve("generated-ca.key");
            assertThat(run.run(false, with(payments, "hybrid", "enable", "--node-cidr", "10.220.0.0/16", "--pod-cidr",
                    "10.221.0.0/16", "--provider", "iam-ra", "--generate-ca", caKey.toString(), "--ca-cert",
                    run.keys.resolve("generated-ca.pem").toString(), "--role-name", "PaymentsHybridNodesRa", "--apply")))
                    .as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("rolesanywhere:CreateTrustAnchor", "OK: ");
            run.keyFile(caKey);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caKey))).isEqualTo("rw-------");

            String[] ssh = {"--ssh-key", run.sshKey()};
            assertThat(run.run(with(ssh, "hosts", "import", "--csv", run.csv("hosts.csv", List.of("austin-04", "austin-07",
                    "austin-08")).toString(), "--accept-new-host-keys"))).as(run.out() + run.err()).isZero();
            assertThat(Files.readString(run.config.resolve("known_hosts"))).contains("ecdsa-sha2");
            ProbeResult wrong = run.probeWithPasswords("austin-04", "ssh key passphrase 9q", "wr0ng-sudo-Pw");
            assertThat(wrong).isInstanceOf(ProbeResult.Reached.class);
            assertThat(((ProbeResult.Reached) wrong).facts().sudoOk()).as("a wrong sudo password").isFalse();
            ProbeResult right = run.probeWithPasswords("austin-04", "ssh key passphrase 9q", "lab-sudo");
            assertThat(((ProbeResult.Reached) right).facts().sudoOk()).as("the lab's sudo password").isTrue();

            String[] ca = with(ssh, "--ca-key", run.keys.resolve("ca.key").toString(), "--ca-key-passphrase-env", "CA_PASS");
            assertThat(run.run(with(ca, "pool", "apply", "-f", run.write("ra.yaml", CliSecretsPoolsTest.pool("sec-ra",
                    "austin-store-112", "pos-iam-ra", List.of("austin-07", "austin-08"))).toString(), "--apply", "--ready-timeout",
                    "90"))).as(run.out() + run.err()).isZero();
            run.nodeKeys(List.of("austin-07", "austin-08"));
            assertThat(run.run(with(ca, "pool", "rotate-certs", "sec-ra", "--apply"))).as(run.out() + run.err()).isZero();
            run.nodeKeys(List.of("austin-07", "austin-08"));

            assertThat(run.run(false, "doctor", "--lab", "--cluster", "warehouse-edge", "--region", "eu-central-1", "--fix",
                    "--apply")).as(run.out() + run.err()).isZero();

            Path home = Files.createDirectories(dir.resolve("home"));
            ProfileFile file = ProfileFile.builder().content(LabSsoSnippet.config(run.lab.lab.world(), run.lab.lab.awsEndpoint()))
                    .type(ProfileFile.Type.CONFIGURATION).build();
            LoginCommand.sessions = name -> SsoSession.of(file, name);
            LoginCommand.caches = () -> new SsoTokenCache(home.resolve(".aws/sso/cache"));
            run.lab.lab.aws().setSsoApproveAfter(Duration.ofMillis(300));
            assertThat(run.run(false, "login", "--profile", "lab-sso")).as(run.err()).isZero();

            List<SecretScanner.Finding> found = run.scan();
            assertThat(found).isEmpty();
            // the SSO token is where it belongs: the aws CLI's own cache, 0600; the scanner finds it there
            Path cache = home.resolve(".aws/sso/cache");
            List<SecretScanner.Finding> inCache = run.scanner().scanTree(cache);
            assertThat(inCache).as("the access and refresh tokens and the client secret").hasSizeGreaterThanOrEqualTo(3)
                    .extracting(SecretScanner.Finding::kind).containsOnly("secret the lab issued");
            try (var files = Files.list(cache)) {
                assertThat(files.toList()).singleElement().satisfies(f -> assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
            }
        } finally {
            LoginCommand.sessions = savedSessions;
            LoginCommand.caches = savedCaches;
        }
    }

    static String[] with(String[] target, String... command) {
        String[] all = new String[command.length + target.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(target, 0, all, command.length, target.length);
        return all;
    }
}
