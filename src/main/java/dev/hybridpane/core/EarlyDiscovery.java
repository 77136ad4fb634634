package dev.hybridpane.core;

import dev.hybridpane.domain.ClusterRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A discovery begun before anything listens to it. The desktop console starts one for the profile and regions it
 * opens with while the JavaFX toolkit starts and the window is built, so that the first view's data is on its way
 * sooner (against AWS, discovery is the slowest part of a start). Its updates wait, in order, until the window claims
 * it. One that is never claimed must be closed by whoever started it.
 */
public final class EarlyDiscovery implements AutoCloseable {
    private final String profile;
    private final List<String> regions;
    /** The other accounts' roles picked for the profile ("accountId/roleName"). */
    private final List<String> picks;
    private final Executor io;
    private final CompletableFuture<FleetService.Opened> opened = new CompletableFuture<>();
    private final List<FleetUpdate> waiting = new ArrayList<>();
    /** Which kubeconfig context reaches a cluster: the start's settings until claimed, then the claimer's. */
    private volatile Function<ClusterRef, String> kubeContextFor;
    /** The claimer's sink once the waiting updates went to it: later updates go there without taking the lock. */
    private volatile Consumer<FleetUpdate> claimer;
    private boolean claimed; // guarded by this
    private boolean closed; // guarded by this

    private EarlyDiscovery(String profile, List<String> regions, List<String> picks, Executor io,
            Function<ClusterRef, String> kubeContextFor) {
        this.profile = profile;
        this.regions = List.copyOf(regions);
        this.picks = List.copyOf(picks);
        this.io = io;
        this.kubeContextFor = kubeContextFor;
    }

    /** Opens the profile on {@code io} and discovers the regions there; returns at once. */
    public static EarlyDiscovery start(AwsProfiles profiles, String profile, List<String> regions, ClusterPort kube,
            Executor io, Function<ClusterRef, String> kubeContextFor, Clock clock) {
        return start(profiles, SsoAccounts.NONE, List.of(), profile, regions, kube, io, kubeContextFor, clock);
    }

    /** As above, with the other accounts' roles picked for the profile, opened through {@code accounts}. */
    public static EarlyDiscovery start(AwsProfiles profiles, SsoAccounts accounts, List<String> picks, String profile,
            List<String> regions, ClusterPort kube, Executor io, Function<ClusterRef, String> kubeContextFor,
            Clock clock) {
        EarlyDiscovery d = new EarlyDiscovery(profile, regions, picks, io, kubeContextFor);
        io.execute(() -> {
            try {
                d.opened.complete(FleetService.openAndDiscover(profiles, accounts, d.picks, profile, d.regions, kube, io,
                        d::deliver, ref -> d.kubeContextFor.apply(ref), clock));
            } catch (Throwable e) {
                // the claimer hears of it (an Error too: else it would wait for the profile forever)
                d.opened.completeExceptionally(e);
                if (e instanceof Error error) {
                    throw error;
                }
            }
        });
        return d;
    }

    /** Whether this is the discovery of that profile and those regions, in that order, with no other account picked. */
    public boolean isFor(String profile, List<String> regions) {
        return isFor(profile, regions, List.of());
    }

    /** Whether this is the discovery of that profile, those regions and those accounts picked, in that order. */
    public boolean isFor(String profile, List<String> regions, List<String> picks) {
        return this.profile.equals(profile) && this.regions.equals(regions) && this.picks.equals(picks);
    }

    /**
     * Takes the discovery over: the updates so far go to {@code sink} at once, in order, then each one as it comes
     * (from the service's threads); {@code kubeContextFor} decides from now on how clusters are reached. The claimer
     * owns the opened service and port, and closes them. Empty when the discovery was claimed or closed before.
     * {@code sink} must not itself cause updates of this discovery on the calling thread (it is called under a lock).
     */
    public synchronized Optional<CompletableFuture<FleetService.Opened>> claim(Consumer<FleetUpdate> sink,
            Function<ClusterRef, String> kubeContextFor) {
        if (claimed || closed) {
            return Optional.empty();
        }
        claimed = true;
        this.kubeContextFor = kubeContextFor;
        waiting.forEach(sink);
        waiting.clear();
        claimer = sink;
        return Optional.of(opened);
    }

    private void deliver(FleetUpdate update) {
        Consumer<FleetUpdate> to = claimer;
        if (to == null) {
            synchronized (this) {
                to = claimer;
                if (to == null) {
                    if (!closed) {
                        waiting.add(update);
                    }
                    return;
                }
            }
        }
        to.accept(update);
    }

    /**
     * Stops the discovery and closes the profile's clients on an I/O thread, unless it was claimed (the claimer closes
     * them then). Updates that still come are dropped.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (claimed || closed) {
                return;
            }
            closed = true;
            waiting.clear();
        }
        // not on the caller's thread, which may be the FX thread: closing connections and SDK clients blocks
        opened.thenAcceptAsync(FleetService.Opened::close, io);
    }
}
