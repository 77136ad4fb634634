package dev.hybridpane.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid values, as Kubernetes, EKS and Linux define them. */
final class Valid {
    private Valid() {
    }

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A DNS-1123 label: 1 to 63 of [a-z0-9-], alphanumeric at both ends. */
    static Arbitrary<String> dnsLabel() {
        return Combinators.combine(Arbitraries.strings().withChars(LOWER).ofLength(1),
                Arbitraries.strings().withChars(LOWER + "-").ofMaxLength(20),
                Arbitraries.strings().withChars(LOWER).ofLength(1), Arbitraries.integers().between(0, 3))
                .as((a, mid, z, form) -> form == 0 ? a : a + mid + z);
    }

    /** A DNS-1123 subdomain of one to three labels. */
    static Arbitrary<String> dnsSubdomain() {
        return dnsLabel().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    }

    /** A label value's or qualified name's name part: [A-Za-z0-9][-A-Za-z0-9_.]* alphanumeric at the end, ≤ 63. */
    static Arbitrary<String> labelName() {
        String an = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return Combinators.combine(Arbitraries.strings().withChars(an).ofLength(1),
                Arbitraries.strings().withChars(an + "-_.").ofMaxLength(30), Arbitraries.strings().withChars(an).ofLength(1),
                Arbitraries.of(true, false)).as((a, mid, z, one) -> one ? a : a + mid + z);
    }

    /** A qualified name, with or without a DNS prefix outside the kubernetes.io namespaces. */
    static Arbitrary<String> qualifiedName() {
        return Combinators.combine(dnsSubdomain().filter(p -> !p.endsWith("kubernetes.io") && !p.endsWith("k8s.io")
                        && !p.startsWith("hybridpane.dev")), labelName(), Arbitraries.of(true, false))
                .as((prefix, name, with) -> with ? prefix + "/" + name : name);
    }

    /** A DNS host name: a subdomain that is not all digits and dots (such a name is read as an IPv4 address). */
    static Arbitrary<String> hostName() {
        return dnsSubdomain().filter(s -> !s.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    }

    /** A Linux user name as useradd takes it. */
    static Arbitrary<String> user() {
        return Combinators.combine(Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.-").ofMaxLength(20))
                .as((a, b) -> a + b);
    }

    /** A dotted-quad IPv4 address. */
    static Arbitrary<String> ipv4() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    static Arbitrary<String> port() {
        return Arbitraries.integers().between(1, 65535).map(String::valueOf);
    }
}
