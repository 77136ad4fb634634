package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolFormatException;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolMapper;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.pool.Taint;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileFormatException;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Pool and profile manifests (YAML): any text, YAML bombs (aliases that expand exponentially, deep nesting, huge
 * scalars, bounded to about 1 MB of input) and hostile field values are refused with the format exception's one-line
 * message, or read and then refused by the rules; valid pools round-trip.
 */
class ManifestPropertiesTest {
    static final String POOL = "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: cli-pool, namespace: "
            + "hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  labels: {workload: cli}\n"
            + "  hosts:\n  - host: dallas-14\n    vpnServerIp: 10.200.1.1\n";
    static final String PROFILE = ProfileMapper.toYaml(ClusterProfile.create("store-pos", new ProfileLayers(
            OsLayer.agent(List.of("curl"), List.of("time.aws.com"), Map.of(), List.of(), ""),
            KubernetesLayer.of("1.31", CredentialProvider.SSM),
            new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false)),
            Instant.parse("2026-12-01T10:00:00Z"), "test"));

    /** Reads with both mappers: only their format exception escapes, with a one-line message. */
    static void readsOrRefuses(String text, Consumer<HybridNodePool> pool) {
        Throwable t = catchThrowable(() -> pool.accept(PoolMapper.fromYaml(text)));
        if (t != null) {
            assertThat(t).as("%s", t).isInstanceOf(PoolFormatException.class);
            Hostile.assertGoodMessage(t.getMessage());
        }
        Throwable p = catchThrowable(() -> ProfileMapper.fromYaml(text));
        if (p != null) {
            assertThat(p).as("%s", p).isInstanceOf(ProfileFormatException.class);
            Hostile.assertGoodMessage(p.getMessage());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> yamlish = Arbitraries.strings().withChars("abc:-[]{}&*!|>'\"#%@`, \n\t?0123.").ofMaxLength(200);
        return Arbitraries.oneOf(Hostile.anyString(), yamlish, Hostile.spoiled(Arbitraries.of(POOL, PROFILE)));
    }

    @Property(tries = 1500, seed = SEED)
    void anyTextIsReadOrRefusedWithOneLine(@ForAll("texts") String text) {
        readsOrRefuses(text, pool -> PoolRules.validate(pool, true).forEach(p -> Hostile.assertGoodMessage(p.message())));
    }

    @Provide
    Arbitrary<String> bombs() {
        Arbitrary<String> laughs = Arbitraries.integers().between(2, 30).map(n -> {
            StringBuilder b = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (int i = 1; i <= n; i++) {
                b.append("a").append(i).append(": &a").append(i).append(" [");
                for (int j = 0; j < 9; j++) {
                    b.append(j == 0 ? "" : ",").append("*a").append(i - 1);
                }
                b.append("]\n");
            }
            return "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: p}\nspec:\n  labels: *a" + n + "\n"
                    + b.toString().indent(0);
        });
        Arbitrary<String> deep = Combinators.combine(Arbitraries.integers().between(10, 20_000), Arbitraries.of("[", "{a: ", "- "))
                .as((n, open) -> open.equals("- ") ? deepList(n) : open.repeat(n) + "x" + (open.equals("[") ? "]" : "}").repeat(n));
        Arbitrary<String> huge = Arbitraries.integers().between(10_000, 300_000)
                .map(n -> POOL.replace("site: dallas-dc", "site: " + "d".repeat(n)));
        Arbitrary<String> manyKeys = Arbitraries.integers().between(100, 5_000).map(n -> {
            StringBuilder labels = new StringBuilder("  labels:\n");
            for (int i = 0; i < n; i++) {
                labels.append("    k").append(i).append(": v\n");
            }
            return POOL.replace("  labels: {workload: cli}\n", labels.toString());
        });
        return Arbitraries.oneOf(laughs, deep, huge, manyKeys);
    }

    private static String deepList(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, 1000); i++) {
            b.append("  ".repeat(i)).append("-\n");
        }
        return b.toString();
    }

    @Property(tries = 30, seed = SEED)
    void yamlBombsAreRefusedWithOneLineOrReadBounded(@ForAll("bombs") String text) {
        assertThat(text.length()).isLessThan(1_200_000);
        readsOrRefuses(text, pool -> PoolRules.validate(pool, true).forEach(p -> Hostile.assertGoodMessage(p.message())));
    }

    @Provide
    Arbitrary<HybridNodePool> pools() {
        Arbitrary<Taint> taint = Combinators.combine(Valid.qualifiedName(), Arbitraries.oneOf(Valid.labelName(), Arbitraries.just("")),
                Arbitraries.of("NoSchedule", "PreferNoSchedule", "NoExecute")).as(Taint::new);
        Arbitrary<PoolHost> host = Combinators.combine(Valid.dnsSubdomain(), Arbitraries.oneOf(Valid.ipv4(), Arbitraries.just("")))
                .as(PoolHost::new);
        return Combinators.combine(Valid.dnsLabel(), Valid.dnsLabel(), Valid.dnsSubdomain(), Arbitraries.integers().between(1, 99),
                        Arbitraries.maps(Valid.qualifiedName(), Valid.labelName()).ofMaxSize(3), taint.list().ofMaxSize(3),
                        Arbitraries.of("", "amd64", "arm64"), host.list().ofMinSize(1).ofMaxSize(4).uniqueElements(PoolHost::host))
                .as((name, site, profile, version, labels, taints, arch, hosts) -> new HybridNodePool(name, site,
                        new ProfileRef(profile, version), labels, taints, arch, List.of(), hosts));
    }

    @Property(tries = 400, seed = SEED)
    void validPoolsRoundTripThroughYamlAndJson(@ForAll("pools") HybridNodePool pool) {
        assertThat(PoolMapper.fromYaml(PoolMapper.toYaml(pool))).isEqualTo(pool);
        assertThat(PoolMapper.fromYaml(PoolMapper.toJson(pool))).isEqualTo(pool);
    }

    record Edited(String text, String field, String value) {
    }

    @Provide
    Arbitrary<Edited> hostileFields() {
        return Combinators.combine(Arbitraries.of("site: dallas-dc", "name: gpu-ssm", "workload: cli", "host: dallas-14",
                "vpnServerIp: 10.200.1.1", "name: cli-pool"), Hostile.anyString())
                .as((field, value) -> new Edited(POOL.replace(field, field.substring(0, field.indexOf(':') + 2) + "\""
                        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""), field, value));
    }

    @Property(tries = 800, seed = SEED)
    void hostileFieldValuesAreRefusedByTheReaderOrTheRules(@ForAll("hostileFields") Edited e) {
        readsOrRefuses(e.text(), pool -> {
            var problems = PoolRules.validate(pool, true);
            problems.forEach(p -> Hostile.assertGoodMessage(p.message()));
            if (problems.isEmpty()) {
                assertThat(e.value().strip().chars().noneMatch(c -> Hostile.SHELL_META.indexOf(c) >= 0 || c > 126 || c < 33))
                        .as("%s accepted as %s", e.value(), e.field()).isTrue();
            }
        });
    }
}
