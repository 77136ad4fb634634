package dev.hybridpane.core.network;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.edge.Site;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Which site a remote CIDR belongs to (its node or pod CIDRs contain or overlap it); empty when the sites are unread. */
final class Sites {
    private Sites() {
    }

    static Optional<String> of(DoctorReads reads, String cidr) {
        List<Site> sites;
        try {
            sites = reads.sites();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<Cidr> want = Cidr.tryParse(cidr);
        if (want.isEmpty()) {
            return Optional.empty();
        }
        for (Site s : sites) {
            for (String own : concat(s.nodeCidrs(), s.podCidrs())) {
                Optional<Cidr> c = Cidr.tryParse(own);
                if (c.isPresent() && c.get().overlaps(want.get())) {
                    return Optional.of(s.name());
                }
            }
        }
        return Optional.empty();
    }

    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
