package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.KubeletFlagRules;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileRules;
import dev.hybridpane.hostile.Hostile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Invalid input never reaches AWS, the cluster or a host: hostile values through the CLI in-process (`pool apply
 * --apply` with a pool YAML, `profile apply --apply`, `hosts import` with a CSV) against one lab end with exit 2 and
 * one-line refusals, and the lab sees no mutating AWS call, no change in hybridpane-system and no SSH command.
 */
class InvalidInputLabPropertiesTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final String POOL = "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: cli-pool, namespace: "
            + "hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  labels: {workload: cli}\n"
            + "  hosts:\n  - host: dallas-14\n    vpnServerIp: 10.200.1.1\n";
    static final List<String> KINDS = List.of("v1/ConfigMap", "coordination.k8s.io/v1/Lease", "v1/Event",
            "hybridpane.dev/v1alpha1/HybridNodePool", "hybridpane.dev/v1alpha1/ClusterProfile", "hybridpane.dev/v1alpha1/EdgeHost",
            "hybridpane.dev/v1alpha1/Site");
    static Path dir;
    static PoolLab lab;
    static int runs;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("hostile-lab");
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-12", "dallas-14", "dallas-16"));
        PoolEnvironment.sharedLab = lab.lab;
        ProfileEnvironment.sharedLab = lab.lab;
    }

    @AfterContainer
    static void stop() throws IOException {
        System.out.printf("[jqwik] %d invalid CLI runs against the lab: 0 mutating AWS calls, 0 cluster writes, 0 SSH commands%n", runs);
        PoolEnvironment.sharedLab = null;
        ProfileEnvironment.sharedLab = null;
        lab.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Edit(String field, String value) {
    }

    /** A value the field's own rule refuses. */
    static Arbitrary<String> refusedBy(Arbitrary<String> valid, Predicate<String> refused) {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(valid)).filter(refused);
    }

    @Provide
    Arbitrary<Edit> poolEdits() {
        return Arbitraries.oneOf(
                refusedBy(Arbitraries.just("dallas-dc"), v -> HostInputRules.name(v.strip()).isPresent()).map(v -> new Edit("site: dallas-dc", v)),
                refusedBy(Arbitraries.just("cli-pool"), v -> PoolRules.name(v.strip()).isPresent()).map(v -> new Edit("name: cli-pool", v)),
                refusedBy(Arbitraries.just("cli"), v -> KubeletFlagRules.labelValue(v).isPresent()).map(v -> new Edit("workload: cli", v)),
                refusedBy(Arbitraries.just("dallas-14"), v -> HostInputRules.name(v.strip()).isPresent()).map(v -> new Edit("host: dallas-14", v)),
                refusedBy(Arbitraries.just("10.200.1.1"), v -> !v.isBlank() && Cidr.parseAddress(v.strip()).isEmpty()).map(v -> new Edit("vpnServerIp: 10.200.1.1", v)));
    }

    @Property(tries = 12, seed = Hostile.SEED)
    void anInvalidPoolIsRefusedAndNothingIsCalled(@ForAll("poolEdits") Edit e) throws Exception {
        String yaml = POOL.replace(e.field(), e.field().substring(0, e.field().indexOf(':') + 2) + yamlString(e.value()));
        String key = lab.hosts().loginKeyPath().toString();
        refusedTouchingNothing(List.of("pool", "apply", "-f", file("pool.yaml", yaml), "--ssh-key", key, "--known-hosts",
                dir.resolve("known_hosts").toString(), "--apply"));
    }

    @Provide
    Arbitrary<String> profiles() {
        String valid = CliProfileTest.yaml("1.31");
        return Arbitraries.oneOf(
                Hostile.anyString().map(v -> valid.replace("1.31", yamlString(v))),
                Hostile.anyString().map(v -> valid.replace("- curl", "- " + yamlString("curl" + v))),
                Hostile.spoiled(Arbitraries.just(valid))).filter(InvalidInputLabPropertiesTest::invalidProfile);
    }

    /** Refused by the reader or by the profile's rules (a hostile value may still be valid: "curl-7" is a package). */
    static boolean invalidProfile(String yaml) {
        try {
            return ProfileRules.hasErrors(ProfileRules.validate(ProfileMapper.fromYaml(yaml).latest().layers()));
        } catch (IllegalArgumentException refused) {
            return true;
        }
    }

    @Property(tries = 12, seed = Hostile.SEED)
    void anInvalidProfileIsRefusedAndNothingIsCalled(@ForAll("profiles") String yaml) throws Exception {
        refusedTouchingNothing(List.of("profile", "apply", "-f", file("profile.yaml", yaml), "--apply"));
    }

    @Provide
    Arbitrary<String> csvs() {
        Arbitrary<String> badRow = Combinators.combine(refusedBy(Arbitraries.just("dallas-20"),
                v -> HostInputRules.name(v.strip().toLowerCase(Locale.ROOT)).isPresent()),
                Arbitraries.of("10.200.1.20", "dallas-20.example.com")).as((n, a) -> csvField(n) + "," + a + ",dallas-dc,ubuntu,22");
        Arbitrary<String> badAddress = refusedBy(Arbitraries.just("10.200.1.21"), v -> HostInputRules.address(v).isPresent())
                .map(a -> "dallas-21," + csvField(a) + ",dallas-dc,ubuntu,22");
        Arbitrary<String> badUser = refusedBy(Arbitraries.just("ubuntu"), v -> !v.isBlank() && HostInputRules.user(v).isPresent())
                .map(u -> "dallas-22,10.200.1.22,dallas-dc," + csvField(u) + ",22");
        Arbitrary<String> badPort = refusedBy(Arbitraries.just("22"), v -> !v.isBlank() && HostInputRules.port(v).isPresent())
                .map(p -> "dallas-23,10.200.1.23,dallas-dc,ubuntu," + csvField(p));
        return Arbitraries.oneOf(badRow, badAddress, badUser, badPort).map(r -> "name,address,site,user,port\n" + r + "\n");
    }

    @Property(tries = 40, seed = Hostile.SEED)
    void anInvalidCsvIsRefusedAndNothingIsCalled(@ForAll("csvs") String csv) throws Exception {
        refusedTouchingNothing(List.of("hosts", "import", "--csv", file("hosts.csv", csv), "--ssh-key",
                lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString()));
    }

    private static void refusedTouchingNothing(List<String> args) {
        Map<String, Integer> aws = mutatingAwsCalls();
        Map<String, String> kube = clusterObjects();
        long ssh = lab.hosts().commandCount();
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
        runs++;
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
        List<String> lines = err.toString().strip().lines().toList();
        assertThat(lines).as("stderr").isNotEmpty().allSatisfy(l -> {
            Hostile.assertGoodMessage(l);
            assertThat(l).doesNotStartWith("\tat ").doesNotContain("Exception");
        });
        assertThat(lines.size()).as("one line a problem: %s", err).isLessThanOrEqualTo(4);
        assertThat(mutatingAwsCalls()).as("mutating AWS calls").isEqualTo(aws);
        assertThat(clusterObjects()).as("objects in hybridpane-system").isEqualTo(kube);
        assertThat(lab.hosts().commandCount()).as("SSH commands run on the lab's hosts").isEqualTo(ssh);
    }

    /** The AWS calls that change something (not Describe, List, Get), by operation. */
    private static Map<String, Integer> mutatingAwsCalls() {
        Map<String, Integer> out = new TreeMap<>();
        lab.lab.aws().inspect().requestCounts().forEach((op, n) -> {
            String name = op.substring(op.indexOf(':') + 1);
            if (!name.startsWith("Describe") && !name.startsWith("List") && !name.startsWith("Get")) {
                out.put(op, n);
            }
        });
        return out;
    }

    /** Every object in hybridpane-system with its resourceVersion: a write changes it. */
    private static Map<String, String> clusterObjects() {
        Map<String, String> out = new TreeMap<>();
        for (String k : KINDS) {
            int slash = k.lastIndexOf('/');
            for (GenericKubernetesResource r : lab.kube().genericKubernetesResources(k.substring(0, slash), k.substring(slash + 1))
                    .inNamespace("hybridpane-system").list().getItems()) {
                out.put(k + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion());
            }
        }
        return out;
    }

    private static String yamlString(String v) {
        StringBuilder b = new StringBuilder("\"");
        v.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }

    private static String csvField(String v) {
        return "\"" + v.replace("\"", "\"\"").replace("\n", " ").replace("\r", " ") + "\"";
    }

    private static String file(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8)).toString(); // lone surrogates as '?'

    }
}
