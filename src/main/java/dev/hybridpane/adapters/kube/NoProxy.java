package dev.hybridpane.adapters.kube;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A NO_PROXY list read as kubectl reads it (Go's golang.org/x/net/http/httpproxy): comma-separated entries, trimmed and
 * lower-cased; {@code *} alone matches every host; an IP address or CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8})
 * matches addresses; {@code host:port} and {@code [v6]:port} only that port; a domain ({@code corp.example}) itself and
 * its subdomains; {@code .corp.example} and {@code *.corp.example} only its subdomains. {@code localhost} and loopback
 * addresses are never proxied, whatever the list says. fabric8's own matcher differs (a plain suffix test, {@code *} and
 * spaces rejected as invalid), so the adapter decides and gives fabric8 only the answer.
 */
final class NoProxy {
    private static final Pattern LITERAL_IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Entry(String host, byte[] ip, int prefix, String port, boolean matchSelf) {
    }

    private final boolean all;
    private final List<Entry> entries;

    private NoProxy(boolean all, List<Entry> entries) {
        this.all = all;
        this.entries = entries;
    }

    static NoProxy parse(String list) {
        List<Entry> out = new ArrayList<>();
        for (String raw : list == null ? new String[0] : list.split(",")) {
            String p = raw.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("*")) {
                return new NoProxy(true, List.of());
            }
            int slash = p.indexOf('/');
            if (slash > 0) {
                cidr(p.substring(0, slash), p.substring(slash + 1)).ifPresent(out::add);
                continue;
            }
            String host = p;
            String port = "";
            int colon = p.lastIndexOf(':');
            if (p.startsWith("[") && p.contains("]")) {
                host = p.substring(1, p.indexOf(']'));
                port = p.endsWith("]") ? "" : p.substring(p.indexOf(']') + 2);
            } else if (colon > 0 && p.indexOf(':') == colon) {
                host = p.substring(0, colon);
                port = p.substring(colon + 1);
            }
            if (host.isEmpty()) {
                continue;
            }
            Optional<byte[]> ip = literalIp(host);
            if (ip.isPresent()) {
                out.add(new Entry(null, ip.get(), ip.get().length * 8, port, false));
                continue;
            }
            if (host.startsWith("*.")) {
                host = host.substring(1);
            }
            boolean self = !host.startsWith(".");
            out.add(new Entry(self ? "." + host : host, null, 0, port, self));
        }
        return new NoProxy(false, List.copyOf(out));
    }

    private static Optional<Entry> cidr(String address, String bits) {
        Optional<byte[]> ip = literalIp(address);
        try {
            int prefix = Integer.parseInt(bits);
            if (ip.isEmpty() || prefix < 0 || prefix > ip.get().length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Entry(null, ip.get(), prefix, "", false));
        } catch (NumberFormatException e) {
            // Go ignores what is neither a CIDR block nor a host
            return Optional.empty();
        }
    }

    /** The address of an IP literal, never a DNS lookup. */
    static Optional<byte[]> literalIp(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || !LITERAL_IP.matcher(h).matches() || !h.contains(":") && !dottedQuad(h)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean dottedQuad(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether a request to {@code host:port} goes direct: localhost, loopback, or a match of the list. */
    boolean bypasses(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        Optional<byte[]> ip = literalIp(h);
        if (ip.isPresent() && loopback(ip.get())) {
            return true;
        }
        if (all) {
            return true;
        }
        String p = Integer.toString(port);
        for (Entry e : entries) {
            boolean portOk = e.port().isEmpty() || e.port().equals(p);
            if (e.ip() != null) {
                if (ip.isPresent() && portOk && within(ip.get(), e.ip(), e.prefix())) {
                    return true;
                }
            } else if (portOk && (h.endsWith(e.host()) || e.matchSelf() && h.equals(e.host().substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean loopback(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean within(byte[] ip, byte[] net, int prefix) {
        byte[] a = ip;
        byte[] n = net;
        if (a.length != n.length) {
            // an IPv4 address and an IPv4-mapped IPv6 block (or the reverse) are not compared, as in Go for mixed forms
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    }
}
