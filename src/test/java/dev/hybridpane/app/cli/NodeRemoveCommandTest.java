package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.pool.PoolLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `node remove` (plan, apply, invalid input) and `pool apply` of a changed pool file (--plan), on one shared lab. */
class NodeRemoveCommandTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    @TempDir
    static Path dir;
    static PoolLab lab;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
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
        return HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
    }

    static String pool(String... hosts) {
        StringBuilder b = new StringBuilder("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: cli-day2, "
                + "namespace: hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n"
                + "  labels: {workload: cli}\n  hosts:\n");
        for (String h : hosts) {
            b.append("  - host: ").append(h).append('\n');
        }
        return b.toString();
    }

    @Test
    void aNodeIsPlannedThenRemovedAndAPoolFileWithAnotherHostPlansItsJoin() throws Exception {
        String key = lab.hosts().loginKeyPath().toString();
        String known = dir.resolve("known_hosts").toString();
        Path file = Files.writeString(dir.resolve("pool.yaml"), pool("dallas-12", "dallas-14"));
        assertThat(run("pool", "apply", "-f", file.toString(), "--ssh-key", key, "--known-hosts", known, "--apply",
                "--ready-timeout", "60")).as(err.toString()).isZero();
        assertThat(run("pool", "show", "cli-day2", "-o", "json")).isZero();
        Matcher m = Pattern.compile("\"host\" : \"dallas-14\",\\s*\"node\" : \"(mi-[0-9a-f]{17})\"").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String node = m.group(1);

        assertThat(run("node", "remove", node, "--plan")).as(err.toString()).isZero();
        String plan = out.toString();
        assertThat(plan).startsWith("Remove node " + node + " from pool cli-day2");
        List<String> order = List.of("Cordon node " + node, "Drain node " + node, "nodeadm uninstall on dallas-14",
                "Wait until node " + node + " is NotReady", "Delete node " + node, "Wait until SSM no longer lists managed instance "
                        + node, "Host dallas-14 back to available");
        int at = -1;
        for (String step : order) {
            int i = plan.indexOf(step);
            assertThat(i).as(step + " in order in\n" + plan).isGreaterThan(at);
            at = i;
        }
        assertThat(plan).contains("sudo -n nodeadm uninstall", "PodDisruptionBudgets respected", "timeout 10 min");
        assertThat(lab.kube().nodes().withName(node).get().getSpec().getUnschedulable()).as("a plan changes nothing")
                .isNotEqualTo(Boolean.TRUE);

        Path grown = Files.writeString(dir.resolve("grown.yaml"), pool("dallas-12", "dallas-14", "dallas-16"));
        assertThat(run("pool", "apply", "-f", grown.toString(), "--ssh-key", key, "--known-hosts", known, "--plan"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Change node pool cli-day2").contains("hosts that join: dallas-16",
                "nodes removed, one at a time: none");
        Path shrunk = Files.writeString(dir.resolve("shrunk.yaml"), pool("dallas-12"));
        assertThat(run("pool", "apply", "-f", shrunk.toString(), "--ssh-key", key, "--known-hosts", known, "--plan",
                "--disable-eviction")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("nodes removed, one at a time: " + node + " (host dallas-14)", "Cordon node " + node,
                "delete pods (PodDisruptionBudgets bypassed: --disable-eviction)");

        assertThat(run("node", "remove", node, "--apply", "--ssh-key", key, "--known-hosts", known)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Node " + node + " removed from pool cli-day2; host dallas-14 is available.");
        assertThat(lab.kube().nodes().withName(node).get()).isNull();
        assertThat(run("pool", "show", "cli-day2", "-o", "json")).isZero();
        assertThat(out.toString()).doesNotContain("dallas-14");
    }

    @Test
    void invalidInputIsOneLineAndExitTwo() {
        assertThat(run("node", "remove", "mi-00000000000000000", "--plan")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("Cluster retail-edge has no node mi-00000000000000000.");
        assertThat(run("node", "remove", "mi-00000000000000000", "--drain-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("--drain-timeout: a duration such as 90s, 10m or 1h, not \"soon\".");
        assertThat(run("node", "remove", "mi-00000000000000000", "--apply")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("--ssh-key: needed with --apply");
        String cloud = lab.kube().nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                .filter(n -> !n.startsWith("mi-")).findFirst().orElseThrow();
        assertThat(run("node", "remove", cloud, "--plan")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("Node " + cloud + " is in no node pool (it has no hybridpane.dev/pool label).");
    }
}
