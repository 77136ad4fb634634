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
    private final CompletableFuture<FleetService.Opened> opened = new CompletableFuture<>();
    private final List<FleetUpdate> waiting = new ArrayList<>();
    /** Which kubeconfig context reaches a cluster: the start's settings until claimed, then the claimer's. */
    private volatile Function<ClusterRef, String> kubeContextFor;
    private Consumer<FleetUpdate> sink; // guarded by this
    private boolean claimed; // guarded by this
    private boolean closed; // guarded by this

    private EarlyDiscovery(String profile, List<String> regions, Function<ClusterRef, String> kubeContextFor) {
        this.profile = profile;
        this.regions = List.copyOf(regions);
        this.kubeContextFor = kubeContextFor;
    }

    /** Opens the profile on {@code io} and discovers the regions there; returns at once. */
    public static EarlyDiscovery start(AwsProfiles profiles, String profile, List<String> regions, ClusterPort kube,
            Executor io, Function<ClusterRef, String> kubeContextFor, Clock clock) {
        EarlyDiscovery d = new EarlyDiscovery(profile, regions, kubeContextFor);
        io.execute(() -> {
            try {
                d.opened.complete(FleetService.openAndDiscover(profiles, profile, d.regions, kube, io, d::deliver,
                        ref -> d.kubeContextFor.apply(ref), clock));
            } catch (RuntimeException e) {
                d.opened.completeExceptionally(e);
            }
        });
        return d;
    }

    /** Whether this is the discovery of that profile and those regions, in that order. */
    public boolean isFor(String profile, List<String> regions) {
        return this.profile.equals(profile) && this.regions.equals(regions);
    }

    /**
     * Takes the discovery over: the updates so far go to {@code sink} at once, in order, then each one as it comes;
     * {@code kubeContextFor} decides from now on how clusters are reached. The claimer owns the opened service and
     * port, and closes them. Empty when the discovery was claimed or closed before.
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
        this.sink = sink;
        return Optional.of(opened);
    }

    private synchronized void deliver(FleetUpdate update) {
        if (sink != null) {
            sink.accept(update);
        } else if (!closed) {
            waiting.add(update);
        }
    }

    /** Stops the discovery and closes the profile's clients, unless it was claimed (the claimer closes them then). */
    @Override
    public void close() {
        synchronized (this) {
            if (claimed || closed) {
                return;
            }
            closed = true;
            waiting.clear();
        }
        opened.thenAccept(o -> {
            o.fleet().close();
            try {
                o.aws().close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        });
    }
}
