package dev.hybridpane.core.network;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.HostCertificates.HostCertificate;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.HostFirewall;
import dev.hybridpane.domain.network.HostProbeCommands;
import dev.hybridpane.domain.network.HostProbeCommands.Port;
import dev.hybridpane.domain.network.HostProbeCommands.Route;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.profile.CniKind;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One host's four checks (five on a Roles Anywhere host) from the commands' answers (the commands run through
 * {@link Shell}, one SSH exec each).
 */
final class HostProbeChecks {
    /** Runs one command on the host. */
    interface Shell {
        CommandResult run(String command) throws EdgeException;
    }

    private static final int SHOWN_LINES = 40;

    private final HostProbes.Target t;
    private final Shell shell;

    HostProbeChecks(HostProbes.Target t, Shell shell) {
        this.t = t;
        this.shell = shell;
    }

    static String title(String kind) {
        return switch (kind) {
            case HostProbes.ROUTE -> "Route to the VPC";
            case HostProbes.FIREWALL -> "Firewall lets the kubelet and the overlay in";
            case HostProbes.TIME -> "Clock in sync";
            case HostProbes.CERTIFICATE -> "Roles Anywhere certificate";
            default -> "API server reachable";
        };
    }

    private String id(String kind) {
        return kind + "@" + t.host();
    }

    private DoctorCheck check(String kind, DoctorStatus status, String summary, List<String> evidence, DoctorFix fix) {
        return new DoctorCheck(id(kind), "host", title(kind), t.subjects(), status, summary, evidence, fix);
    }

    private DoctorCheck unknown(String kind, String why, List<String> evidence) {
        DoctorCheck u = DoctorCheck.unknown(id(kind), "host", title(kind), t.subjects(), why);
        return new DoctorCheck(u.id(), u.area(), u.title(), u.subjects(), u.status(), u.summary(), evidence, u.fix());
    }

    /** The host's checks UNKNOWN (four; five on a Roles Anywhere host), for a host that could not be reached. */
    static List<DoctorCheck> unreachable(HostProbes.Target t, String why) {
        return notReached(t, why, false);
    }

    /** The host's checks FAILED: it presented another host key than the trusted one (refused, never UNKNOWN). */
    static List<DoctorCheck> keyChanged(HostProbes.Target t, String why) {
        return notReached(t, why, true);
    }

    private static List<DoctorCheck> notReached(HostProbes.Target t, String why, boolean failed) {
        HostProbeChecks c = new HostProbeChecks(t, x -> {
            throw new IllegalStateException("not reached");
        });
        List<String> kinds = new ArrayList<>(List.of(HostProbes.ROUTE, HostProbes.FIREWALL, HostProbes.TIME, HostProbes.API));
        if (t.certificate() != null) {
            kinds.add(HostProbes.CERTIFICATE);
        }
        return kinds.stream().map(k -> failed ? c.check(k, DoctorStatus.FAIL, why, List.of(), DoctorFix.NONE) : c.unknown(k, why, List.of()))
                .toList();
    }

    /** "$ command", then what it printed (stdout, then stderr), then its exit status when not 0. */
    private static void show(List<String> ev, String command, CommandResult r) {
        ev.add("$ " + command);
        List<String> lines = new ArrayList<>(r.stdout().lines().toList());
        lines.addAll(r.stderr().lines().toList());
        lines.stream().limit(SHOWN_LINES).map(String::stripTrailing).forEach(ev::add);
        if (lines.size() > SHOWN_LINES) {
            ev.add("… (" + (lines.size() - SHOWN_LINES) + " more lines)");
        }
        if (r.exitCode() != 0) {
            ev.add("(exit " + r.exitCode() + ")");
        }
    }

    private static String firstLine(CommandResult r) {
        String s = r.stderr().isBlank() ? r.stdout() : r.stderr();
        return s.strip().lines().findFirst().orElse("no output");
    }

    // host.route ------------------------------------------------------------------------------------------------------

