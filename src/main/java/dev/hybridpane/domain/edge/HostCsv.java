package dev.hybridpane.domain.edge;

import dev.hybridpane.domain.Shown;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bulk-import CSV: {@code name,address,site,user,port} (a header line is optional; port defaults to 22,
 * user to the default given). Good rows come back as hosts, bad ones as errors with their line number,
 * so the good rows can still go in.
 */
public final class HostCsv {
    public static final String HEADER = "name,address,site,user,port";

    private HostCsv() {
    }

    public record RowError(int line, String text, String reason) {
        @Override
        public String toString() {
            return "Row " + line + ": " + reason;
        }
    }

    public record Result(List<EdgeHostSpec> hosts, List<RowError> errors) {
        public Result {
            hosts = List.copyOf(hosts);
            errors = List.copyOf(errors);
        }
    }

    /**
     * @param existing hosts already in the inventory (duplicates of them, or of earlier rows, are errors)
     * @param knownSites site names that exist (a row naming another site is an error); empty: any site
     */
    public static Result parse(String text, String defaultUser, SudoMode sudo, Collection<EdgeHostSpec> existing,
            Collection<String> knownSites) {
        List<EdgeHostSpec> ok = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        List<EdgeHostSpec> seen = new ArrayList<>(existing);
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<String> f;
            try {
                f = split(line);
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(n, line, e.getMessage()));
                continue;
            }
            if (n == 1 && f.size() >= 2 && f.get(0).strip().equalsIgnoreCase("name")
                    && f.get(1).strip().equalsIgnoreCase("address")) {
                continue;
            }
            if (f.size() < 2 || f.size() > 5) {
                errors.add(new RowError(n, line, "expected name,address,site,user,port but found " + f.size()
                        + (f.size() == 1 ? " field" : " fields") + "."));
                continue;
            }
            String name = f.get(0).strip().toLowerCase(Locale.ROOT);
            String address = f.get(1).strip();
            String site = f.size() > 2 ? f.get(2).strip() : "";
            String user = f.size() > 3 && !f.get(3).isBlank() ? f.get(3).strip() : defaultUser;
            String port = f.size() > 4 && !f.get(4).isBlank() ? f.get(4).strip() : "22";
            Optional<String> bad = HostInputRules.name(name).map(r -> "name: " + r)
                    .or(() -> HostInputRules.address(address).map(r -> "address: " + r))
                    .or(() -> HostInputRules.user(user).map(r -> "user: " + r))
                    .or(() -> HostInputRules.port(port).map(r -> "port: " + r));
            if (bad.isEmpty() && !site.isEmpty() && !knownSites.isEmpty() && !knownSites.contains(site)) {
                bad = Optional.of("site: no site named " + Shown.plain(site) + "; create it first.");
            }
            if (bad.isPresent()) {
                errors.add(new RowError(n, line, bad.get()));
                continue;
            }
            EdgeHostSpec spec = new EdgeHostSpec(name, address, Integer.parseInt(port), user, site, sudo);
            Optional<String> dup = HostInputRules.duplicate(spec, seen);
            if (dup.isPresent()) {
                errors.add(new RowError(n, line, dup.get()));
                continue;
            }
            seen.add(spec);
            ok.add(spec);
        }
        return new Result(ok, errors);
    }

    /** RFC 4180 fields of one line (quotes, doubled quotes inside quotes). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed.");
        }
        out.add(cur.toString());
        return out;
    }

    /** A CSV of hosts, the format {@link #parse} reads. */
    public static String write(List<EdgeHostSpec> hosts) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (EdgeHostSpec h : hosts) {
            b.append(h.name()).append(',').append(h.address()).append(',').append(h.site()).append(',')
                    .append(h.user()).append(',').append(h.port()).append('\n');
        }
        return b.toString();
    }
}
