package dev.hybridpane.core.pool;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;
import java.util.Collection;
import java.util.List;

/**
 * One read of a pool's history from its cluster, for the pool detail when it opens: the fleet keeps only the last few
 * hundred events fleet-wide, so the pool's own Events (involvedObject a HybridNodePool of that name, in
 * {@link PoolStore#NAMESPACE}) and its nodes' Events are read once, plus the host each node was made from (the pool's
 * status members). Blocking; a failure is a {@link PoolStoreException} whose message is one sentence.
 */
public interface PoolEventsPort {
    /**
     * @param nodes the names of the pool's nodes as the console knows them
     */
    PoolHistory read(ClusterRef ref, ClusterAccess access, String pool, Collection<String> nodes);

    /**
     * {@code events}: the pool's and its nodes' Events, newest first; {@code members}: host to node, from the pool's
     * status (empty for a pool with no object or no status yet).
     */
    record PoolHistory(List<ClusterEvent> events, List<PoolStore.Member> members) {
        public static final PoolHistory NONE = new PoolHistory(List.of(), List.of());

        public PoolHistory {
            events = List.copyOf(events);
            members = List.copyOf(members);
        }
    }
}
