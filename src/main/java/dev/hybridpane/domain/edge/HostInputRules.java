package dev.hybridpane.domain.edge;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Shown;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** Field rules for a host typed in or imported. Each returns the reason a value is wrong, or empty. */
public final class HostInputRules {
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern HOST_LABEL = Pattern.compile("(?i)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?");

    private HostInputRules() {
    }

    /** A host name, used as the EdgeHost object's name: a DNS-1123 subdomain. */
    public static Optional<String> name(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Enter a name.");
        }
        if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
            return Optional.of(Shown.quoted(name) + " must be lower-case letters, digits, '-' and '.', starting and ending "
                    + "with a letter or digit.");
        }
        return Optional.empty();
    }

    /** An IPv4 address or a DNS host name. */
    public static Optional<String> address(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("Enter an IPv4 address or host name.");
        }
        String a = address.strip();
        if (a.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return Cidr.parseAddress(a).isPresent() ? Optional.empty()
                    : Optional.of(Shown.quoted(a) + " is not a valid IPv4 address (four numbers 0-255 separated by dots).");
        }
        if (a.length() > 253) {
            return Optional.of("Host name is longer than 253 characters.");
        }
        for (String label : a.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return Optional.of(Shown.quoted(a) + " is neither an IPv4 address nor a valid host name.");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> port(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Enter a port (22 for SSH).");
        }
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65535 ? Optional.empty() : Optional.of("Port " + p + " is out of range 1-65535.");
        } catch (NumberFormatException e) {
            return Optional.of(Shown.quoted(text.strip()) + " is not a number.");
        }
    }

    public static Optional<String> user(String user) {
        if (user == null || user.isBlank()) {
            return Optional.of("Enter the SSH user.");
        }
        return USER.matcher(user.strip()).matches() ? Optional.empty()
                : Optional.of(Shown.quoted(user.strip()) + " is not a valid Linux user name.");
    }

    /** A host is a duplicate when its name, or its address and port, is already in the inventory. */
    public static Optional<String> duplicate(EdgeHostSpec spec, Collection<EdgeHostSpec> existing) {
        for (EdgeHostSpec e : existing) {
            if (e.name().equals(spec.name())) {
                return Optional.of("A host named " + spec.name() + " already exists.");
            }
            if (e.address().equalsIgnoreCase(spec.address()) && e.port() == spec.port()) {
                return Optional.of(spec.hostPort() + " is already in the inventory as " + e.name() + ".");
            }
        }
        return Optional.empty();
    }
}
