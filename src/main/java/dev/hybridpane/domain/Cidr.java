package dev.hybridpane.domain;

import java.util.Optional;

/** An IPv4 CIDR block. Parsing is strict: the address must be the network address of the block. */
public record Cidr(long network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be between 0 and 32");
        }
        if ((network & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("host bits are set");
        }
    }

    /** Parses "a.b.c.d/n". Throws {@link IllegalArgumentException} with a reason a person can act on. */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        String s = text.strip();
        if (s.contains(":")) {
            throw new IllegalArgumentException(Shown.quoted(s) + " is IPv6; EKS hybrid networks must be IPv4");
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(Shown.quoted(s) + " has no prefix length (for example 10.200.0.0/16)");
        }
        long addr = parseAddress(s.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException(Shown.quoted(s) + " is not a valid IPv4 address"));
        int prefix;
        try {
            prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Shown.quoted(s) + " has an invalid prefix length");
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException(Shown.quoted(s) + " has a prefix outside 0..32");
        }
        long net = addr & mask(prefix);
        if (net != addr) {
            throw new IllegalArgumentException(Shown.quoted(s) + " has host bits set; did you mean " + format(net) + "/" + prefix + "?");
        }
        return new Cidr(net, prefix);
    }

    public static Optional<Cidr> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Long> parseAddress(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            v = (v << 8) | octet;
        }
        return Optional.of(v);
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0L : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public static String format(long addr) {
        return ((addr >> 24) & 0xFF) + "." + ((addr >> 16) & 0xFF) + "." + ((addr >> 8) & 0xFF) + "." + (addr & 0xFF);
    }

    public long first() {
        return network;
    }

    public long last() {
        return network | (~mask(prefix) & 0xFFFFFFFFL);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    public boolean contains(long address) {
        return (address & mask(prefix)) == network;
    }

    public boolean containsAddress(String address) {
        return parseAddress(address).map(this::contains).orElse(false);
    }

    public boolean overlaps(Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    private static final Cidr TEN = new Cidr(10L << 24, 8);
    private static final Cidr ONE_SEVEN_TWO = new Cidr((172L << 24) | (16L << 16), 12);
    private static final Cidr ONE_NINE_TWO = new Cidr((192L << 24) | (168L << 16), 16);

    /** Inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16. */
    public boolean isRfc1918() {
        return TEN.contains(this) || ONE_SEVEN_TWO.contains(this) || ONE_NINE_TWO.contains(this);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
