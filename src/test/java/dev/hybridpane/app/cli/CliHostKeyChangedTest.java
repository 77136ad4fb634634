package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolUpgradeLabAccess;
import dev.hybridpane.core.pool.RaWorld;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed host key is refused by every host-bound CLI command, with and without --accept-new-host-keys, every time:
 * exit 1, one line naming the host's address, the trusted and presented fingerprints and the known_hosts line to remove,
 * and not one command reached the host (the lab's hosts count what they ran). Rounds: -Dhybridpane.hostkey.rounds (the
 * bench, bench/ssh-faults.sh, runs 20).
 */
class CliHostKeyChangedTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final List<String> HOSTS = List.of("austin-07", "dallas-12", "dallas-16");
    @TempDir
    static Path dir;
    static PoolLab lab;
    static String node;
    static final Map<String, KnownHost> TRUSTED = new LinkedHashMap<>();

    record Ran(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        BcCertificateAuthority pki = new BcCertificateAuthority();
        String ca = pki.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key")).pem();
        lab = new PoolLab(dir, RaWorld.withCa(ca));
        lab.importHosts("austin-store-112", "10.200.2.0/24", List.of("austin-07"));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-12", "dallas-16"));
        try (CaKey key = pki.readKey(dir.resolve("ca.key"), () -> null)) {
            create(new HybridNodePool("ra-key", "austin-store-112", new ProfileRef("pos-iam-ra", 1), Map.of(), List.of(), "",
                    List.of(), List.of(PoolHost.of("austin-07"))), key);
        }
        PoolUpgradeLabAccess.createOnV1(lab, "upg-key", "dallas-dc", List.of("dallas-12"));
        node = lab.kube().nodes().withLabel("hybridpane.dev/pool", "upg-key").list().getItems().get(0).getMetadata().getName();
        PoolEnvironment.sharedLab = lab.lab;
        for (String h : HOSTS) {
            TRUSTED.put(h, lab.known.find("127.0.0.1:" + port(h)).orElseThrow());
            lab.hosts().newHostKey(h); // reinstalled, or a machine in the middle
        }
    }

    static void create(HybridNodePool p, CaKey key) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolService.Checked c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60),
                    key);
            assertThat(c.errors()).isEmpty();
            Journal j = lab.service().apply(c.inputs(), pools, journals, lock, "test@ws", new CancelToken(), x -> { });
            journals.flush();
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        }
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        if (lab != null) {
            lab.close();
        }
    }

    static int port(String host) {
        return lab.hosts().hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow().port();
    }

    static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        int code = HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
        return new Ran(code, out.toString(), err.toString());
    }

    static String[] keys(String... args) {
        List<String> l = new ArrayList<>(List.of(args));
        l.addAll(List.of("--ssh-key", lab.hosts().loginKeyPath().toString(), "--known-hosts", lab.known.file().toString()));
        return l.toArray(String[]::new);
    }

    /** The refusal of this host: its address, both fingerprints, the line to remove and the file it is in. */
    static String refusal(String host, String newFingerprint) {
        String line = "[127.0.0.1]:" + port(host);
        String file = lab.known.file().toAbsolutePath().toString();
        return "Host key changed, connection refused. Trusted " + TRUSTED.get(host).fingerprint() + ", presented "
                + newFingerprint + ". If 127.0.0.1:" + port(host) + " was reinstalled, check the new key on its console, remove "
                + "its line (" + line + ") from " + file + " (ssh-keygen -R '" + line + "' -f " + file + ") and reconnect.";
    }

    @Test
    void everyHostBoundCommandRefusesAChangedKeyEveryTimeAndRunsNothingOnTheHost() throws Exception {
        Path csv = Files.writeString(dir.resolve("hosts.csv"), lab.hosts().csv().lines()
                .filter(l -> l.startsWith("name,") || HOSTS.contains(l.split(",")[0])).collect(Collectors.joining("\n", "", "\n")));
        Path newPool = Files.writeString(dir.resolve("new-pool.yaml"), "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\n"
                + "metadata: {name: new-key, namespace: hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, "
                + "version: 1}\n  hosts:\n  - host: dallas-16\n");
        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("hosts import", keys("hosts", "import", "--csv", csv.toString()));
        commands.put("hosts import --accept-new-host-keys", keys("hosts", "import", "--csv", csv.toString(),
                "--accept-new-host-keys"));
        commands.put("pool apply", keys("pool", "apply", "-f", newPool.toString(), "--apply", "--ready-timeout", "30"));
        commands.put("pool upgrade", keys("pool", "upgrade", "upg-key", "--to-version", "2", "--apply"));
        commands.put("node remove", keys("node", "remove", node, "--apply"));
        commands.put("pool rotate-certs", keys("pool", "rotate-certs", "ra-key", "--ca-key", dir.resolve("ca.key").toString(),
                "--apply"));
        commands.put("doctor --hosts", keys("doctor", "--hosts"));
        Map<String, Integer> ranBefore = new LinkedHashMap<>();
        HOSTS.forEach(h -> ranBefore.put(h, lab.hosts().faults().count(h)));
        int rounds = Integer.getInteger("hybridpane.hostkey.rounds", 1);
        int refused = 0;
        long t0 = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, String[]> c : commands.entrySet()) {
                Ran r = run(c.getValue());
                String what = "round " + round + ", " + c.getKey() + ":\n" + r.out() + r.err();
                assertThat(r.code()).as(what).isEqualTo(1);
                assertThat(r.out() + r.err()).as(what).containsPattern("Host key changed, connection refused\\. Trusted SHA256:")
                        .doesNotContain("Exception", "\tat ");
                boolean named = false;
                for (String h : HOSTS) {
                    Matcher m = Pattern.compile("Trusted " + Pattern.quote(
                            TRUSTED.get(h).fingerprint()) + ", presented (SHA256:[A-Za-z0-9+/]{43})").matcher(r.out() + r.err());
                    if (m.find()) {
                        assertThat(r.out() + r.err()).as(what).contains(refusal(h, m.group(1)));
                        named = true;
                    }
                }
                assertThat(named).as(what).isTrue();
                if (c.getKey().startsWith("doctor")) {
                    assertThat(r.out()).as(what).containsPattern("(?m)^  FAIL +Route to the VPC: cannot reach dallas-16 over SSH: Host "
                            + "key changed");
                }
                if (!c.getKey().startsWith("hosts import") && !c.getKey().startsWith("doctor")) {
                    assertThat(r.err().strip().lines().count()).as("one line: " + what).isEqualTo(1);
                }
                refused++;
            }
        }
        System.out.printf("changed host key: %d/%d runs refused (%d rounds over %d commands) in %d ms%n", refused,
                rounds * commands.size(), rounds, commands.size(), (System.nanoTime() - t0) / 1_000_000);
        for (String h : HOSTS) {
            assertThat(lab.hosts().faults().count(h)).as("commands run on " + h + " after its key changed")
                    .isEqualTo(ranBefore.get(h));
            assertThat(lab.known.find("127.0.0.1:" + port(h))).as("the old key stays trusted: nothing accepted the new one")
                    .map(KnownHost::fingerprint).contains(TRUSTED.get(h).fingerprint());
        }
    }
}
