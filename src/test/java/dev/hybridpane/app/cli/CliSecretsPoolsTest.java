package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.security.SecretScanner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leak (issue 25), the SSM pool operations: `profile apply` (two versions), `hosts import`, `pool apply
 * --apply` of an SSM pool, a node added (`pool apply` with one more host) and removed (`node remove`), `pool upgrade --apply`
 * (the activation code read back from the hosts) and `doctor --hosts`. Afterwards the config directory, stdout and stderr, the log and every object of every lab
 * cluster hold none of the activation codes, keys, tokens and passphrases of the run, nor anything shaped like one.
 */
class CliSecretsPoolsTest {
    @TempDir
    Path dir;

    static String profile(String name, String k8s, List<String> packages) {
        return ProfileMapper.toYaml(ClusterProfile.create(name, new ProfileLayers(
                OsLayer.agent(packages, List.of("time.aws.com"), Map.of(), List.of(), ""),
                KubernetesLayer.of(k8s, CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.16.7", true, List.of("10.201.0.0/16"), false)),
                Instant.parse("2026-12-01T10:00:00Z"), "test"));
    }

    static String pool(String name, String site, String profile, List<String> hosts) {
        StringBuilder b = new StringBuilder("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: " + name
                + ", namespace: hybridpane-system}\nspec:\n  site: " + site + "\n  profile: {name: " + profile + ", version: 1}\n"
                + "  hosts:\n");
        hosts.forEach(h -> b.append("  - host: ").append(h).append('\n'));
        return b.toString();
    }

    @Test
    void everyPoolOperationLeavesNoSecretBehind() throws Exception {
        try (SecretsRun run = new SecretsRun(dir)) {
            String[] ssh = {"--ssh-key", run.sshKey()};
            assertThat(run.run("profile", "apply", "-f", run.write("p1.yaml", profile("sec-ssm", "1.30",
                    List.of("curl"))).toString(), "--apply")).as(run.err()).isZero();
            assertThat(run.run("profile", "apply", "-f", run.write("p2.yaml", profile("sec-ssm", "1.31",
                    List.of("curl", "jq"))).toString(), "--apply")).as(run.err()).isZero();
            assertThat(run.run(CliSecretsSetupTest.with(ssh, "hosts", "import", "--csv", run.csv("hosts.csv", List.of("dallas-12",
                    "dallas-14", "dallas-16")).toString(), "--accept-new-host-keys")))
                    .as(run.out() + run.err()).isZero();

            String ssmPool = run.write("ssm.yaml", pool("sec-ssm", "dallas-dc", "sec-ssm", List.of("dallas-12", "dallas-14")))
                    .toString();
            assertThat(run.run(CliSecretsSetupTest.with(ssh, "pool", "apply", "-f", ssmPool, "--apply", "--ready-timeout", "90")))
                    .as(run.out() + run.err()).isZero();

            String grown = run.write("ssm3.yaml", pool("sec-ssm", "dallas-dc", "sec-ssm", List.of("dallas-12", "dallas-14",
                    "dallas-16"))).toString();
            assertThat(run.run(CliSecretsSetupTest.with(ssh, "pool", "apply", "-f", grown, "--apply", "--ready-timeout", "90")))
                    .as(run.out() + run.err()).isZero();
            assertThat(run.run("pool", "show", "sec-ssm", "-o", "json")).isZero();
            Matcher m = Pattern.compile("\"host\" : \"dallas-16\",\\s*\"node\" : \"(mi-[0-9a-f]{17})\"").matcher(run.out());
            assertThat(m.find()).as(run.out()).isTrue();
            assertThat(run.run(CliSecretsSetupTest.with(ssh, "node", "remove", m.group(1), "--apply"))).as(run.out() + run.err())
                    .isZero();

            assertThat(run.run(CliSecretsSetupTest.with(ssh, "pool", "upgrade", "sec-ssm", "--to-version", "2", "--apply")))
                    .as(run.out() + run.err()).isZero();
            run.run(CliSecretsSetupTest.with(ssh, "doctor", "--hosts", "-o", "json"));
            assertThat(run.out()).contains("host.route@dallas-12");

            List<SecretScanner.Finding> found = run.scan();
            assertThat(run.activationCodes()).as("the run's activation codes are looked for").isGreaterThanOrEqualTo(3);
            assertThat(found).isEmpty();
        }
    }
}
