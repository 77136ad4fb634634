package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** The day-2 view model on the fake port, a connected retail-edge and an unconnected factory. */
final class Day2Fixtures {
    static final Cluster RETAIL = TestData.cluster("us-west-2", "retail-edge", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster FACTORY = TestData.cluster("us-east-1", "factory", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final ClusterAccess ACCESS = new ClusterAccess.EksTokenAccess("https://x", null,
            () -> new EksToken("t", Instant.now().plusSeconds(600)));
    static final PoolDay2ViewModel.Shown GPU = new PoolDay2ViewModel.Shown(RETAIL, "dallas-gpu", 1, 2,
            List.of("dallas-01", "dallas-02", "dallas-03"), 3);

    final FakeDay2Port port = new FakeDay2Port();
    final List<Journal> journals = new CopyOnWriteArrayList<>();
    final Clock clock = Clock.fixed(FakeDay2Port.T0, ZoneOffset.UTC);

    PoolDay2ViewModel viewModel() {
        return viewModel(new SyncTaskRunner(), Runnable::run);
    }

    PoolDay2ViewModel viewModel(TaskRunner runner, Executor fx) {
        return new PoolDay2ViewModel(port, c -> c.ref().equals(FACTORY.ref()) ? Optional.empty() : Optional.of(ACCESS),
                runner, fx, journals::add, clock);
    }
}
