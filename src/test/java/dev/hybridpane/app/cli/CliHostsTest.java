package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hosts import` of the lab's own CSV (a subset) and key, `hosts list`, then `pool apply --plan` on those hosts. */
class CliHostsTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    @TempDir
    static Path dir;
    static Lab lab;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        PoolEnvironment.sharedLab = lab;
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

    /** The lab's CSV, as `hybridpane lab` writes it, cut to the header and these hosts. */
    private static Path csv(String name, String... hosts) throws Exception {
        List<String> keep = List.of(hosts);
        String text = lab.edgeHosts().csv().lines().filter(l -> l.startsWith("name,") || keep.contains(l.split(",")[0]))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(text.lines()).hasSize(hosts.length + 1);
        return Files.writeString(dir.resolve(name), text);
    }

    private static String key() {
        return lab.edgeHosts().loginKeyPath().toString();
    }

    @Test
    void importsTheLabsCsvWithItsKeyThenListsTheHostsWithFactsAndAPoolCanBePlannedOnThem() throws Exception {
        Path csv = csv("hosts.csv", "dallas-12", "dallas-14", "dallas-16", "austin-04");
        String known = dir.resolve("known_hosts").toString();
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--accept-new-host-keys")).as(out + "\n" + err).isZero();
        String o = out.toString();
        // the lab's seeded pools stored both sites (with their hosts) when it started: the import creates none
        assertThat(o).doesNotContain("created").contains("4 hosts stored in retail-edge, 4 reached.");
        assertThat(o).containsPattern("Trusted the new host key of dallas-14 \\(127\\.0\\.0\\.1:\\d+\\): \\S+ SHA256:\\S+");
        assertThat(o).containsPattern("(?m)^dallas-14 +127\\.0\\.0\\.1:\\d+ +Available +\\S.* +x86_64$");
        assertThat(o).containsPattern("(?m)^dallas-16 +127\\.0\\.0\\.1:\\d+ +Available ");
        // austin-04 has no passwordless sudo: reached, incompatible, the failing check's reason on its line
        assertThat(o).containsPattern("(?m)^austin-04 +127\\.0\\.0\\.1:\\d+ +Incompatible +\\S.* +x86_64 +\\S+");
        assertThat(err.toString()).isEmpty();

        assertThat(run("hosts", "list", "-o", "json")).as(err.toString()).isZero();
        Map<String, JsonNode> rows = new HashMap<>();
        new ObjectMapper().readTree(out.toString()).forEach(n -> rows.put(n.path("name").asText(), n));
        assertThat(rows).containsKeys("dallas-12", "dallas-14", "dallas-16", "austin-04");
        JsonNode d14 = rows.get("dallas-14");
        assertThat(d14.path("site").asText()).isEqualTo("dallas-dc");
        assertThat(d14.path("status").asText()).isEqualTo("Available");
        assertThat(d14.path("arch").asText()).isEqualTo("x86_64");
        assertThat(d14.path("os").asText()).isNotBlank();
        assertThat(d14.path("address").asText()).startsWith("127.0.0.1:");
        assertThat(rows.get("austin-04").path("status").asText()).isEqualTo("Incompatible");
        assertThat(rows.get("austin-04").path("reason").asText()).isNotBlank();
        assertThat(run("hosts", "list")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^dallas-14 +dallas-dc +127\\.0\\.0\\.1:\\d+ +Available ");

        // importing again updates the same hosts (keys now known): no duplicates, still exit 0
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).doesNotContain("Trusted", "created");

        Path pool = Files.writeString(dir.resolve("pool.yaml"), CliPoolTest.POOL);
        assertThat(run("pool", "apply", "-f", pool.toString(), "--ssh-key", key(), "--known-hosts", known, "--plan"))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("dallas-14:", "dallas-16:", "sudo -n nodeadm install");

        // the whole CSV `hybridpane lab` prints imports as is: every row stored; austin-05 is down, so exit 1
        Path all = dir.resolve("all.csv");
        Files.copy(lab.edgeHosts().csvPath(), all);
        int rowsInCsv = (int) Files.readString(all).lines().count() - 1;
        assertThat(run("hosts", "import", "--csv", all.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--accept-new-host-keys")).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^austin-05 +127\\.0\\.0\\.1:\\d+ +Unreachable ")
                .contains(rowsInCsv + " hosts stored in retail-edge, " + (rowsInCsv - 1) + " reached.");
        assertThat(err.toString()).isEqualTo("Not reached: austin-05.\n");
        assertThat(run("hosts", "list", "-o", "json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString())).hasSize(rowsInCsv);

        // austin-06 presents another key after its first login: refused, even with --accept-new-host-keys (its line
        // keeps the facts last seen, as the view does)
        Path one = csv("austin-06.csv", "austin-06");
        assertThat(run("hosts", "import", "--csv", one.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--accept-new-host-keys")).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^austin-06 +127\\.0\\.0\\.1:\\d+ +Unreachable +Ubuntu.* x86_64 +Host key changed, "
                + "connection refused\\. Trusted SHA256:\\S+, presented SHA256:\\S+\\.").doesNotContain("Trusted the new host key");
    }

    @Test
    void anUnknownHostKeyFailsItsHostWithItsFingerprintWithoutAcceptNew() throws Exception {
        Path csv = csv("unknown.csv", "dallas-07");
        Path known = dir.resolve("empty_known_hosts");
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known.toString()))
                .as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).containsPattern(
                "(?m)^dallas-07 +127\\.0\\.0\\.1:\\d+ +Unknown .*Host key not trusted yet: \\S+ SHA256:[A-Za-z0-9+/]{43}");
        assertThat(out.toString()).contains("1 host stored in retail-edge, 0 reached.")
                .doesNotContain("Site dallas-dc created");
        assertThat(err.toString()).isEqualTo("Not reached: dallas-07. Check the fingerprints of the keys not trusted yet, "
                + "then rerun with --accept-new-host-keys.\n");
        assertThat(Files.exists(known) && Files.readString(known).contains("127.0.0.1")).as("nothing trusted").isFalse();
    }

    @Test
    void aBadCsvRowIsOneLineAndExitTwoAndNothingIsStored() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "name,address,site,user,port\nbad-01,127.0.0.1,dallas-dc,ubuntu,22\n"
                + "bad-02,127.0.0.1,dallas-dc,ubuntu,99999\n");
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--accept-new-host-keys")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("bad.csv: Row 3: port: Port 99999 is out of range 1-65535.\n");
        assertThat(run("hosts", "list", "-o", "json")).isZero();
        assertThat(out.toString()).doesNotContain("bad-01");
        assertThat(run("hosts", "import", "--csv", dir.resolve("none.csv").toString(), "--ssh-key", key())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--csv: cannot read " + dir.resolve("none.csv") + ".\n");
    }

    @Test
    void aSiteWhoseNodeCidrTheHostsDoNotShowIsRefusedUntilSiteCidrGivesIt() throws Exception {
        // austin-03's node IP (192.168.10.23) is outside the remote node networks: no CIDR for a new site from it
        Path csv = Files.writeString(dir.resolve("corner.csv"), lab.edgeHosts().csv().lines()
                .filter(l -> l.startsWith("austin-03,")).map(l -> l.replace("austin-store-112", "corner-store"))
                .collect(Collectors.joining("\n", "", "\n")));
        String known = dir.resolve("corner_known_hosts").toString();
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--accept-new-host-keys")).as(out + "\n" + err).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("Site corner-store does not exist and cannot be created: Enter at least one "
                + "node CIDR. Give its node CIDR with --site-cidr corner-store=CIDR.\n");
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--site-cidr", "corner-store=10.200.0.0/33")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--site-cidr corner-store: '10.200.0.0/33' has a prefix outside 0..32.\n");
        assertThat(run("hosts", "import", "--csv", csv.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--site-cidr", "corner-store=10.200.9.0/24")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Site corner-store created with node CIDR 10.200.9.0/24.")
                .containsPattern("(?m)^austin-03 +127\\.0\\.0\\.1:\\d+ +Incompatible .*Node IP");
    }

    @Test
    void aRowWithTheAddressOfAnotherStoredHostIsRefusedWithExitTwo() throws Exception {
        // without a site (the other tests' sites are theirs to create)
        String known = dir.resolve("dup_known_hosts").toString();
        String port = lab.edgeHosts().csv().lines().filter(l -> l.startsWith("dallas-08,")).findFirst().orElseThrow().split(",")[4];
        Path d08 = Files.writeString(dir.resolve("d08.csv"), "dallas-08,127.0.0.1,,ubuntu," + port + "\n");
        assertThat(run("hosts", "import", "--csv", d08.toString(), "--ssh-key", key(), "--known-hosts", known,
                "--accept-new-host-keys")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).doesNotContain("Site ");
        Path dup = Files.writeString(dir.resolve("dup.csv"), "dup-08,127.0.0.1,,ubuntu," + port + "\n");
        assertThat(run("hosts", "import", "--csv", dup.toString(), "--ssh-key", key(), "--known-hosts", known)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("dup.csv: dup-08: 127.0.0.1:" + port + " is already in the inventory as dallas-08.\n");
        assertThat(run("hosts", "list", "-o", "json")).isZero();
        assertThat(out.toString()).contains("\"dallas-08\"").doesNotContain("dup-08");
    }
}
