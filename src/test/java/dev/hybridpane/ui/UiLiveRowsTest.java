package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.common.LiveRow;
import dev.hybridpane.ui.common.LiveRows;
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
 * Live rows: always one stable row per key, in order, with change events that replay to the same list; a
 * record that changes in place fires no list change at all (its row takes the new value, and only the cells
 * bound to that row repaint), and a row that must move under the sort is removed and added.
 */
class UiLiveRowsTest {
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
    void aNodeWhoseStateChangesInPlaceFiresNothingAndItsRowTakesTheNewRecord() {
        FleetViewModel fleet = fleetOf(300);
        LiveRows<String, ClusterNode> view = new LiveRows<>(fleet.hybridNodes(REF), ClusterNode::name, BY_POOL_NAME);
        List<String> kinds = new ArrayList<>();
        List<LiveRow<ClusterNode>> copy = mirror(view, kinds);
        LiveRow<ClusterNode> row = view.row("n42");
        List<ClusterNode> seen = new ArrayList<>();
        row.valueProperty().addListener((o, was, now) -> seen.add(now));

        fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, hybrid("n42", "p0", "s", false)),
                new FleetUpdate.NodeUpserted(REF, hybrid("n43", "p1", "s", false))));

        assertEquals(List.of(), kinds, "no list change: the table keeps its rows");
        assertSame(row, view.row("n42"));
        assertEquals(1, seen.size());
        assertFalse(row.get().ready());
        assertEquals(describe(sorted(fleet.hybridNodes(REF), BY_POOL_NAME)), describe(values(view)));
        assertEquals(view, copy);
    }

    @Test
    void randomBatchesKeepTheViewSortedAndItsEventsReplayable() {
        FleetViewModel fleet = fleetOf(400);
        LiveRows<String, ClusterNode> view = new LiveRows<>(fleet.hybridNodes(REF), ClusterNode::name, BY_POOL_NAME);
        List<String> kinds = new ArrayList<>();
        List<LiveRow<ClusterNode>> copy = mirror(view, kinds);
        List<ClusterNode> sourceCopy = mirror(fleet.hybridNodes(REF), new ArrayList<>());
        // sorted by Ready, as a user sorting the column: many ties, broken by pool and name
        Comparator<ClusterNode> byReady = Comparator.comparing(ClusterNode::ready);
        Comparator<LiveRow<ClusterNode>> rowsByReady = Comparator.comparing(r -> r.get().ready());
        Random random = new Random(11);
        int next = 400;
        for (int batch = 0; batch < 300; batch++) {
            if (batch == 100) {
                view.comparatorProperty().set(rowsByReady);
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
            assertEquals(describe(sorted(fleet.hybridNodes(REF), expected)), describe(values(view)), "after batch " + batch);
            assertEquals(view, copy, "the change events replay to the view after batch " + batch);
            for (ClusterNode n : fleet.hybridNodes(REF)) {
                assertSame(n, view.row(n.name()).get(), "the row of " + n.name() + " shows its latest record");
            }
        }
        assertTrue(kinds.contains("add"));
        assertTrue(kinds.contains("remove"));
    }

    @Test
    void aRowThatMovesUnderTheSortIsRemovedAndAddedAtItsNewPlace() {
        ObservableList<String> source = FXCollections.observableArrayList("b1", "c1", "a1");
        // one row per letter; the order is the second character (the user's sort), then the whole string
        LiveRows<Character, String> view = new LiveRows<>(source, s -> s.charAt(0), Comparator.naturalOrder());
        view.comparatorProperty().set(Comparator.comparing((LiveRow<String> r) -> r.get().charAt(1)));
        List<String> kinds = new ArrayList<>();
        List<LiveRow<String>> copy = mirror(view, kinds);
        assertEquals(List.of("a1", "b1", "c1"), values(view));
        LiveRow<String> b = view.row('b');

        source.set(0, "b1"); // an equal record: nothing to do
        source.set(0, "b0"); // sorts first now
        assertEquals(List.of("b0", "a1", "c1"), values(view));
        assertSame(b, view.get(0), "the same row, moved");
        assertEquals(view, copy);
        assertTrue(kinds.contains("remove") && kinds.contains("add"), kinds.toString());
        kinds.clear();
        source.set(0, "b0"); // the same record again: no change
        source.remove("c1");
        assertEquals(List.of("b0", "a1"), values(view));
        assertEquals(List.of("remove"), kinds);
        assertEquals(view, copy);
    }

    private static <T> List<T> values(List<LiveRow<T>> rows) {
        return rows.stream().map(LiveRow::get).toList();
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
