package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import dev.hybridpane.domain.edge.SudoMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane hosts import --csv FILE --ssh-key KEY`: what the Edge Hosts view's Import CSV does. The CSV is parsed
 * (bad rows: one line each, exit 2, nothing stored); the hosts are probed over SSH with HybridPane's known_hosts (an
 * unknown key fails its host unless --accept-new-host-keys trusts it; a changed key is always refused); a site the
 * CSV names that the cluster lacks is created with --site-cidr's node CIDR, else with the networks of its reached
 * hosts' node IPs inside the cluster's remote node networks (when reached hosts give no valid CIDR: exit 2, nothing
 * stored; when none of its hosts was reached, it is left for a later import);
 * then each host and its checked status is stored and printed. Exit 0 every host stored and reached, 1 any host not
 * reached or not stored.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import edge hosts from a CSV and check them.")
public final class HostsImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Hosts: " + HostCsv.HEADER + " (header optional).")
    Path csv;
    @Option(names = "--ssh-key", required = true, paramLabel = "KEY", description = "Private key file to log in to the hosts.")
    Path sshKey;
    @Option(names = "--accept-new-host-keys",
            description = "Trust the key of a host seen for the first time (as OpenSSH's accept-new). A changed key is still refused.")
    boolean acceptNew;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trusted host keys (default: HybridPane's own known_hosts in its config directory).")
    Path knownHosts;
    @Option(names = "--user", paramLabel = "USER", defaultValue = "ubuntu",
            description = "SSH user of rows without one (default: ${DEFAULT-VALUE}).")
    String user;
    @Option(names = "--site-cidr", paramLabel = "SITE=CIDR",
            description = "Node CIDR of a site the cluster lacks (repeatable; default: the networks of its hosts' node IPs).")
    Map<String, String> siteCidrs = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("--csv: cannot read " + csv + ".");
            return 2;
        }
        if (!Files.isReadable(sshKey)) {
            err.println("--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        Optional<String> badUser = HostInputRules.user(user);
        if (badUser.isPresent()) {
            err.println("--user: " + badUser.get());
            return 2;
        }
        for (Map.Entry<String, String> e : siteCidrs.entrySet()) {
            for (String c : SiteRules.items(e.getValue())) {
                try {
                    Cidr.parse(c);
                } catch (IllegalArgumentException x) {
                    err.println("--site-cidr " + e.getKey() + ": " + x.getMessage() + ".");
                    return 2;
                }
            }
        }
        HostCsv.Result parsed = HostCsv.parse(text, user, SudoMode.PASSWORDLESS, List.of(), List.of());
        if (!parsed.errors().isEmpty()) {
            parsed.errors().forEach(e -> err.println(csv.getFileName() + ": " + e));
            return 2;
        }
        if (parsed.hosts().isEmpty()) {
            err.println("--csv: " + csv + " has no hosts.");
            return 2;
        }
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        return PoolEnvironment.run(target, err, env -> {
            ClusterRef ref = target.ref();
            Cluster cluster = env.aws.describeCluster(ref);
            InventoryPort.Inventory inventory = env.inventory(ref);
            Map<String, StoredHost> stored = new LinkedHashMap<>();
            inventory.hosts().forEach(h -> stored.put(h.spec().name(), h));
            for (EdgeHostSpec s : parsed.hosts()) {
                // a row naming a stored host updates it (as Edit does); another host's address:port is refused
                List<EdgeHostSpec> others = stored.values().stream().map(StoredHost::spec)
                        .filter(o -> !o.name().equals(s.name())).toList();
                Optional<String> dup = HostInputRules.duplicate(s, others);
                if (dup.isPresent()) {
                    err.println(csv.getFileName() + ": " + s.name() + ": " + dup.get());
                    return 2;
                }
            }
            Map<String, ProbeResult> results;
            FileKnownHostsStore store = new FileKnownHostsStore(known);
            try (MinaEdgePort edge = new MinaEdgePort(store)) {
                results = probe(edge, store, parsed.hosts(), out);
            }
            boolean failed = false;
            Map<String, Site> sites = new LinkedHashMap<>();
            inventory.sites().forEach(s -> sites.put(s.name(), s));
            List<Site> created = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            Set<String> named = new LinkedHashSet<>();
            parsed.hosts().stream().map(EdgeHostSpec::site).filter(s -> !s.isEmpty()).forEach(named::add);
            for (String name : named) {
                if (sites.containsKey(name)) {
                    continue;
                }
                boolean anyReached = parsed.hosts().stream()
                        .anyMatch(h -> h.site().equals(name) && results.get(h.name()) instanceof ProbeResult.Reached);
                if (!siteCidrs.containsKey(name) && !anyReached) {
                    // nothing to learn its network from yet: its hosts fail below, and a later import creates it
                    out.println("Site " + name + " not created yet: none of its hosts was reached (or give --site-cidr "
                            + name + "=CIDR).");
                    continue;
                }
                List<String> cidrs = siteCidrs.containsKey(name) ? SiteRules.items(siteCidrs.get(name))
                        : HostsSites.nodeNetworks(name, parsed.hosts(), results, cluster.remoteNodeCidrs());
                Site site = new Site(name, "Created by hybridpane hosts import", cidrs, List.of(), "", List.of());
                Map<String, String> problems = SiteRules.validate(site, cluster.remoteNodeCidrs(), cluster.remotePodCidrs(),
                        sites.values(), true);
                if (problems.isEmpty()) {
                    sites.put(name, site);
                    created.add(site);
                } else {
                    refused.add("Site " + name + " does not exist and cannot be created: " + String.join(" ", problems.values())
                            + " Give its node CIDR with --site-cidr " + name + "=CIDR.");
                }
            }
            if (!refused.isEmpty()) {
                // nothing is stored: the hosts would name a site that is not there
                refused.forEach(err::println);
                err.flush();
                return 2;
            }
            for (Site site : created) {
                inventory.saveSite(site);
                out.println("Site " + site.name() + " created with node CIDR " + String.join(", ", site.nodeCidrs()) + ".");
            }
            out.println(HostsCommand.header(false));
            Instant now = Instant.now();
            for (EdgeHostSpec s : parsed.hosts()) {
                ProbeResult r = results.get(s.name());
                StoredHost before = stored.get(s.name());
                HostStatus previous = before == null ? null : before.status();
                inventory.saveHost(s);
                HostStatus shown;
                if (r instanceof ProbeResult.UnknownHostKey || r instanceof ProbeResult.Cancelled) {
                    // as the view: no status is stored for a host whose key was not trusted (nothing ran on it)
                    shown = new HostStatus(HostPhase.UNKNOWN, r instanceof ProbeResult.UnknownHostKey u
                            ? u.reason() + " (--accept-new-host-keys trusts it)" : "Cancelled.", null, List.of(), null, null);
                } else {
                    shown = HostStatuses.of(r, previous, cluster.remoteNodeCidrs(), sites.get(s.site()), now);
                    inventory.saveStatus(s.name(), shown);
                }
                failed |= !(r instanceof ProbeResult.Reached);
                out.println(HostsCommand.line(new StoredHost(s, shown), false));
            }
            long reached = results.values().stream().filter(ProbeResult.Reached.class::isInstance).count();
            out.println(parsed.hosts().size() + (parsed.hosts().size() == 1 ? " host" : " hosts") + " stored in "
                    + ref.name() + ", " + reached + " reached.");
            out.flush();
            List<String> notReached = parsed.hosts().stream().map(EdgeHostSpec::name)
                    .filter(n -> !(results.get(n) instanceof ProbeResult.Reached)).toList();
            if (!notReached.isEmpty()) {
                boolean unknownKeys = results.values().stream().anyMatch(ProbeResult.UnknownHostKey.class::isInstance);
                err.println("Not reached: " + String.join(", ", notReached) + "."
                        + (unknownKeys ? " Check the fingerprints of the keys not trusted yet, then rerun with --accept-new-host-keys." : ""));
            }
            err.flush();
            return failed ? 1 : 0;
        });
    }

    /** Probes every host; with --accept-new-host-keys, trusts the unknown keys and probes those hosts again. */
    private Map<String, ProbeResult> probe(MinaEdgePort edge, FileKnownHostsStore store, List<EdgeHostSpec> specs,
            PrintWriter out) {
        FactGatherer gatherer = new FactGatherer(edge);
        SshIdentity identity = new SshIdentity(sshKey, null);
        List<EdgeTarget> targets = specs.stream().map(s -> new EdgeTarget(s, identity, null)).toList();
        Map<String, ProbeResult> results = new LinkedHashMap<>(gatherer.gather(targets, p -> { }).result().join());
        if (!acceptNew) {
            return results;
        }
        List<EdgeTarget> again = new ArrayList<>();
        for (EdgeTarget t : targets) {
            if (results.get(t.spec().name()) instanceof ProbeResult.UnknownHostKey u) {
                store.trust(u.offered());
                out.println("Trusted the new host key of " + t.spec().name() + " (" + t.spec().hostPort() + "): "
                        + u.offered().keyType() + " " + u.offered().fingerprint());
                again.add(t);
            }
        }
        if (!again.isEmpty()) {
            results.putAll(gatherer.gather(again, p -> { }).result().join());
        }
        return results;
    }
}