    DoctorCheck route() {
        if (t.vpcCidrs().isEmpty()) {
            return unknown(HostProbes.ROUTE, "the cluster VPC's CIDR is not known", List.of());
        }
        List<String> ev = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> right = new ArrayList<>();
        try {
            for (String cidr : t.vpcCidrs()) {
                String cmd = HostProbeCommands.routeGet(HostProbeCommands.probeAddress(cidr));
                CommandResult r = shell.run(cmd);
                show(ev, cmd, r);
                Optional<Route> route = r.exitCode() == 0 ? HostProbeCommands.parseRoute(r.stdout()) : Optional.empty();
                if (route.isEmpty()) {
                    wrong.add("has no route to " + cidr + " (" + firstLine(r) + ")");
                } else if (!t.vpnServerIp().isEmpty() && !t.vpnServerIp().equals(route.get().via())) {
                    wrong.add("routes " + cidr + " " + hop(route.get()) + ", not through its VPN server " + t.vpnServerIp());
                } else if (!t.vpnServerIp().isEmpty()) {
                    right.add(cidr + " through its VPN server " + t.vpnServerIp() + " (dev " + route.get().dev() + ")");
                } else {
                    right.add(cidr + " " + hop(route.get()));
                }
            }
        } catch (EdgeException e) {
            return unknown(HostProbes.ROUTE, "the connection to " + t.host() + " failed: " + e.failure().reason(), ev);
        }
        if (wrong.isEmpty()) {
            return check(HostProbes.ROUTE, DoctorStatus.PASS, t.host() + " routes " + String.join(", ", right) + ".", ev,
                    DoctorFix.NONE);
        }
        return check(HostProbes.ROUTE, DoctorStatus.FAIL, t.host() + " " + String.join("; ", wrong)
                + ": the kubelet and pods cannot reach the cluster.", ev, routeFix());
    }

    private static String hop(Route r) {
        return r.via().isEmpty() ? "on-link (dev " + r.dev() + ")" : "via " + r.via() + " (dev " + r.dev() + ")";
    }

    private DoctorFix routeFix() {
        if (!t.vpnServerIp().isEmpty()) {
            return DoctorFix.manual("Install the pool's route unit on " + t.host() + ": it routes the VPC through VPN server "
                    + t.vpnServerIp() + " at every boot (the unit pool creation writes).",
                    HostProbeCommands.routeFix(t.vpcCidrs(), t.vpnServerIp(), HostCommands.ROUTE_UNIT, HostCommands.ROUTE_UNIT_PATH,
                            HostCommands.routeUnit(t.vpcCidrs(), t.vpnServerIp())));
        }
        String lines = t.vpcCidrs().stream().map(c -> "sudo ip route replace " + c + " via <VPN_DEVICE_IP>")
                .collect(Collectors.joining("\n"));
        return DoctorFix.manual("Route the VPC CIDR from " + t.host() + "'s network to the site's VPN device (on the site "
                + "router, or on the host); or give the host a VPN server IP in its pool, so that pool creation writes "
                + HostCommands.ROUTE_UNIT + ".", lines + "\n");
    }

    // host.firewall ---------------------------------------------------------------------------------------------------

    DoctorCheck firewall() {
        List<String> ev = new ArrayList<>();
        List<Port> ports = HostProbeCommands.requiredPorts(t.cni());
        try {
            String cmd = HostProbeCommands.NFT_RULESET;
            CommandResult r = shell.run(cmd);
            boolean nft = true;
            if (r.exitCode() == HostProbeCommands.NOT_FOUND || r.stderr().contains("command not found")) {
                ev.add("$ " + cmd);
                ev.add(firstLine(r) + " (exit " + r.exitCode() + "): reading iptables instead");
                cmd = HostProbeCommands.IPTABLES_SAVE;
                r = shell.run(cmd);
                nft = false;
            }
            if (r.exitCode() != 0) {
                show(ev, cmd, r);
                String why = r.stderr().contains("password is required")
                        ? "reading the firewall needs root, and sudo -n on " + t.host() + " asks for a password"
                        : cmd + " failed on " + t.host() + ": " + firstLine(r);
                return unknown(HostProbes.FIREWALL, why, ev);
            }
            HostFirewall fw = nft ? HostFirewall.fromNft(r.stdout(), ports) : HostFirewall.fromIptables(r.stdout(), ports);
            ev.add("$ " + cmd + "   (" + r.stdout().lines().count() + " lines; the ones that decide:)");
            ev.addAll(fw.evidence());
            if (t.cni() == CniKind.CUSTOM) {
                ev.add("the custom CNI's overlay port is not known: only " + ports.get(0) + " was checked");
            }
            String list = ports.stream().map(Port::toString).collect(Collectors.joining(" and "));
            if (!fw.filtering()) {
                return check(HostProbes.FIREWALL, DoctorStatus.PASS, t.host() + " does not filter incoming traffic: " + list
                        + " reach it.", ev, DoctorFix.NONE);
            }
            if (fw.closed().isEmpty()) {
                return check(HostProbes.FIREWALL, DoctorStatus.PASS, t.host() + "'s firewall (" + fw.frontendName() + ") lets "
                        + list + " in.", ev, DoctorFix.NONE);
            }
            String closed = fw.closed().stream().map(Port::toString).collect(Collectors.joining(" and "));
            return check(HostProbes.FIREWALL, DoctorStatus.FAIL, t.host() + "'s firewall (" + fw.frontendName()
                    + ") does not let " + closed + " in: " + consequences(fw.closed()) + ".", ev,
                    DoctorFix.manual("Open " + closed + " on " + t.host() + " with " + fw.frontendName() + ".", fw.fixSnippet()));
        } catch (EdgeException e) {
            return unknown(HostProbes.FIREWALL, "the connection to " + t.host() + " failed: " + e.failure().reason(), ev);
        }
    }

