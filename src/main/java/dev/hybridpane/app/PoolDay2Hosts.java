package dev.hybridpane.app;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.PoolFacts;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.ui.pools.day2.PoolDay2Port;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The mappings {@link CorePoolDay2} makes between core's answers and the day-2 port's records. */
final class PoolDay2Hosts {
    private PoolDay2Hosts() {
    }

    /**
     * The pool's hosts (with their nodes), then the site's other hosts: offered when the pool rules find nothing against
     * them (free, probed, compatible), else with each reason.
     */
    static List<PoolDay2Port.HostOption> options(PoolStore.Stored stored, Cluster cluster, KubernetesLayer k,
                                                  InventoryPort.Inventory inventory, List<PoolStore.Stored> allPools) {
        String poolName = stored.pool().name();
        Map<String, String> nodeOf = new HashMap<>();
        stored.status().members().forEach(m -> nodeOf.put(m.host(), m.node()));
        List<StoredHost> hosts = inventory.hosts();
        Map<String, EdgeHostSpec> specs = new HashMap<>();
        Map<String, HostFacts> facts = new HashMap<>();
        Map<String, String> poolOfHost = new HashMap<>();
        for (StoredHost h : hosts) {
            specs.put(h.spec().name(), h.spec());
            if (h.status().facts() != null) {
                facts.put(h.spec().name(), h.status().facts());
            }
            if (h.status().pool() != null && !h.status().pool().isBlank()) {
                poolOfHost.put(h.spec().name(), h.status().pool());
            }
        }
        allPools.forEach(p -> p.pool().hostNames().forEach(h -> poolOfHost.put(h, p.pool().name())));
        Site site = inventory.sites().stream().filter(s -> s.name().equals(stored.pool().site())).findFirst().orElse(null);
        PoolFacts poolFacts = new PoolFacts(site, cluster.remoteNodeCidrs(), k, specs, facts, poolOfHost);
        List<PoolDay2Port.HostOption> out = new ArrayList<>();
        for (String h : stored.pool().hostNames()) {
            out.add(new PoolDay2Port.HostOption(h, true, nodeOf.getOrDefault(h, ""), system(facts.get(h)), true, List.of()));
        }
        for (StoredHost h : hosts.stream().filter(h -> h.spec().site().equals(stored.pool().site()))
                .filter(h -> !stored.pool().hostNames().contains(h.spec().name()))
                .sorted(Comparator.comparing(h -> h.spec().name())).toList()) {
            List<String> reasons = k == null ? List.of("The pool's profile version is gone: no host can be checked against it.")
                    : PoolRules.hosts(stored.pool().withHosts(List.of(PoolHost.of(h.spec().name()))), poolFacts).stream()
                    .filter(ProfileProblem::isError).map(ProfileProblem::message).toList();
            boolean other = poolOfHost.containsKey(h.spec().name()) && !poolOfHost.get(h.spec().name()).equals(poolName);
            out.add(new PoolDay2Port.HostOption(h.spec().name(), false, "", system(facts.get(h.spec().name())),
                    reasons.isEmpty() && !other, reasons));
        }
        return out;
    }

    /** "ubuntu 22.04 · x86_64", or "not probed". */
    static String system(HostFacts f) {
        return f == null ? "not probed" : f.osId() + " " + f.osVersion() + " · " + (f.arch() == null ? "?" : f.arch());
    }

    /** The scan's findings for this pool (orphans whose activation names no pool are shown with every pool). */
    static PoolDay2Port.SsmHygiene hygiene(SsmHygiene.Report report, String pool) {
        List<PoolDay2Port.Orphan> orphans = report.orphans().stream()
                .filter(o -> o.pool() == null || o.pool().isBlank() || o.pool().equals(pool))
                .map(o -> new PoolDay2Port.Orphan(o.instanceId(), o.name(), o.ipAddress(), o.registered())).toList();
        List<PoolDay2Port.SpentActivation> spent = report.spent().stream()
                .filter(a -> a.pool() == null || a.pool().isBlank() || a.pool().equals(pool))
                .map(a -> new PoolDay2Port.SpentActivation(a.id(), a.why(), a.expires())).toList();
        return new PoolDay2Port.SsmHygiene(orphans, spent);
    }

    /** A fresh scan narrowed to what the administrator chose (what is no longer found is left alone). */
    static SsmHygiene.Report only(SsmHygiene.Report fresh, PoolDay2Port.SsmHygiene chosen) {
        Set<String> instances = chosen.orphans().stream().map(PoolDay2Port.Orphan::managedInstanceId).collect(Collectors.toSet());
        Set<String> activations = chosen.activations().stream().map(PoolDay2Port.SpentActivation::activationId)
                .collect(Collectors.toSet());
        return new SsmHygiene.Report(fresh.orphans().stream().filter(o -> instances.contains(o.instanceId())).toList(),
                fresh.spent().stream().filter(a -> activations.contains(a.id())).toList());
    }

    /** "Deregistered 2 managed instances and deleted 1 activation." plus any failure. */
    static String sentence(SsmHygiene.Cleaned c) {
        String done = "Deregistered " + c.deregistered().size() + " managed instance" + (c.deregistered().size() == 1 ? "" : "s")
                + " and deleted " + c.deleted().size() + " activation" + (c.deleted().size() == 1 ? "" : "s") + ".";
        return c.failures().isEmpty() ? done : done + " Not done: " + String.join(" ", c.failures());
    }
}
