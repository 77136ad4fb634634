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
 * on a pulse an {@link AnimationTimer} drains the queue, coalesces node changes (per cluster and node the
 * last one wins) and hands ONE batch to the applier. Tests call {@link #drain()} themselves.
 * <p>
 * Under a steady stream the timer drains at most every {@link #MIN_INTERVAL_NANOS} (every other pulse,
 * about 30 batches a second): each applied batch changes the scene, and every changed frame costs a render
 * (with software rendering, copying the whole window). Tables updating 30 times a second look the same
 * to a person, and halving the frames leaves the CPU to input and to the rest of the console. A change
 * after a quiet spell is applied on the next pulse.
 */
public final class FxBatchingBridge implements Consumer<FleetUpdate> {
    public static final long MIN_INTERVAL_NANOS = 25_000_000L;
    private final Queue<FleetUpdate> queue = new ConcurrentLinkedQueue<>();
    private long lastDrain;
    private boolean drained;
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
                    onPulse(now);
                }
            };
            timer.start();
        }
    }

    /**
     * One pulse at time {@code now} (nanoseconds): drains if anything is queued and the last drain was at
     * least {@link #MIN_INTERVAL_NANOS} ago. Returns the batch size applied, 0 if none. FX thread.
     */
    public int onPulse(long now) {
        if (queue.isEmpty() || (drained && now - lastDrain < MIN_INTERVAL_NANOS)) {
            return 0;
        }
        drained = true;
        lastDrain = now;
        return drain();
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
