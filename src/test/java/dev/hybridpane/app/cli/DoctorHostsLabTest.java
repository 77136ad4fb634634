package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.Fault;
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
 * passes), one whose chrony was stopped its host.time, one whose ufw was turned on its host.firewall, and the run exits 1.
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
    void theImportedPoolHostsPassTheirChecksAndABrokenHostFailsTheRun() throws Exception {
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

        // the VPC's CIDR (what the hosts must route) cannot be read: the hosts are one UNKNOWN naming the permission, the
        // rest of the report still runs, and an unknown does not fail the run
        lab.aws().setFault("ec2:DescribeVpcs", Fault.ACCESS_DENIED);
        try {
            assertThat(run(doctor)).as(out + "\n" + err).isZero();
        } finally {
            lab.aws().clearFaults();
        }
        JsonNode denied = new ObjectMapper().readTree(out.toString()).get("checks");
        Map<String, JsonNode> byId = new TreeMap<>();
        denied.forEach(c -> byId.put(c.get("id").asText(), c));
        assertThat(byId).containsKey("host.probes").containsKey("aws.vpn@vpn-07c1d2e3f4a5b6c7d");
        assertThat(byId.get("host.probes").get("status").asText()).isEqualTo("unknown");
        assertThat(byId.get("host.probes").get("summary").asText()).isEqualTo("unknown: missing permission ec2:DescribeVpcs");
        assertThat(byId.get("aws.vpn@vpn-07c1d2e3f4a5b6c7d").get("status").asText()).isEqualTo("pass");

        // a colleague's day: austin-12's site loses its route to the VPC, chrony is stopped on dallas-19, ufw is turned
        // on (SSH allowed, nothing else) on dallas-20
        String[] text = {"doctor", "--hosts", "--ssh-key", key, "--known-hosts", known};
        lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, true);
        try {
            onHost("dallas-19", "sudo -n systemctl stop chrony");
            onHost("dallas-20", "sudo -n ufw allow 22/tcp", "sudo -n ufw --force enable");
            assertThat(run(doctor)).as(out + "\n" + err).isEqualTo(1);
            checks = hostChecks();
            assertThat(run(text)).isEqualTo(1);
        } finally {
            lab.hostFleet().networkFault("austin-12", NetworkFault.SITE_ROUTE_TO_VPC_LOST, false);
            onHost("dallas-19", "sudo -n systemctl start chrony");
            onHost("dallas-20", "sudo -n ufw disable");
        }
        assertThat(checks).containsEntry("host.route@austin-12", "pass");
        assertThat(checks.entrySet().stream().filter(e -> !e.getValue().equals("pass")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("host.api@austin-12", "host.time@dallas-19", "host.firewall@dallas-20");
        assertThat(checks).containsEntry("host.api@austin-12", "fail").containsEntry("host.time@dallas-19", "fail")
                .containsEntry("host.firewall@dallas-20", "fail");
        assertThat(out.toString()).containsPattern("(?m)^  FAIL +API server reachable: TCP \\d+ to 127\\.0\\.0\\.1 timed out "
                + "after 5 s from austin-12: the kubelet cannot reach the API server\\.")
                .containsPattern("(?m)^  FAIL +Clock in sync: dallas-19's clock is not synchronized")
                .containsPattern("(?m)^  FAIL +Firewall lets the kubelet and the overlay in: dallas-20's firewall \\(ufw\\) does "
                        + "not let 10250/tcp and 8472/udp in");
    }

    /** Commands a colleague runs on a host over SSH. */
    static void onHost(String host, String... commands) {
        for (String c : commands) {
            var r = lab.edgeHosts().exec(host, c, null);
            assertThat(r.exit()).as(host + ": " + c + ": " + r.stderr()).isZero();
        }
    }
}
