package dev.hybridpane.ui.fleet;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list that can hold one change open across many edits, so listeners (sorted views,
 * tables, selection models) see one change per batch instead of one per node. FX thread only.
 */
final class BatchedObservableList<E> extends ModifiableObservableListBase<E> {
    private final List<E> items = new ArrayList<>();
    private boolean open;

    /** Starts collecting edits into one change; a second call while open does nothing. */
    void openBatch() {
        if (!open) {
            open = true;
            beginChange();
        }
    }

    /** Fires the collected edits as one change. */
    void closeBatch() {
        if (open) {
            open = false;
            endChange();
        }
    }

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }
}
