package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.hybrid.ClusterInputRules;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.ProfileRules;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Names and host fields: host, site, pool, profile and cluster names, regions, addresses, ports, SSH users, Kubernetes
 * versions. Every rule answers every string with a one-line refusal or nothing; valid values pass.
 */
class NamePropertiesTest {
    /** Each rule, by what it checks: a problem, or empty. */
    static final List<Function<String, Optional<String>>> RULES = List.of(HostInputRules::name, HostInputRules::address,
            HostInputRules::port, HostInputRules::user, PoolRules::name, ProfileRules::name, ProfileRules::kubernetesVersion,
            s -> Optional.ofNullable(ClusterInputRules.nameProblem(s)), s -> Optional.ofNullable(ClusterInputRules.regionProblem(s)));

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(Valid.dnsSubdomain()), Hostile.spoiled(Valid.user()),
                Hostile.spoiled(Valid.ipv4()), Hostile.spoiled(Valid.port()));
    }

    @Property(tries = 2000, seed = SEED)
    void everyRuleRefusesWithOneLineOrAccepts(@ForAll("anything") String s) {
        for (Function<String, Optional<String>> rule : RULES) {
            rule.apply(s).ifPresent(Hostile::assertGoodMessage);
        }
    }

    @Property(tries = 1000, seed = SEED)
    void whatPassesHoldsNoShellMetacharacterNorWhiteSpaceInside(@ForAll("anything") String s) {
        for (Function<String, Optional<String>> rule : RULES) {
            if (rule.apply(s).isEmpty()) {
                // a user name may end with '$' (machine accounts): it goes in the SSH protocol, never on a command line
                String v = rule == RULES.get(3) ? s.strip().replaceAll("\\$$", "") : s.strip();
                assertThat(v.chars().noneMatch(c -> Hostile.SHELL_META.indexOf(c) >= 0 || c > 126 || c < 33))
                        .as("%s passed by a rule", v).isTrue();
            }
        }
    }

    @Property(tries = 300, seed = SEED)
    void validNamesPass(@ForAll("names") String label, @ForAll("subdomains") String subdomain, @ForAll("users") String user,
            @ForAll("ips") String ip, @ForAll("ports") String port) {
        assertThat(PoolRules.name(label)).isEmpty();
        assertThat(HostInputRules.name(subdomain)).isEmpty();
        assertThat(ProfileRules.name(subdomain)).isEmpty();
        assertThat(HostInputRules.address(subdomain).isEmpty() || subdomain.matches("[0-9.]+")).isTrue();
        assertThat(HostInputRules.address(ip)).isEmpty();
        assertThat(HostInputRules.user(user)).isEmpty();
        assertThat(HostInputRules.port(port)).isEmpty();
        assertThat(ClusterInputRules.nameProblem(label)).isNull();
    }

    @Property(tries = 300, seed = SEED)
    void spoiledNamesAreRefused(@ForAll("spoiledLabels") String s) {
        assertThat(PoolRules.name(s)).isPresent();
        assertThat(HostInputRules.name(s)).isPresent();
        assertThat(ProfileRules.name(s)).isPresent();
    }

    @Provide
    Arbitrary<String> spoiledLabels() {
        return Hostile.spoiled(Valid.dnsLabel()).filter(s -> !s.matches("[a-z0-9.-]*"));
    }

    @Provide
    Arbitrary<String> names() {
        return Valid.dnsLabel();
    }

    @Provide
    Arbitrary<String> subdomains() {
        return Valid.dnsSubdomain();
    }

    @Provide
    Arbitrary<String> users() {
        return Valid.user();
    }

    @Provide
    Arbitrary<String> ips() {
        return Valid.ipv4();
    }

    @Provide
    Arbitrary<String> ports() {
        return Valid.port();
    }
}
