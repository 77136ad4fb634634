package dev.hybridpane.domain.edge;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Shown;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Validation of a site against the cluster's remote networks and the other sites. Field name to reason. */
public final class SiteRules {
    public static final String NAME = "name";
    public static final String NODE_CIDRS = "nodeCidrs";
    public static final String POD_CIDRS = "podCidrs";
    public static final String VPN = "vpnGateway";
    public static final String NTP = "ntpServers";

    private SiteRules() {
    }

    /** Splits "a, b c" into its items. */
    public static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.split("[,\\s]+")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    public static Map<String, String> validate(Site site, List<String> remoteNodeCidrs, List<String> remotePodCidrs,
            Collection<Site> others, boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        HostInputRules.name(site.name()).ifPresent(r -> errors.put(NAME, r));
        if (creating && others.stream().anyMatch(o -> o.name().equals(site.name()))) {
            errors.put(NAME, "A site named " + site.name() + " already exists.");
        }
        List<Site> rest = others.stream().filter(o -> !o.name().equals(site.name())).toList();
        if (site.nodeCidrs().isEmpty()) {
            errors.put(NODE_CIDRS, "Enter at least one node CIDR.");
        } else {
            cidrs(site.nodeCidrs(), remoteNodeCidrs, "remote node network", rest.stream().flatMap(s -> site(s, s.nodeCidrs())).toList())
                    .ifPresent(r -> errors.put(NODE_CIDRS, r));
        }
        if (!site.podCidrs().isEmpty()) {
            cidrs(site.podCidrs(), remotePodCidrs, "remote pod network", rest.stream().flatMap(s -> site(s, s.podCidrs())).toList())
                    .ifPresent(r -> errors.put(POD_CIDRS, r));
        }
        if (!site.vpnGateway().isBlank() && Cidr.parseAddress(site.vpnGateway()).isEmpty()) {
            errors.put(VPN, Shown.quoted(site.vpnGateway()) + " is not a valid IPv4 address.");
        }
        for (String ntp : site.ntpServers()) {
            Optional<String> bad = HostInputRules.address(ntp);
            if (bad.isPresent()) {
                errors.put(NTP, bad.get());
                break;
            }
        }
        return errors;
    }

    private record Owned(String site, Cidr cidr) {
    }

    private static Stream<Owned> site(Site s, List<String> cidrs) {
        return cidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).map(c -> new Owned(s.name(), c));
    }

    private static Optional<String> cidrs(List<String> texts, List<String> clusterCidrs, String what, List<Owned> taken) {
        List<Cidr> cluster = clusterCidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
        for (String t : texts) {
            Cidr c;
            try {
                c = Cidr.parse(t);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
            if (cluster.isEmpty()) {
                return Optional.of("The cluster has no " + what + "s; enable hybrid mode first.");
            }
            if (cluster.stream().noneMatch(r -> r.contains(c))) {
                return Optional.of(c + " is not inside the cluster's " + what + "s ("
                        + String.join(", ", cluster.stream().map(Cidr::toString).toList()) + ").");
            }
            for (Owned o : taken) {
                if (o.cidr().overlaps(c)) {
                    return Optional.of(c + " overlaps " + o.cidr() + " of site " + o.site() + ".");
                }
            }
        }
        return Optional.empty();
    }
}
