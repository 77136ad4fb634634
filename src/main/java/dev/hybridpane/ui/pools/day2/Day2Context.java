package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a day-2 flow works with: the port, the pool, the one TaskRunner, the FX thread (journal changes arrive on the
 * worker and are moved there), the Activity view's journal listener, and what to do when a run ends (read the pool's
 * state again).
 */
record Day2Context(PoolDay2Port port, PoolDay2Port.PoolTarget target, TaskRunner runner, Executor fx,
        Consumer<Journal> journals, Runnable onRunEnded) {
}
