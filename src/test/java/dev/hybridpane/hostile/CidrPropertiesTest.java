package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import dev.hybridpane.domain.hybrid.CidrIssue;
import dev.hybridpane.domain.hybrid.RemoteNetworkRules;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** CIDRs and IPv4 addresses: remote networks, site CIDRs, VPN gateways. */
class CidrPropertiesTest {

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(validCidrs()), Hostile.spoiled(addresses()));
    }

    @Provide
    Arbitrary<String> validCidrs() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.integers().between(0, 32))
                .as((a, p) -> new Cidr(a & (p == 0 ? 0 : (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL), p).toString());
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL).map(Cidr::format);
    }

    @Property(tries = 1500, seed = SEED)
    void parseThrowsOnlyIllegalArgumentWithAOneLineReason(@ForAll("anything") String text) {
        Throwable t = catchThrowable(() -> Cidr.parse(text));
        if (t != null) {
            assertThat(t).isInstanceOf(IllegalArgumentException.class);
            Hostile.assertGoodMessage(t.getMessage());
            assertThat(Cidr.tryParse(text)).isEmpty();
        } else {
            assertThat(Cidr.tryParse(text)).isPresent();
        }
        Cidr.parseAddress(text); // never throws
    }

    @Property(tries = 500, seed = SEED)
    void validCidrsRoundTrip(@ForAll("validCidrs") String text) {
        Cidr c = Cidr.parse(text);
        assertThat(c.toString()).isEqualTo(text);
        assertThat(Cidr.parse(" " + text + " ")).isEqualTo(c);
        assertThat(c.contains(c)).isTrue();
        assertThat(c.last() - c.first() + 1).isEqualTo(c.size());
    }

    @Property(tries = 300, seed = SEED)
    void addressesRoundTrip(@ForAll("addresses") String text) {
        assertThat(Cidr.parseAddress(text)).hasValueSatisfying(v -> assertThat(Cidr.format(v)).isEqualTo(text));
    }

    @Property(tries = 1000, seed = SEED)
    void remoteNetworkEntriesAreRefusedWithOneLineOrAccepted(@ForAll("anything") String text) {
        String problem = RemoteNetworkRules.entryProblem(text);
        if (problem != null) {
            Hostile.assertGoodMessage(problem);
        } else {
            assertThat(Cidr.parse(text).isRfc1918()).isTrue();
        }
        List<CidrIssue> issues = RemoteNetworkRules.validate(List.of(text), List.of(text), List.of(text), text);
        assertThat(issues).isNotEmpty().allSatisfy(i -> Hostile.assertGoodMessage(i.message()));
    }

    @Property(tries = 800, seed = SEED)
    void siteFieldsAreRefusedFieldByFieldWithOneLine(@ForAll("anything") String cidr, @ForAll("anything") String vpn,
            @ForAll("anything") String ntp) {
        Site site = new Site("dallas-dc", "", List.of(cidr), List.of(cidr), vpn, List.of(ntp));
        Map<String, String> errors = SiteRules.validate(site, List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), List.of(), true);
        errors.values().forEach(Hostile::assertGoodMessage);
        if (Cidr.tryParse(cidr).isEmpty()) {
            assertThat(errors).containsKey(SiteRules.NODE_CIDRS);
        }
        if (!vpn.isBlank() && Cidr.parseAddress(vpn).isEmpty()) {
            assertThat(errors).containsKey(SiteRules.VPN);
        }
    }
}
