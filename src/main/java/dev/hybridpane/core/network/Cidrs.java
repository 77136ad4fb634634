package dev.hybridpane.core.network;

import dev.hybridpane.domain.Cidr;
import java.util.Optional;

/** CIDR comparisons on text, false when either side does not parse. */
final class Cidrs {
    private Cidrs() {
    }

    static boolean overlap(String a, String b) {
        Optional<Cidr> x = Cidr.tryParse(a);
        Optional<Cidr> y = Cidr.tryParse(b);
        return x.isPresent() && y.isPresent() && x.get().overlaps(y.get());
    }

    /** Whether {@code outer} contains {@code inner}. */
    static boolean contains(String outer, String inner) {
        Optional<Cidr> x = Cidr.tryParse(outer);
        Optional<Cidr> y = Cidr.tryParse(inner);
        return x.isPresent() && y.isPresent() && x.get().contains(y.get());
    }
}
