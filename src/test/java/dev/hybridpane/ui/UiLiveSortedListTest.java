package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.common.LiveSortedList;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * The live sorted view: always the source in order, with change events that replay to the same list, and a
 * row whose state changes in place reported as an update (a table refreshes it) rather than a replace (a table
 * rebuilds every visible row).
 */
class UiLiveSortedListTest {
    private static final ClusterRef REF = new ClusterRef("us-west-2", "edge");
    private static final Comparator<ClusterNode> BY_POOL_NAME =
            Comparator.comparing(ClusterNode::pool).thenComparing(ClusterNode::name);

    /** Applies every change event to a copy, as a table's internal state follows the list. */
    private static <E> List<E> mirror(ObservableList<E> list, List<String> kinds) {
        List<E> copy = new ArrayList<>(list);
        list.addListener((ListChangeListener<E>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    kinds.add("permutation");
                    List<E> before = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                    }
                } else if (c.wasUpdated()) {
                    kinds.add("update");
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(i, c.getList().get(i));
                    }
                } else {
                    kinds.add(c.wasReplaced() ? "replace" : c.wasAdded() ? "add" : "remove");
                    copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                    copy.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
        return copy;
    }

    private static FleetViewModel fleetOf(int nodes) {
        FleetViewModel fleet = new FleetViewModel();
        List<FleetUpdate> seed = new ArrayList<>();
        seed.add(new FleetUpdate.ClusterFound(cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API,
                EndpointAccess.PRIVATE)));
        for (int i = 0; i < nodes; i++) {
            seed.add(new FleetUpdate.NodeUpserted(REF, hybrid("n" + i, "p" + (i % 7), "s", true)));
        }
        fleet.apply(seed);
        return fleet;
    }

    @Test
    void aNodeWhoseStateChangesInPlaceIsAnUpdateNotAReplace() {
        FleetViewModel fleet = fleetOf(300);
        LiveSortedList<ClusterNode> view = new LiveSortedList<>(fleet.hybridNodes(REF), BY_POOL_NAME);
        List<String> kinds = new ArrayList<>();
        List<ClusterNode> copy = mirror(view, kinds);

        fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, hybrid("n42", "p0", "s", false)),
                new FleetUpdate.NodeUpserted(REF, hybrid("n43", "p1", "s", false))));

        assertEquals(List.of("update", "update"), kinds);
        assertEquals(view, copy);
        assertFalse(view.stream().filter(n -> n.name().equals("n42")).findFirst().orElseThrow().ready());
        assertEquals(sorted(fleet.hybridNodes(REF), BY_POOL_NAME), view);
    }

    @Test
    void randomBatchesKeepTheViewSortedAndItsEventsReplayable() {
        FleetViewModel fleet = fleetOf(400);
        LiveSortedList<ClusterNode> view = new LiveSortedList<>(fleet.hybridNodes(REF), BY_POOL_NAME);
        List<String> kinds = new ArrayList<>();
        List<ClusterNode> copy = mirror(view, kinds);
        List<ClusterNode> sourceCopy = mirror(fleet.hybridNodes(REF), new ArrayList<>());
        // sorted by Ready, as a user sorting the column: many ties, broken by pool and name
        Comparator<ClusterNode> byReady = Comparator.comparing(ClusterNode::ready);
        Random random = new Random(11);
        int next = 400;
        for (int batch = 0; batch < 300; batch++) {
            if (batch == 100) {
                view.comparatorProperty().set(byReady);
            } else if (batch == 200) {
                view.comparatorProperty().set(null);
            }
            List<FleetUpdate> updates = new ArrayList<>();
            int edits = 1 + random.nextInt(40);
            for (int i = 0; i < edits; i++) {
                int pick = random.nextInt(next);
                switch (random.nextInt(4)) {
                    case 0 -> updates.add(new FleetUpdate.NodeDeleted(REF, "n" + pick));
                    case 1 -> updates.add(new FleetUpdate.NodeUpserted(REF, hybrid("n" + next++, "p" + random.nextInt(9),
                            "s", random.nextBoolean())));
                    default -> updates.add(new FleetUpdate.NodeUpserted(REF, hybrid("n" + pick, "p" + random.nextInt(9),
                            "s", random.nextBoolean())));
                }
            }
            fleet.apply(updates);
            Comparator<ClusterNode> expected = batch >= 100 && batch < 200 ? byReady.thenComparing(BY_POOL_NAME)
                    : BY_POOL_NAME;
            assertEquals(describe(fleet.hybridNodes(REF)), describe(sourceCopy), "source replay after batch " + batch);
            assertEquals(describe(sorted(fleet.hybridNodes(REF), expected)), describe(view), "after batch " + batch);
            assertEquals(describe(view), describe(copy), "the change events replay to the view after batch " + batch);
            assertEquals(view, copy);
        }
        assertTrue(kinds.contains("update"));
        assertTrue(kinds.contains("add"));
        assertTrue(kinds.contains("remove"));
    }

    @Test
    void aRowThatMovesUnderTheSortIsRemovedAndAddedAtItsNewPlace() {
        ObservableList<String> source = FXCollections.observableArrayList("b1", "c1", "a1");
        // sort by the letter only; the whole string breaks ties
        LiveSortedList<String> view = new LiveSortedList<>(source, Comparator.naturalOrder());
        view.comparatorProperty().set(Comparator.comparing((String s) -> s.charAt(0)));
        List<String> kinds = new ArrayList<>();
        List<String> copy = mirror(view, kinds);
        assertEquals(List.of("a1", "b1", "c1"), view);

        source.set(0, "b2"); // same letter: stays in place
        assertEquals(List.of("update"), kinds);
        source.set(0, "d2"); // moves to the end
        assertEquals(List.of("a1", "c1", "d2"), view);
        assertEquals(view, copy);
        assertTrue(kinds.subList(1, kinds.size()).stream().noneMatch("update"::equals), kinds.toString());
    }

    /** Rows as short strings, so a failure shows where the lists differ. */
    private static List<String> describe(List<ClusterNode> nodes) {
        return nodes.stream().map(n -> n.pool() + "/" + n.name() + (n.ready() ? "" : "!")).toList();
    }

    private static List<ClusterNode> sorted(List<ClusterNode> nodes, Comparator<ClusterNode> order) {
        List<ClusterNode> out = new ArrayList<>(nodes);
        out.sort(order);
        return out;
    }
}
