package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

/** One batch of node changes reaches the node list's listeners (tables, sorted views) as ONE change. */
class UiFleetBatchTest {
    private static final ClusterRef REF = new ClusterRef("us-west-2", "edge");

    @Test
    void aBatchOfNodeChangesIsOneListChange() {
        FleetViewModel fleet = new FleetViewModel();
        List<FleetUpdate> seed = new ArrayList<>();
        seed.add(new FleetUpdate.ClusterFound(cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API,
                EndpointAccess.PRIVATE)));
        for (int i = 0; i < 200; i++) {
            seed.add(new FleetUpdate.NodeUpserted(REF, hybrid("n" + i, "p" + (i % 4), "s", true)));
        }
        fleet.apply(seed);
        var nodes = fleet.hybridNodes(REF);
        SortedList<ClusterNode> sorted = new SortedList<>(nodes, Comparator.comparing(ClusterNode::name));
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger replaced = new AtomicInteger();
        nodes.addListener((ListChangeListener<ClusterNode>) c -> {
            changes.incrementAndGet();
            while (c.next()) {
                if (c.wasReplaced()) {
                    replaced.addAndGet(c.getAddedSize());
                }
            }
        });

        List<FleetUpdate> flips = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flips.add(new FleetUpdate.NodeUpserted(REF, hybrid("n" + (i * 3), "p" + (i * 3 % 4), "s", false)));
        }
        flips.add(new FleetUpdate.NodeDeleted(REF, "n199"));
        fleet.apply(flips);

        assertThat(changes).hasValue(1);
        assertThat(replaced.get()).isGreaterThanOrEqualTo(50);
        assertThat(nodes).hasSize(199);
        assertThat(sorted).hasSize(199).filteredOn(n -> !n.ready()).hasSize(50);
        assertThat(fleet.row(REF).orElseThrow().counts().hybridReady()).isEqualTo(149);
    }
}
