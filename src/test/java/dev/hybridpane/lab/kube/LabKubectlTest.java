package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against a lab API server: server-side printing gives it the columns a real cluster would. */
class LabKubectlTest {
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static LabKube lab;
    @TempDir
    static Path dir;
    static Path kubeconfig;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at /usr/bin/kubectl");
        lab = new LabKube(LabWorld.load());
        lab.start();
        kubeconfig = lab.writeKubeconfig(dir.resolve("kubeconfig"));
        LabKubeTablesTest.installCrdsAndAHost(lab.client(LabKubeTablesTest.RETAIL));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void getNodesWide() throws Exception {
        List<String> out = kubectl("get", "nodes", "-o", "wide");
        assertThat(out.get(0).split("\\s{2,}")).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP",
                "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
        assertThat(out).hasSize(12);
        assertThat(out.subList(1, out.size())).allMatch(l -> l.contains(" Ready ") && l.contains("containerd://1.7.27"));
        assertThat(out).anyMatch(l -> l.startsWith("store-pos-01 ") && l.contains("10.200.2."));
    }

    @Test
    void getNodesNarrowHidesWideColumns() throws Exception {
        List<String> out = kubectl("get", "nodes", "-l", "eks.amazonaws.com/compute-type=hybrid");
        assertThat(out.get(0).split("\\s{2,}")).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(out).hasSize(9);
    }

    @Test
    void getDaemonSetsAndEvents() throws Exception {
        List<String> ds = kubectl("get", "ds", "-n", "kube-system");
        assertThat(ds.get(0).split("\\s{2,}")).containsExactly("NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE",
                "AVAILABLE", "NODE SELECTOR", "AGE");
        List<String> events = kubectl("get", "events", "-A");
        assertThat(events.get(0).split("\\s{2,}")).containsExactly("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(events).anyMatch(l -> l.startsWith("default ") && l.contains("Warning") && l.contains("NodeNotReady"));
    }

    @Test
    void getEdgeHostsUsesPrinterColumns() throws Exception {
        List<String> out = kubectl("get", "edgehosts", "-n", "hybridpane-system");
        assertThat(out.get(0).split("\\s{2,}")).containsExactly("NAME", "ADDRESS", "SITE", "OS", "ARCH", "STATUS", "POOL",
                "LAST-SEEN", "AGE");
        assertThat(out.get(1)).startsWith("store-pos-09").contains("10.200.2.19", "store-214", "Ubuntu 22.04.5 LTS", " amd64 ", " Ready ")
                .doesNotContain("null").matches(".* \\d+s");
    }

    private static List<String> kubectl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "--context", "retail-edge" + LabKube.STATIC_SUFFIX));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