    private String consequences(List<Port> closed) {
        List<String> out = new ArrayList<>();
        for (Port p : closed) {
            out.add(p.number() == HostProbeCommands.KUBELET_PORT
                    ? "the API server cannot reach the kubelet (kubectl logs, exec, port-forward fail)"
                    : t.cni().label() + "'s VXLAN traffic from the other nodes is dropped (pods cannot reach this node's pods)");
        }
        return String.join("; ", out);
    }

    // host.time -------------------------------------------------------------------------------------------------------

    DoctorCheck time() {
        List<String> ev = new ArrayList<>();
        try {
            CommandResult r = shell.run(HostProbeCommands.NTP_SYNCHRONIZED);
            show(ev, HostProbeCommands.NTP_SYNCHRONIZED, r);
            Optional<Boolean> synced = r.exitCode() == 0 ? HostProbeCommands.parseSynchronized(r.stdout()) : Optional.empty();
            if (synced.isEmpty()) {
                return unknown(HostProbes.TIME, "timedatectl did not say whether the clock is synchronized: " + firstLine(r), ev);
            }
            if (synced.get()) {
                return check(HostProbes.TIME, DoctorStatus.PASS, t.host() + "'s clock is synchronized (NTP).", ev, DoctorFix.NONE);
            }
            return check(HostProbes.TIME, DoctorStatus.FAIL, t.host() + "'s clock is not synchronized: TLS to the API server "
                    + "and AWS's request signatures (SSM, IAM Roles Anywhere) fail once it drifts.", ev,
                    DoctorFix.manual("Run chrony on " + t.host() + " with reachable NTP servers (or set the pool's NTP servers).",
                            HostProbeCommands.timeFix(HostCommands.ntpService(t.osId()), HostCommands.ntpPath(t.osId()))));
        } catch (EdgeException e) {
            return unknown(HostProbes.TIME, "the connection to " + t.host() + " failed: " + e.failure().reason(), ev);
        }
    }

    // host.api --------------------------------------------------------------------------------------------------------

    DoctorCheck api() {
        if (t.apiHost().isEmpty()) {
            return unknown(HostProbes.API, "the API server endpoint is not known", List.of());
        }
        List<String> ev = new ArrayList<>();
        String name = t.apiHost();
        try {
            String addresses = name;
            if (!HostProbeCommands.isAddress(name)) {
                String cmd = HostProbeCommands.resolve(name);
                CommandResult r = shell.run(cmd);
                show(ev, cmd, r);
                List<String> found = r.exitCode() == 0 ? HostProbeCommands.parseAddresses(r.stdout()) : List.of();
                if (found.isEmpty()) {
                    return check(HostProbes.API, DoctorStatus.FAIL, t.host() + " cannot resolve the API server endpoint " + name
                            + ": the kubelet cannot find the cluster.", ev, dnsFix());
                }
                addresses = String.join(", ", found);
            }
            String cmd = HostProbeCommands.connect(name, t.apiPort());
            CommandResult r = shell.run(cmd);
            show(ev, cmd, r);
            String to = "TCP " + t.apiPort() + " to " + name + (addresses.equals(name) ? "" : " (" + addresses + ")");
            if (r.exitCode() == 0) {
                return check(HostProbes.API, DoctorStatus.PASS, to + " connects from " + t.host() + ".", ev, DoctorFix.NONE);
            }
            String how = r.exitCode() == HostProbeCommands.TIMED_OUT
                    ? "timed out after " + HostProbeCommands.CONNECT_SECONDS + " s" : "failed (" + firstLine(r) + ")";
            return check(HostProbes.API, DoctorStatus.FAIL, to + " " + how + " from " + t.host() + ": the kubelet cannot "
                    + "reach the API server.", ev, DoctorFix.manual("Check the path from " + t.host() + " to the cluster: the VPC "
                    + "route tables and transit gateway for this site's node CIDR, the VPN's selectors, and the cluster "
                    + "security group's inbound 443 from the node CIDR (the aws.routes, aws.tgw, aws.vpn and aws.sg checks).",
                    "ip route get " + addresses.split(", ")[0] + "\n" + cmd + " && echo open\n"));
        } catch (EdgeException e) {
            return unknown(HostProbes.API, "the connection to " + t.host() + " failed: " + e.failure().reason(), ev);
        }
    }

