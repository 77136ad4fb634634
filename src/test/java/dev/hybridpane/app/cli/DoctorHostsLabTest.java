package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabHostFleet.NetworkFault;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `hybridpane doctor --lab --cluster retail-edge --region us-west-2 --hosts` after `hosts import --accept-new-host-keys` of
 * the pools' hosts: every host gets its four on-prem checks (route, firewall, time, API), and each host of the Roles
 * Anywhere pool store-pos its certificate check too, all passing, and exit 0; a host
 * whose site router lost its route to the VPC (the lab's network fault) fails its host.api check (its own route still
 * passes), and the run exits 1.
 */
class DoctorHostsLabTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final List<String> POOL_HOSTS = List.of("dallas-18", "dallas-19", "dallas-20", "dallas-21", "austin-11", "austin-12",
            "austin-13", "austin-14");
    static final List<String> KINDS = List.of("host.route", "host.firewall", "host.time", "host.api");
    /** store-pos (IAM Roles Anywhere) runs on austin-11..14: their certificates are read too. */
    static final List<String> CERTIFIED_HOSTS = List.of("austin-11", "austin-12", "austin-13", "austin-14");
    @TempDir
    static Path dir;
    static Lab lab;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        PoolEnvironment.sharedLab = lab;
        lab.edgeHosts();
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        lab.close();
    }

    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
    }

    /** The host checks of a JSON report: id to status. */
    Map<String, String> hostChecks() throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode c : new ObjectMapper().readTree(out.toString()).get("checks")) {
            if (c.get("id").asText().startsWith("host.")) {
                m.put(c.get("id").asText(), c.get("status").asText());
            }
        }
        return m;
    }

    @Test
    void theImportedPoolHostsPassTheirFourChecksAndABrokenHostFailsTheRun() throws Exception {
        String key = lab.edgeHosts().loginKeyPath().toString();
        String known = dir.resolve("known_hosts").toString();
        // one host first, then the pools' eight at once (the first SSH login of the JVM loads its crypto: slow on a busy CI)
        for (List<String> batch : List.of(POOL_HOSTS.subList(0, 1), POOL_HOSTS)) {
            String csv = lab.edgeHosts().csv().lines().filter(l -> l.startsWith("name,") || batch.contains(l.split(",")[0]))
                    .collect(Collectors.joining("\n", "", "\n"));
            Path hosts = Files.writeString(dir.resolve("hosts.csv"), csv);
            assertThat(run("hosts", "import", "--csv", hosts.toString(), "--ssh-key", key, "--known-hosts", known,
                    "--accept-new-host-keys")).as(out + "\n" + err).isZero();
        }

        String[] doctor = {"doctor", "--hosts", "--ssh-key", key, "--known-hosts", known, "-o", "json"};
        assertThat(run(doctor)).as(out + "\n" + err).isZero();
        Map<String, String> checks = hostChecks();
        List<String> expected = Stream.concat(POOL_HOSTS.stream().flatMap(h -> KINDS.stream().map(k -> k + "@" + h)),
                CERTIFIED_HOSTS.stream().map(h -> "host.certificate@" + h)).sorted().toList();
        assertThat(checks.keySet()).containsExactlyElementsOf(expected);
        assertThat(checks.values()).as(out.toString()).containsOnly("pass");

        lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, true);
        try {
            assertThat(run(doctor)).as(out + "\n" + err).isEqualTo(1);
        } finally {
            lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, false);
        }
        checks = hostChecks();
        assertThat(checks).containsEntry("host.api@austin-12", "fail").containsEntry("host.route@austin-12", "pass");
        assertThat(checks.entrySet().stream().filter(e -> !e.getValue().equals("pass")).map(Map.Entry::getKey))
                .containsExactly("host.api@austin-12");

        String[] text = {"doctor", "--hosts", "--ssh-key", key, "--known-hosts", known};
        lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, true);
        try {
            assertThat(run(text)).isEqualTo(1);
        } finally {
            lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, false);
        }
        assertThat(out.toString()).containsPattern("(?m)^  FAIL +API server reachable: TCP \\d+ to 127\\.0\\.0\\.1 timed out "
                + "after 5 s from austin-12: the kubelet cannot reach the API server\\.");
    }
}
