package dev.hybridpane.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of a live table: a stable object whose value (an immutable record) is replaced as the thing it
 * shows changes. Cells observe {@link #valueProperty()}, so a change repaints that row's cells only, and
 * the table's item list does not change at all. Made and updated by {@link LiveRows}; FX thread only.
 */
public final class LiveRow<T> {
    private final ReadOnlyObjectWrapper<T> value;

    LiveRow(T value) {
        this.value = new ReadOnlyObjectWrapper<>(this, "value", value);
    }

    public T get() {
        return value.get();
    }

    public ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    void set(T next) {
        value.set(next);
    }

    @Override
    public String toString() {
        return "LiveRow[" + value.get() + "]";
    }
}