    private DoctorFix dnsFix() {
        return DoctorFix.manual("Resolve " + t.apiHost() + " on " + t.host() + ": a private endpoint's name is answered by the "
                + "VPC's resolver, so forward the EKS zone to a Route 53 Resolver inbound endpoint in the VPC (here with "
                + "systemd-resolved; on the site's DNS server, a conditional forwarder does the same).",
                "sudo mkdir -p /etc/systemd/resolved.conf.d\n"
                        + "sudo tee /etc/systemd/resolved.conf.d/eks.conf >/dev/null <<'EOF'\n[Resolve]\n"
                        + "DNS=<INBOUND_ENDPOINT_IP_1> <INBOUND_ENDPOINT_IP_2>\nDomains=~eks.amazonaws.com\nEOF\n"
                        + "sudo systemctl restart systemd-resolved\n" + HostProbeCommands.resolve(t.apiHost()) + "\n");
    }

    // host.certificate ------------------------------------------------------------------------------------------------

    /**
     * The host's IAM Roles Anywhere certificate (only the certificate is read, never the key): PASS with more than 30 days
     * left, WARN within 30 days, FAIL once expired or when none of the trust anchors' CAs issued it, UNKNOWN when it
     * cannot be read.
     */
    DoctorCheck certificate(Instant now) {
        String path = HostCommands.CERTIFICATE_PATH;
        String cmd = HostCommands.cat(path).command();
        List<String> ev = new ArrayList<>();
        try {
            CommandResult r = shell.run(cmd);
            ev.add("$ " + cmd);
            if (r.exitCode() != 0) {
                ev.add(firstLine(r) + " (exit " + r.exitCode() + ")");
                String why = r.stderr().contains("password is required")
                        ? "reading " + path + " needs root, and sudo -n on " + t.host() + " asks for a password"
                        : r.stderr().contains("No such file") ? "no certificate at " + path + " on " + t.host()
                        : cmd + " failed on " + t.host() + ": " + firstLine(r);
                return unknown(HostProbes.CERTIFICATE, why, ev);
            }
            HostCertificate c = HostCertificates.of(t.host(), "", r.stdout(), now);
            if (!c.readable()) {
                return unknown(HostProbes.CERTIFICATE, c.problem(), ev);
            }
            X509Certificate x = NodeCertificates.parse(r.stdout()).orElseThrow();
            ev.add("subject CN=" + c.commonName() + ", serial " + c.serial());
            ev.add("issuer " + x.getIssuerX500Principal().getName());
            ev.add("notAfter " + c.notAfter() + " (" + c.daysLeft() + " days left)");
            List<String> cas = t.certificate().trustAnchorCas();
            boolean foreign = false;
            if (cas.isEmpty()) {
                ev.add("the issuer was not checked: no trust anchor CA certificate could be read");
            } else {
                foreign = cas.stream().map(NodeCertificates::parse).flatMap(Optional::stream)
                        .noneMatch(ca -> NodeCertificates.issuedBy(x, ca));
                ev.add(foreign ? "issued by none of the " + cas.size() + " trust anchor CA(s) of the region"
                        : "issued by the trust anchor's CA");
            }
            String cert = t.host() + "'s certificate CN=" + c.commonName();
            if (c.expired()) {
                return check(HostProbes.CERTIFICATE, DoctorStatus.FAIL, cert + " expired at " + c.notAfter() + ": its node "
                        + "gets no AWS credentials from IAM Roles Anywhere and falls out of the cluster.", ev, rotateFix());
            }
            if (foreign) {
                return check(HostProbes.CERTIFICATE, DoctorStatus.FAIL, cert + " was not issued by the CA of a trust anchor of "
                        + "the region: IAM Roles Anywhere refuses it.", ev, rotateFix());
            }
            if (c.warning()) {
                return check(HostProbes.CERTIFICATE, DoctorStatus.WARN, cert + " expires " + c.notAfter() + ", in "
                        + c.daysLeft() + (c.daysLeft() == 1 ? " day" : " days") + ": rotate the pool's certificates before then.",
                        ev, rotateFix());
            }
            return check(HostProbes.CERTIFICATE, DoctorStatus.PASS, cert + " is valid until " + c.notAfter() + " ("
                    + c.daysLeft() + " days left).", ev, DoctorFix.NONE);
        } catch (EdgeException e) {
            return unknown(HostProbes.CERTIFICATE, "the connection to " + t.host() + " failed: " + e.failure().reason(), ev);
        }
    }

    private DoctorFix rotateFix() {
        HostProbes.CertificateCheck cc = t.certificate();
        String pool = t.pool().isEmpty() ? "POOL" : t.pool();
        return DoctorFix.manual("Rotate pool " + pool + "'s certificates: a new certificate for each host from the trust "
                + "anchor's CA key, the signing helper restarted, each node kept Ready.",
                "hybridpane pool rotate-certs " + pool + " --cluster " + cc.cluster() + " --region " + cc.region()
                        + " --ca-key CA_KEY_FILE --ssh-key SSH_KEY_FILE --apply\n");
    }
}
