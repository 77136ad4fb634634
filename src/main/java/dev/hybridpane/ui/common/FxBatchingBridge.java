package dev.hybridpane.ui.common;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.ui.fleet.NodeKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Carries {@link FleetUpdate}s from worker threads onto the FX thread. Any thread may {@link #accept};
 * once per pulse an {@link AnimationTimer} drains the queue, coalesces node changes (per cluster and
 * node the last one wins) and hands ONE batch to the applier. Tests call {@link #drain()} themselves.
 */
public final class FxBatchingBridge implements Consumer<FleetUpdate> {
    private final Queue<FleetUpdate> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<FleetUpdate>> applier;
    private AnimationTimer timer;
    private long received;
    private long applied;

    public FxBatchingBridge(Consumer<List<FleetUpdate>> applier) {
        this.applier = applier;
    }

    @Override
    public void accept(FleetUpdate update) {
        queue.add(update);
    }

    /** Starts draining on every pulse. FX thread only. */
    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    drain();
                }
            };
            timer.start();
        }
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    /** Drops what is queued and not applied yet (the environment it came from was replaced). FX thread. */
    public void discardPending() {
        queue.clear();
    }

    /** Drains what is queued now and applies it as one batch. Returns the batch size after coalescing. */
    public int drain() {
        if (queue.isEmpty()) {
            return 0;
        }
        List<FleetUpdate> batch = coalesce();
        if (!batch.isEmpty()) {
            applied += batch.size();
            applier.accept(batch);
        }
        return batch.size();
    }

    private List<FleetUpdate> coalesce() {
        List<FleetUpdate> others = new ArrayList<>();
        Map<NodeKey, FleetUpdate> nodes = new LinkedHashMap<>();
        FleetUpdate u;
        while ((u = queue.poll()) != null) {
            received++;
            if (u instanceof FleetUpdate.NodeUpserted up) {
                nodes.put(new NodeKey(up.ref(), up.node().name()), u);
            } else if (u instanceof FleetUpdate.NodeDeleted del) {
                nodes.put(new NodeKey(del.ref(), del.nodeName()), u);
            } else {
                others.add(u);
            }
        }
        // cluster and discovery updates first, so a node never arrives before its cluster
        List<FleetUpdate> batch = new ArrayList<>(others.size() + nodes.size());
        batch.addAll(others);
        batch.addAll(nodes.values());
        return batch;
    }

    /** Updates accepted so far. */
    public long received() {
        return received;
    }

    /** Updates applied after coalescing so far. */
    public long applied() {
        return applied;
    }
}
