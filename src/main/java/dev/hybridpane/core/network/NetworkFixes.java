package dev.hybridpane.core.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The network doctor's fixes: from a report's failing and warning checks, a {@link FixPlan} (one line per automatic
 * change, the manual fixes per site), and its apply as an {@link Operation} of idempotent steps run by the
 * {@link OperationEngine}: each step observes first (the route, the rule, the attribute, the static route, the
 * DaemonSet's affinity as they are now), so a re-run or another workstation changes nothing twice. An apply holds the
 * cluster's {@link #LOCK} lock (the Lease {@code hybridpane-network-fix}) while it runs, so that two workstations never fix
 * one cluster's network at once.
 */
public final class NetworkFixes {
    public static final String KIND = "network-fix";
    public static final String CREATE_ROUTE = "create-route";
    public static final String AUTHORIZE_443 = "authorize-443";
    public static final String VPC_DNS = "vpc-dns";
    public static final String VPN_STATIC_ROUTE = "vpn-static-route";
    public static final String CNI_AFFINITY = "cni-affinity";
    /** The lock an apply holds in the cluster (the Lease hybridpane-network-fix): one workstation fixes at a time. */
    public static final String LOCK = "network-fix";
    /** How long a renewal holds it; not renewed for this long, it is stale and the next apply takes it over. */
    public static final Duration LOCK_TTL = Duration.ofMinutes(2);
    /** The order changes run in: routes first (the path), then what uses it. */
    static final List<String> ACTIONS = List.of(VPC_DNS, CREATE_ROUTE, VPN_STATIC_ROUTE, AUTHORIZE_443, CNI_AFFINITY);
    static final Set<String> DNS_ATTRIBUTES = Set.of("enableDnsHostnames", "enableDnsSupport");

    private final NetworkWritePort aws;
    private final CniAffinityPort cni;

    public NetworkFixes(NetworkWritePort aws, CniAffinityPort cni) {
        this.aws = aws;
        this.cni = cni;
    }

    /** The plan for the report's checks that fail or warn; a check that passes or is unknown has nothing to fix. */
    public static FixPlan plan(DoctorReport report) {
        Map<String, List<String>> checksOf = new LinkedHashMap<>();
        Map<String, DoctorFix> fixOf = new LinkedHashMap<>();
        List<FixPlan.Manual> manual = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DoctorCheck c : report.checks()) {
            if (c.status() != DoctorStatus.FAIL && c.status() != DoctorStatus.WARN || !c.fix().present() && !c.fix().automatic()) {
                continue;
            }
            DoctorFix f = c.fix();
            if (!f.automatic()) {
                manual.add(new FixPlan.Manual(site(report, c), c.id(), c.title(), f.description(), f.snippet()));
                continue;
            }
            String problem = problem(f);
            if (problem != null) {
                problems.add(c.id() + ": " + problem);
                continue;
            }
            String key = f.action() + " " + f.params();
            fixOf.putIfAbsent(key, f);
            checksOf.computeIfAbsent(key, k -> new ArrayList<>()).add(c.id());
        }
        List<FixPlan.Change> changes = new ArrayList<>();
        fixOf.forEach((key, f) -> changes.add(new FixPlan.Change(f.action(), f.params(), line(f.action(), f.params()),
                checksOf.get(key))));
        changes.sort(Comparator.comparingInt(c -> ACTIONS.indexOf(c.action())));
        manual.sort(Comparator.comparing(FixPlan.Manual::site));
        return new FixPlan(report.cluster(), report.region(), changes, manual, problems);
    }

    /** The operation that applies the plan's changes, one step each, under an id per cluster (a re-run resumes it). */
    public Operation operation(FixPlan plan) {
        List<Step> steps = new ArrayList<>();
        for (FixPlan.Change c : plan.changes()) {
            steps.add(FixSteps.step(aws, cni, plan.region(), c, steps.size()));
        }
        return new Operation(operationId(plan.cluster(), plan.region()), KIND, "Fix the network", plan.cluster() + " · "
                + plan.region(), steps);
    }

    /** Runs the plan's changes through the engine (on the caller's thread), journaled after every change. */
    public Journal apply(FixPlan plan, OperationEngine engine, CancelToken cancel, Consumer<Journal> listener) {
        return engine.run(operation(plan), cancel, listener);
    }

    /**
     * As {@link #apply(FixPlan, OperationEngine, CancelToken, Consumer)}, holding the cluster's {@link #LOCK} for
     * {@code holder} ("ARN on HOST", never a secret) from before the first change until the run ends, however it ends
     * (done, failed, cancelled). A lock another workstation holds and renews refuses the apply, naming its holder; one
     * its holder stopped renewing (stale) is taken over, since every step observes before it changes anything.
     */
    public Journal apply(FixPlan plan, OperationEngine engine, OperationLock lock, String holder, CancelToken cancel,
            Consumer<Journal> listener) throws LockedException {
        try (OperationLock.Held held = lock.takeOver(LOCK, holder, LOCK_TTL)) {
            return engine.run(operation(plan), cancel, listener);
        }
    }

    /** The refusal in one line: who is fixing the cluster's network, since when. */
    public static String refusal(String cluster, LockedException e) {
        return "The network of " + cluster + " is being fixed from another workstation: " + e.getMessage();
    }

    public static String operationId(String cluster, String region) {
        return KIND + "-" + region + "-" + cluster;
    }

    /** Why an automatic fix cannot run (an unknown action, a parameter missing or malformed), or null. */
    static String problem(DoctorFix f) {
        Map<String, String> p = f.params();
        List<String> need = switch (f.action()) {
            case CREATE_ROUTE -> List.of("routeTableId", "destinationCidr", "targetKind", "targetId");
            case AUTHORIZE_443 -> List.of("groupId", "cidr");
            case VPC_DNS -> List.of("vpcId", "attribute");
            case VPN_STATIC_ROUTE -> List.of("vpnConnectionId", "destinationCidr");
            case CNI_AFFINITY -> List.of("namespace", "daemonSet");
            default -> null;
        };
        if (need == null) {
            return "no automatic fix is known for the action \"" + f.action() + "\"; " + f.description();
        }
        List<String> missing = need.stream().filter(k -> p.get(k) == null || p.get(k).isBlank()).toList();
        if (!missing.isEmpty()) {
            return f.action() + " needs " + String.join(", ", missing);
        }
        for (String k : List.of("destinationCidr", "cidr")) {
            if (p.containsKey(k) && Cidr.tryParse(p.get(k)).isEmpty()) {
                return f.action() + ": " + k + " " + p.get(k) + " is not an IPv4 CIDR";
            }
        }
        if (f.action().equals(CREATE_ROUTE) && NetworkWritePort.TargetKind.parse(p.get("targetKind")).isEmpty()) {
            return "create-route: targetKind is transitGateway, vpnGateway or networkInterface, not " + p.get("targetKind");
        }
        if (f.action().equals(VPC_DNS) && !DNS_ATTRIBUTES.contains(p.get("attribute"))) {
            return "vpc-dns: attribute is enableDnsHostnames or enableDnsSupport, not " + p.get("attribute");
        }
        return null;
    }

    /** The change in one line, as the plan shows it. */
    static String line(String action, Map<String, String> p) {
        return switch (action) {
            case CREATE_ROUTE -> "create route " + p.get("destinationCidr") + " → " + p.get("targetId") + " in " + p.get("routeTableId");
            case AUTHORIZE_443 -> "allow TCP 443 from " + p.get("cidr") + " in " + p.get("groupId");
            case VPC_DNS -> "turn on " + p.get("attribute") + " in " + p.get("vpcId");
            case VPN_STATIC_ROUTE -> "add static route " + p.get("destinationCidr") + " to " + p.get("vpnConnectionId");
            case CNI_AFFINITY -> "patch daemonset " + p.get("namespace") + "/" + p.get("daemonSet")
                    + ": node affinity to reach hybrid nodes (eks.amazonaws.com/compute-type In [hybrid])";
            default -> action + " " + p;
        };
    }

    /**
     * Where a manual fix is done: the site the check names ({@code site:NAME}), else the host of a host check, else the
     * cluster (AWS-side work for the network team).
     */
    static String site(DoctorReport report, DoctorCheck c) {
        for (String s : c.subjects()) {
            if (s.startsWith("site:")) {
                return "site " + s.substring("site:".length());
            }
        }
        int at = c.id().indexOf('@');
        if ("host".equals(c.area()) && at > 0) {
            return "host " + c.id().substring(at + 1);
        }
        return "cluster " + report.cluster();
    }
}
