package dev.hybridpane.ui.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import javafx.collections.WeakListChangeListener;

/**
 * The sorted rows of a live table over a list of immutable records (one per key, e.g. per node name) that
 * are replaced as the things they describe change, many times a second.
 * <p>
 * Each key has one stable {@link LiveRow}. When a record is replaced, its row takes the new value and this
 * list fires nothing, unless the row must move under the sort (then it is removed and added at its new
 * place). A TableView answers any change of its items by refreshing every visible row (with software
 * rendering, far more than drawing what changed); with stable rows only the cells bound to a
 * changed row update. Keys that appear or disappear are added and removed.
 * <p>
 * The order is the comparator (e.g. a table's column sort, over rows) with the tie-break on values after it,
 * or the tie-break alone. The tie-break must be a total order over the keys' records. FX thread only.
 */
public final class LiveRows<K, T> extends ObservableListBase<LiveRow<T>> {
    private final Function<? super T, ? extends K> key;
    private final Comparator<? super T> tieBreak;
    private final ObjectProperty<Comparator<? super LiveRow<T>>> comparator = new SimpleObjectProperty<>(this, "comparator");
    private final List<LiveRow<T>> rows = new ArrayList<>();
    private final Map<K, LiveRow<T>> byKey = new HashMap<>();
    /** The source as this list has seen it, replayed change by change, to know which records each change removed. */
    private final List<T> sourceCopy = new ArrayList<>();
    private Comparator<LiveRow<T>> order;
    private final ListChangeListener<T> listener = this::sourceChanged;

    @SuppressWarnings("unchecked")
    public LiveRows(ObservableList<? extends T> source, Function<? super T, ? extends K> key, Comparator<? super T> tieBreak) {
        this.key = Objects.requireNonNull(key);
        this.tieBreak = Objects.requireNonNull(tieBreak);
        order = byValue();
        for (T t : source) {
            sourceCopy.add(t);
            LiveRow<T> row = new LiveRow<>(t);
            byKey.put(key.apply(t), row);
            rows.add(row);
        }
        rows.sort(order);
        ((ObservableList<T>) source).addListener(new WeakListChangeListener<>(listener));
        comparator.addListener((o, was, now) -> resort());
    }

    /** The user's order over rows (e.g. a table's comparator); null sorts by the tie-break alone. */
    public ObjectProperty<Comparator<? super LiveRow<T>>> comparatorProperty() {
        return comparator;
    }

    @Override
    public LiveRow<T> get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** The row that shows this key now, or null. */
    public LiveRow<T> row(K k) {
        return byKey.get(k);
    }

    private Comparator<LiveRow<T>> byValue() {
        return (a, b) -> tieBreak.compare(a.get(), b.get());
    }

    private void resort() {
        Comparator<? super LiveRow<T>> c = comparator.get();
        Comparator<LiveRow<T>> values = byValue();
        order = c == null ? values : (a, b) -> {
            int r = c.compare(a, b);
            return r != 0 ? r : values.compare(a, b);
        };
        List<LiveRow<T>> before = new ArrayList<>(rows);
        rows.sort(order);
        if (!before.equals(rows)) {
            beginChange();
            nextReplace(0, rows.size(), before);
            endChange();
        }
    }

    private void sourceChanged(ListChangeListener.Change<? extends T> c) {
        Set<K> touched = new LinkedHashSet<>();
        while (c.next()) {
            if (c.wasPermutated()) {
                List<T> before = new ArrayList<>(sourceCopy.subList(c.getFrom(), c.getTo()));
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    sourceCopy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                }
            } else if (c.wasUpdated()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    T t = c.getList().get(i);
                    sourceCopy.set(i, t);
                    touched.add(key.apply(t));
                }
            } else {
                // removed records from this list's own replay of the source, not getRemoved(): a batch compacted by
                // ListChangeBuilder can report sub-changes out of order and overlapping, which replay right by position
                List<T> range = sourceCopy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize());
                for (T gone : range) {
                    touched.add(key.apply(gone));
                }
                range.clear();
                List<? extends T> added = c.getAddedSubList();
                sourceCopy.addAll(c.getFrom(), added);
                for (T t : added) {
                    touched.add(key.apply(t));
                }
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        // what each touched key shows now: one pass over the replayed source (within a change a record can sit
        // twice for a moment, e.g. a swap-remove, so the change's own lists do not say which one remains)
        Map<K, T> now = new HashMap<>();
        for (T t : sourceCopy) {
            K k = key.apply(t);
            if (touched.contains(k)) {
                now.put(k, t);
            }
        }
        beginChange();
        try {
            for (K k : touched) {
                apply(k, now.get(k));
            }
        } finally {
            endChange();
        }
    }

    private void apply(K k, T now) {
        LiveRow<T> row = byKey.get(k);
        if (now == null) {
            if (row != null) {
                byKey.remove(k);
                int at = indexOf(row);
                if (at >= 0) {
                    rows.remove(at);
                    nextRemove(at, row);
                }
            }
        } else if (row == null) {
            LiveRow<T> fresh = new LiveRow<>(now);
            byKey.put(k, fresh);
            insert(fresh);
        } else if (row.get() != now) {
            int at = indexOf(row); // found by its old value, where it sorts now
            row.set(now);
            if (at < 0) {
                insert(row);
            } else if (!fitsAt(row, at)) {
                rows.remove(at);
                nextRemove(at, row);
                insert(row);
            }
        }
    }

    private void insert(LiveRow<T> row) {
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
        rows.add(lo, row);
        nextAdd(lo, lo + 1);
    }

    private boolean fitsAt(LiveRow<T> row, int at) {
        return (at == 0 || order.compare(rows.get(at - 1), row) <= 0)
                && (at == rows.size() - 1 || order.compare(row, rows.get(at + 1)) <= 0);
    }

    private int indexOf(LiveRow<T> row) {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            LiveRow<T> r = rows.get(mid);
            if (r == row) {
                return mid;
            }
            int cmp = order.compare(r, row);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                break; // ties: look around
            }
        }
        return rows.indexOf(row); // identity: LiveRow does not override equals
    }
}
