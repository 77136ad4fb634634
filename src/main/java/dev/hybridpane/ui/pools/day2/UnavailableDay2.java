package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.ui.pools.wizard.CaKeyFile;
import java.util.List;
import java.util.function.Consumer;

/** The day-2 port where no service is wired: the state reads as free, every action says it is not available. */
final class UnavailableDay2 implements PoolDay2Port {
    static final String SENTENCE = "Day-2 operations are not available in this console yet: use the hybridpane CLI.";

    private static UnsupportedOperationException no() {
        return new UnsupportedOperationException(SENTENCE);
    }

    @Override public Day2State state(PoolTarget pool) { throw no(); }
    @Override public LockState takeOver(PoolTarget pool) { throw no(); }
    @Override public Journal resume(PoolTarget p, Unfinished op, RunControl c, Consumer<Journal> j) { throw no(); }
    @Override public List<HostOption> hosts(PoolTarget pool) { throw no(); }
    @Override public Operation planHosts(PoolTarget pool, HostChange change) { throw no(); }
    @Override public Journal changeHosts(PoolTarget p, HostChange h, RunControl c, Consumer<Journal> j) { throw no(); }
    @Override public Operation planRemoval(PoolTarget pool, String node, DrainOptions drain) { throw no(); }
    @Override public Journal removeNode(PoolTarget p, String n, DrainOptions d, RunControl c, Consumer<Journal> j) { throw no(); }
    @Override public UpgradePlan planUpgrade(PoolTarget pool, UpgradeOptions options) { throw no(); }
    @Override public Journal upgrade(PoolTarget p, UpgradeOptions o, RunControl c, Consumer<Journal> j) { throw no(); }
    @Override public Operation planRotation(PoolTarget pool) { throw no(); }
    @Override public Journal rotate(PoolTarget p, CaKeyFile ca, RunControl c, Consumer<Journal> j) { throw no(); }
    @Override public SsmHygiene hygiene(PoolTarget pool) { throw no(); }
    @Override public String cleanUp(PoolTarget pool, SsmHygiene chosen) { throw no(); }
}
