package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.pool.Taint;
import dev.hybridpane.domain.profile.KubeletFlagRules;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Kubernetes labels and taints, kubelet flags, and a pool's fields (PoolRules.validate) with hostile values. */
class LabelTaintPropertiesTest {

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(Valid.qualifiedName()), Hostile.spoiled(Valid.labelName()));
    }

    @Provide
    Arbitrary<String> qualifiedNames() {
        return Valid.qualifiedName();
    }

    @Provide
    Arbitrary<String> labelValues() {
        return Arbitraries.oneOf(Valid.labelName(), Arbitraries.just(""));
    }

    @Provide
    Arbitrary<String> effects() {
        return Arbitraries.of(KubeletFlagRules.TAINT_EFFECTS);
    }

    @Property(tries = 1500, seed = SEED)
    void labelAndTaintRulesRefuseWithOneLineOrAccept(@ForAll("anything") String s) {
        KubeletFlagRules.qualifiedName(s).ifPresent(Hostile::assertGoodMessage);
        KubeletFlagRules.labelValue(s).ifPresent(Hostile::assertGoodMessage);
        KubeletFlagRules.taint(s).ifPresent(Hostile::assertGoodMessage);
        KubeletFlagRules.nodeLabels(s).forEach(Hostile::assertGoodMessage);
        List<ProfileProblem> flags = KubeletFlagRules.check(List.of(s, "--node-labels=" + s, "--register-with-taints=" + s));
        flags.forEach(p -> Hostile.assertGoodMessage(p.message()));
    }

    @Property(tries = 500, seed = SEED)
    void validLabelsAndTaintsPassAndRoundTripThroughTheFlags(@ForAll("qualifiedNames") String key,
            @ForAll("labelValues") String value, @ForAll("effects") String effect) {
        assertThat(KubeletFlagRules.qualifiedName(key)).isEmpty();
        assertThat(KubeletFlagRules.labelValue(value)).isEmpty();
        Taint t = new Taint(key, value, effect);
        assertThat(KubeletFlagRules.taint(t.spec())).isEmpty();
        assertThat(KubeletFlagRules.nodeLabels(key + "=" + value)).isEmpty();
        assertThat(KubeletFlagRules.check(List.of("--node-labels=" + key + "=" + value, "--register-with-taints=" + t.spec())))
                .isEmpty();
        HybridNodePool pool = pool(Map.of(key, value), List.of(t), "dallas-14", "");
        assertThat(PoolRules.validate(pool, true)).isEmpty();
    }

    @Property(tries = 1000, seed = SEED)
    void aPoolWithHostileFieldsIsRefusedFieldByField(@ForAll("anything") String key, @ForAll("anything") String value,
            @ForAll("anything") String host, @ForAll("anything") String vpn) {
        HybridNodePool pool = pool(Map.of(key, value), List.of(new Taint(key, value, value)), host, vpn);
        List<ProfileProblem> problems = PoolRules.validate(pool, true);
        problems.forEach(p -> Hostile.assertGoodMessage(p.message()));
        if (KubeletFlagRules.qualifiedName(key).isPresent()) {
            assertThat(problems).anySatisfy(p -> assertThat(p.field()).startsWith("labels["));
        }
        if (KubeletFlagRules.qualifiedName(key.strip()).isPresent()) { // a taint's key is read stripped
            assertThat(problems).anySatisfy(p -> assertThat(p.field()).isEqualTo("taints[0].key"));
        }
        if (!KubeletFlagRules.TAINT_EFFECTS.contains(value.strip())) {
            assertThat(problems).as("the effect %s", value).anySatisfy(p -> assertThat(p.field()).startsWith("taints[0]"));
        }
    }

    @Property(tries = 300, seed = SEED)
    void poolNamesSitesAndProfilesWithHostileValuesAreRefused(@ForAll("anything") String name, @ForAll("anything") String site,
            @ForAll("anything") String profile) {
        HybridNodePool pool = new HybridNodePool(name, site, new ProfileRef(profile, 1), Map.of(), List.of(), name,
                List.of(site), List.of(PoolHost.of("dallas-14")));
        List<ProfileProblem> problems = PoolRules.validate(pool, true);
        problems.forEach(p -> Hostile.assertGoodMessage(p.message()));
        if (PoolRules.name(name.strip()).isPresent()) { // the pool's name is read stripped
            assertThat(problems).anySatisfy(p -> assertThat(p.field()).isEqualTo("name"));
        }
    }

    private static HybridNodePool pool(Map<String, String> labels, List<Taint> taints, String host, String vpn) {
        return new HybridNodePool("edge-pool", "dallas-dc", new ProfileRef("gpu-ssm", 1), labels, taints, "amd64",
                List.of("time.aws.com"), List.of(new PoolHost(host, vpn)));
    }

    @Provide
    Arbitrary<List<String>> flagLists() {
        return Combinators.combine(Arbitraries.of("--node-labels=", "--register-with-taints=", "--hostname-override=", "--v=",
                "-", "", "--max-pods="), anything()).as(String::concat).list().ofMaxSize(4);
    }

    @Property(tries = 500, seed = SEED)
    void kubeletFlagListsAreCheckedEntryByEntry(@ForAll("flagLists") List<String> flags) {
        List<ProfileProblem> problems = KubeletFlagRules.check(flags);
        problems.forEach(p -> {
            Hostile.assertGoodMessage(p.message());
            assertThat(p.field()).matches("kubernetes\\.kubeletFlags\\[\\d+]");
        });
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i).strip().chars().anyMatch(c -> c == '\n' || c == ';' || c == '`' || c == '$')
                    && flags.get(i).strip().startsWith("--") && flags.get(i).contains("=")) {
                String field = "kubernetes.kubeletFlags[" + i + "]";
                // a value that a shell would interpret is refused only where the kubelet reads it as labels or taints
                if (flags.get(i).startsWith("--node-labels=") || flags.get(i).startsWith("--register-with-taints=")
                        || flags.get(i).contains("\n")) {
                    assertThat(problems).as(flags.get(i)).anySatisfy(p -> assertThat(p.field()).isEqualTo(field));
                }
            }
        }
    }
}
