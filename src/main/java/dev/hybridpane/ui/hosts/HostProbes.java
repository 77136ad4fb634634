package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.InventoryException;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One probe run of the Edge Hosts view: probes with bounded parallelism, stores each status in the cluster
 * as it arrives (off the FX thread), and hands each row update to the FX executor.
 */
final class HostProbes {
    /** What a run ended with, for the prompts that follow. */
    record Outcome(List<KnownHost> unknownKeys, List<ProbeResult.HostKeyChanged> changedKeys,
            List<String> needPassphrase, List<String> storeErrors, int reached, int total) {
    }

    /** The result of one host, delivered on the FX thread. */
    record HostDone(String host, HostStatus status, String note, int done, int total) {
    }

    private HostProbes() {
    }

    static FactGatherer.Run start(FactGatherer gatherer, List<EdgeTarget> targets, Map<String, HostStatus> previous,
            List<String> remoteNodeCidrs, Map<String, Site> sites, InventoryPort.Inventory inventory, Clock clock,
            Executor fx, Consumer<HostDone> onHost, List<String> storeErrors) {
        return gatherer.gather(targets, p -> {
            EdgeTarget t = targets.stream().filter(x -> x.spec().name().equals(p.host())).findFirst().orElseThrow();
            HostStatus prev = previous.get(p.host());
            ProbeResult r = p.result();
            HostStatus status = prev;
            String note = null;
            if (r instanceof ProbeResult.UnknownHostKey u) {
                note = "Host key not trusted";
            } else if (r instanceof ProbeResult.KeyProblem k && k.passphraseNeeded()) {
                note = "Key passphrase needed";
            } else if (r instanceof ProbeResult.Cancelled) {
                note = null;
            } else {
                status = HostStatuses.of(r, prev, remoteNodeCidrs, sites.get(t.spec().site()), clock.instant());
                try {
                    inventory.saveStatus(p.host(), status);
                } catch (InventoryException e) {
                    synchronized (storeErrors) {
                        storeErrors.add(e.getMessage());
                    }
                }
            }
            HostDone d = new HostDone(p.host(), status, note, p.done(), p.total());
            fx.execute(() -> onHost.accept(d));
        });
    }

    static Outcome outcome(Map<String, ProbeResult> results, List<String> storeErrors) {
        List<KnownHost> unknown = new ArrayList<>();
        List<ProbeResult.HostKeyChanged> changed = new ArrayList<>();
        List<String> passphrase = new ArrayList<>();
        int reached = 0;
        for (var e : results.entrySet()) {
            ProbeResult r = e.getValue();
            if (r instanceof ProbeResult.UnknownHostKey u) {
                unknown.add(u.offered());
            } else if (r instanceof ProbeResult.HostKeyChanged c) {
                changed.add(c);
            } else if (r instanceof ProbeResult.KeyProblem k && k.passphraseNeeded()) {
                passphrase.add(e.getKey());
            } else if (r instanceof ProbeResult.Reached) {
                reached++;
            }
        }
        return new Outcome(unknown, changed, passphrase, List.copyOf(storeErrors), reached, results.size());
    }

    static CompletableFuture<Outcome> outcomeOf(FactGatherer.Run run, List<String> storeErrors) {
        return run.result().thenApply(m -> outcome(m, storeErrors));
    }
}
