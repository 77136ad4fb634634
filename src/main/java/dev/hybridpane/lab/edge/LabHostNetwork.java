package dev.hybridpane.lab.edge;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A host's own network state beyond its files: its firewall as its distribution ships it, and the faults a test injects.
 * Ubuntu ships ufw inactive (nothing filtered); RHEL ships firewalld active with the public zone's ssh, dhcpv6-client
 * and cockpit services only (10250 is rejected); Debian 12's nftables service is installed but not enabled (an empty
 * ruleset); the lab's Amazon Linux 2023 image runs no firewall and has no {@code nft} command, only iptables-nft.
 */
final class LabHostNetwork {
    enum Firewall { NONE, UFW, FIREWALLD }

    /** firewalld's public zone as RHEL ships it: its services' ports. */
    static final List<String> FIREWALLD_SERVICES = List.of("22/tcp", "546/udp", "9090/tcp");

    private final Firewall firewall;
    private final boolean nft;
    private boolean active;
    private final Set<String> permanent = new LinkedHashSet<>();
    private final Set<String> runtime = new LinkedHashSet<>();
    private final Set<String> ufwRules = new LinkedHashSet<>();
    private final Set<LabHostFleet.NetworkFault> faults = EnumSet.noneOf(LabHostFleet.NetworkFault.class);
    private volatile LabSiteNetwork site = new LabSiteNetwork();

    private LabHostNetwork(Firewall firewall, boolean active, boolean nft) {
        this.firewall = firewall;
        this.active = active;
        this.nft = nft;
    }

    static LabHostNetwork forDistro(String distro) {
        if (distro.startsWith("ubuntu")) {
            return new LabHostNetwork(Firewall.UFW, false, true);
        }
        if (distro.startsWith("rhel")) {
            return new LabHostNetwork(Firewall.FIREWALLD, true, true);
        }
        return new LabHostNetwork(Firewall.NONE, false, !distro.startsWith("al2023"));
    }

    Firewall firewall() {
        return firewall;
    }

    boolean hasNft() {
        return nft;
    }

    synchronized boolean active() {
        return active;
    }

    synchronized void active(boolean on) {
        active = on;
    }

    /** firewalld's runtime ports added with --add-port (its services' ports are always open). */
    synchronized Set<String> runtimePorts() {
        return Set.copyOf(runtime);
    }

    synchronized void addPort(String port, boolean permanentOnly) {
        if (permanentOnly) {
            permanent.add(port);
        } else {
            runtime.add(port);
        }
    }

    /** firewall-cmd --reload: the runtime configuration becomes the permanent one. */
    synchronized void reload() {
        runtime.clear();
        runtime.addAll(permanent);
    }

    synchronized Set<String> ufwRules() {
        return new LinkedHashSet<>(ufwRules);
    }

    synchronized boolean ufwAllow(String rule) {
        return ufwRules.add(rule);
    }

    synchronized boolean fault(LabHostFleet.NetworkFault f) {
        return faults.contains(f);
    }

    synchronized void fault(LabHostFleet.NetworkFault f, boolean on) {
        if (on) {
            faults.add(f);
        } else {
            faults.remove(f);
        }
    }

    LabSiteNetwork site() {
        return site;
    }

    void site(LabSiteNetwork s) {
        site = s;
    }
}
