package dev.hybridpane.domain;

import java.util.Locale;
public enum IpFamily {
    IPV4, IPV6, UNKNOWN;

    public static IpFamily parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "ipv4" -> IPV4;
            case "ipv6" -> IPV6;
            default -> UNKNOWN;
        };
    }
}
