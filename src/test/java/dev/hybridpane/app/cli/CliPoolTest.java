package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.ops.OperationLock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pool apply --plan`, `--apply`, `pool list -o json`, `pool show`, invalid input, on one shared lab. */
class CliPoolTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    @TempDir
    static Path dir;
    static PoolLab lab;
    private StringWriter out;
    private StringWriter err;
    private final StringBuilder everything = new StringBuilder();

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-12", "dallas-14", "dallas-16"));
        PoolEnvironment.sharedLab = lab.lab;
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        lab.close();
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

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    static final String POOL = "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: cli-pool, namespace: "
            + "hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  labels: {workload: cli}\n"
            + "  hosts:\n  - host: dallas-14\n  - host: dallas-16\n";

    @Test
    void planThenApplyThenListShowsTheNodesReadyAndTheCodeIsNowhere() throws Exception {
        Path pool = file("pool.yaml", POOL);
        String key = lab.hosts().loginKeyPath().toString();
        String known = dir.resolve("known_hosts").toString();

        assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", key, "--known-hosts", known, "--plan"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("ssm:CreateActivation", "RegistrationLimit: 2", "dallas-14:", "dallas-16:",
                "sudo -n nodeadm install 1.31 -p ssm -s distro", "activationCode:");
        assertThat(run("pool", "list", "-o", "json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).findValuesAsText("name")).doesNotContain("cli-pool");

        assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", key, "--known-hosts", known, "--apply",
                "--parallel", "2", "--ready-timeout", "60")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Pool cli-pool: 2/2 nodes Ready, Running.", "[dallas-14] done", "[dallas-16] done");

        assertThat(run("pool", "list", "-o", "json")).as(err.toString()).isZero();
        JsonNode row = null;
        for (JsonNode n : new ObjectMapper().readTree(out.toString())) {
            if (n.path("name").asText().equals("cli-pool")) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("ready").asText()).isEqualTo("2/2");
        assertThat(row.path("phase").asText()).isEqualTo("Running");
        assertThat(row.path("site").asText()).isEqualTo("dallas-dc");
        assertThat(row.path("profile").asText()).isEqualTo("gpu-ssm");
        assertThat(run("pool", "list")).isZero();
        assertThat(out.toString()).containsPattern("cli-pool +dallas-dc +gpu-ssm@1 +2/2 +Running");

        assertThat(run("pool", "show", "cli-pool", "-o", "json")).isZero();
        JsonNode show = new ObjectMapper().readTree(out.toString());
        assertThat(show.path("status").path("members")).hasSize(2);
        assertThat(show.path("status").path("members").get(0).path("node").asText()).matches("mi-[0-9a-f]{17}");
        assertThat(run("pool", "show", "cli-pool")).isZero();
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(out.toString());
        assertThat(yaml.path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(yaml.path("status").path("members")).as("the YAML form is YAML, members included").hasSize(2);
        assertThat(yaml.path("status").path("members").get(0).path("host").asText()).isEqualTo("dallas-14");

        String cfg = lab.hosts().exec("dallas-14", "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null).stdout();
        Matcher m = Pattern.compile("activationCode: \"?([^\"\\n]+)\"?").matcher(cfg);
        assertThat(m.find()).isTrue();
        String code = m.group(1);
        assertThat(code.length()).isGreaterThanOrEqualTo(20);
        assertThat(everything.toString()).doesNotContain(code);
        StringBuilder stored = new StringBuilder();
        for (ConfigMap cm : lab.kube().configMaps().inNamespace("hybridpane-system").list().getItems()) {
            stored.append(cm.getData());
        }
        lab.kube().genericKubernetesResources("hybridpane.dev/v1alpha1", "HybridNodePool").inNamespace("hybridpane-system")
                .list().getItems().forEach(p -> stored.append(p.getAdditionalProperties()));
        for (Event e : lab.kube().v1().events().inNamespace("hybridpane-system").list().getItems()) {
            stored.append(e.getMessage());
        }
        assertThat(stored.toString()).contains("cli-pool").doesNotContain(code);
    }

    @Test
    void invalidInputIsOneLinePerProblemAndExitTwo() throws Exception {
        Path pool = file("bad.yaml", POOL.replace("dallas-16", "dallas-99").replace("cli-pool", "bad-pool"));
        String key = lab.hosts().loginKeyPath().toString();
        assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", key, "--plan")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("hosts[1].host: There is no edge host named dallas-99 in the inventory.");
        assertThat(run("pool", "apply", "-f", file("junk.yaml", "spec: [").toString(), "--ssh-key", key)).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("invalid: ");
        assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--ssh-key: cannot read " + dir.resolve("nope") + ".\n");
        assertThat(run("pool", "show", "no-such-pool")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("There is no node pool named no-such-pool in retail-edge.\n");
    }

    @Test
    void aPoolLockedByAnotherWorkstationIsRefusedWithExitOne() throws Exception {
        Path pool = file("locked.yaml", POOL.replace("cli-pool", "locked-pool").replace("  - host: dallas-14\n  - host: dallas-16\n",
                "  - host: dallas-12\n"));
        try (Fabric8LeaseLock other = new Fabric8LeaseLock(lab.kube(), "hybridpane-system", Clock.systemUTC());
             OperationLock.Held held = other.acquire("pool-locked-pool", "arn:aws:iam::111122223333:user/other on ws-2",
                     Duration.ofMinutes(2))) {
            assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", lab.hosts().loginKeyPath().toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--apply")).as(err.toString()).isEqualTo(1);
            assertThat(err.toString()).startsWith("pool-locked-pool is locked by arn:aws:iam::111122223333:user/other on ws-2");
            assertThat(err.toString().lines()).hasSize(1);
        }
        assertThat(lab.kube().genericKubernetesResources("hybridpane.dev/v1alpha1", "HybridNodePool")
                .inNamespace("hybridpane-system").withName("locked-pool").get()).as("nothing was done").isNull();
    }
}
