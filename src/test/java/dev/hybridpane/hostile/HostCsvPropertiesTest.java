package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.edge.SudoMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hosts CSV: hostile rows are refused row by row with a one-line reason; valid hosts round-trip through write. */
class HostCsvPropertiesTest {

    @Provide
    Arbitrary<String> rows() {
        Arbitrary<String> field = Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(Valid.dnsSubdomain()),
                Hostile.spoiled(Valid.ipv4()), Hostile.spoiled(Valid.user()), Valid.dnsSubdomain(), Valid.port());
        Arbitrary<String> row = field.list().ofMinSize(1).ofMaxSize(6).map(f -> String.join(",", f));
        return row.list().ofMaxSize(8).map(r -> String.join("\n", r));
    }

    @Property(tries = 1000, seed = SEED)
    void everyRowIsAHostOrAOneLineErrorAndNothingThrows(@ForAll("rows") String csv) {
        HostCsv.Result r = HostCsv.parse(csv, "ubuntu", SudoMode.PASSWORDLESS, List.of(), List.of("dallas-dc"));
        r.errors().forEach(e -> Hostile.assertGoodMessage(e.toString()));
        for (EdgeHostSpec h : r.hosts()) {
            assertThat(HostInputRules.name(h.name())).isEmpty();
            assertThat(HostInputRules.address(h.address())).isEmpty();
            assertThat(HostInputRules.user(h.user())).isEmpty();
            assertThat(h.port()).isBetween(1, 65535);
            assertThat(h.site()).isIn("", "dallas-dc");
        }
        Set<Integer> lines = new HashSet<>();
        r.errors().forEach(e -> assertThat(lines.add(e.line())).as("one error a row").isTrue());
    }

    @Provide
    Arbitrary<List<EdgeHostSpec>> hosts() {
        Arbitrary<EdgeHostSpec> host = Combinators.combine(Valid.dnsSubdomain(), Arbitraries.oneOf(Valid.ipv4(), Valid.hostName()),
                        Valid.user(), Arbitraries.integers().between(1, 65535), Arbitraries.of("", "dallas-dc"))
                .as((n, a, u, p, s) -> new EdgeHostSpec(n, a, p, u, s, SudoMode.PASSWORDLESS));
        return host.list().ofMaxSize(6).uniqueElements(EdgeHostSpec::name).uniqueElements(h -> h.address() + ":" + h.port());
    }

    @Property(tries = 300, seed = SEED)
    void validHostsRoundTripThroughWriteAndParse(@ForAll("hosts") List<EdgeHostSpec> hosts) {
        HostCsv.Result r = HostCsv.parse(HostCsv.write(hosts), "ubuntu", SudoMode.PASSWORDLESS, List.of(), List.of("dallas-dc"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.hosts()).isEqualTo(new ArrayList<>(hosts));
    }
}
