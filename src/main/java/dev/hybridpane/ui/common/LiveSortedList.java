package dev.hybridpane.ui.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import javafx.collections.WeakListChangeListener;

/**
 * A sorted view of a live list whose rows are replaced as their objects change (immutable records), built
 * for tables of thousands of rows that change many times a second.
 * <p>
 * Two differences from {@link javafx.collections.transformation.SortedList}:
 * <ul>
 *   <li>A row replaced by one that sorts to the same place is reported as an <em>update</em> at that place.
 *   A TableView answers a replace by rebuilding every visible row (new cell indices, CSS applied again); it
 *   answers an update by refreshing the rows' items only.</li>
 *   <li>Each replaced, added or removed row costs a binary search and one array move. SortedList renumbers
 *   its whole index for every changed row, O(n) per change.</li>
 * </ul>
 * The comparator must be a total order over distinct rows (ties broken by a unique key), so that every row
 * has one place. A comparator that is not total is made total with the previous one as tie-breaker; with
 * none, with the source order at the time of sorting. FX thread only, like the source.
 */
public final class LiveSortedList<E> extends ObservableListBase<E> {
    private final ObservableList<? extends E> source;
    private final Comparator<? super E> tieBreak;
    private final ObjectProperty<Comparator<? super E>> comparator = new SimpleObjectProperty<>(this, "comparator");
    private final List<E> rows = new ArrayList<>();
    /** The source as this list has seen it, to know which rows each change removed. */
    private final List<E> sourceCopy = new ArrayList<>();
    private Comparator<? super E> order;
    private final ListChangeListener<E> listener = this::sourceChanged;

    /**
     * @param tieBreak a total order over the rows (e.g. by name), used alone when no comparator is set and
     *     to break ties of the comparator
     */
    @SuppressWarnings("unchecked")
    public LiveSortedList(ObservableList<? extends E> source, Comparator<? super E> tieBreak) {
        this.source = Objects.requireNonNull(source);
        this.tieBreak = Objects.requireNonNull(tieBreak);
        ((ObservableList<E>) source).addListener(new WeakListChangeListener<>(listener));
        comparator.addListener((o, was, now) -> resort());
        order = tieBreak;
        sourceCopy.addAll(source);
        rows.addAll(source);
        rows.sort(order);
    }

    /** The user's order (e.g. a table's column sort); null sorts by the tie-break order alone. */
    public ObjectProperty<Comparator<? super E>> comparatorProperty() {
        return comparator;
    }

    @Override
    public E get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    private void resort() {
        Comparator<? super E> c = comparator.get();
        order = c == null ? tieBreak : thenTieBreak(c);
        List<E> before = new ArrayList<>(rows);
        rows.sort(order);
        if (!before.equals(rows)) {
            beginChange();
            nextReplace(0, rows.size(), before);
            endChange();
        }
    }

    private Comparator<E> thenTieBreak(Comparator<? super E> c) {
        return (a, b) -> {
            int r = c.compare(a, b);
            return r != 0 ? r : tieBreak.compare(a, b);
        };
    }

    private void sourceChanged(ListChangeListener.Change<? extends E> c) {
        beginChange();
        try {
            while (c.next()) {
                if (c.wasPermutated()) {
                    // the same rows in another source order: this view's order does not change
                    List<E> before = new ArrayList<>(sourceCopy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        sourceCopy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                    }
                    continue;
                }
                if (c.wasUpdated()) {
                    // rows changed inside: they may belong elsewhere now
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        E row = c.getList().get(i);
                        replaceRow(sourceCopy.set(i, row), row);
                    }
                    continue;
                }
                // The removed rows are taken from this list's own copy of the source, replayed change by change,
                // not from getRemoved(): a batch compacted by ListChangeBuilder can report sub-changes out of
                // order and overlapping, which replay to the right list by position but name some rows twice.
                List<E> removedRange = sourceCopy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize());
                List<E> removed = new ArrayList<>(removedRange);
                removedRange.clear();
                List<? extends E> added = c.getAddedSubList();
                sourceCopy.addAll(c.getFrom(), added);
                int paired = Math.min(removed.size(), added.size());
                for (int i = 0; i < paired; i++) {
                    replaceRow(removed.get(i), added.get(i));
                }
                for (int i = paired; i < removed.size(); i++) {
                    removeRow(removed.get(i));
                }
                for (int i = paired; i < added.size(); i++) {
                    insertRow(added.get(i));
                }
            }
        } finally {
            endChange();
        }
    }

    private void replaceRow(E old, E row) {
        int at = indexOfSame(old);
        if (at >= 0 && fitsAt(row, at)) {
            rows.set(at, row);
            nextUpdate(at);
            return;
        }
        if (at >= 0) {
            rows.remove(at);
            nextRemove(at, old);
        }
        insertRow(row);
    }

    private void removeRow(E old) {
        int at = indexOfSame(old);
        if (at >= 0) {
            rows.remove(at);
            nextRemove(at, old);
        }
    }

    private void insertRow(E row) {
        int at = insertionPoint(row);
        rows.add(at, row);
        nextAdd(at, at + 1);
    }

    /** Whether the row sorts between the neighbours of place {@code at} (that place's own row excluded). */
    private boolean fitsAt(E row, int at) {
        return (at == 0 || order.compare(rows.get(at - 1), row) <= 0)
                && (at == rows.size() - 1 || order.compare(row, rows.get(at + 1)) <= 0);
    }

    /** The place of this very row (the same object, else an equal one), or -1. */
    private int indexOfSame(E row) {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int r = order.compare(rows.get(mid), row);
            if (r < 0) {
                lo = mid + 1;
            } else if (r > 0) {
                hi = mid - 1;
            } else {
                return sameAround(row, mid);
            }
        }
        // not where the order puts it (the comparator is not total over these rows): look everywhere
        return indexByScan(row);
    }

    private int sameAround(E row, int mid) {
        // rows that compare equal sit together; prefer the identical object over an equal one
        int first = mid;
        while (first > 0 && order.compare(rows.get(first - 1), row) == 0) {
            first--;
        }
        int equal = -1;
        for (int i = first; i < rows.size() && order.compare(rows.get(i), row) == 0; i++) {
            if (rows.get(i) == row) {
                return i;
            }
            if (equal < 0 && Objects.equals(rows.get(i), row)) {
                equal = i;
            }
        }
        return equal >= 0 ? equal : indexByScan(row);
    }

    private int indexByScan(E row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == row) {
                return i;
            }
        }
        return rows.indexOf(row);
    }

    private int insertionPoint(E row) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(rows.get(mid), row) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
