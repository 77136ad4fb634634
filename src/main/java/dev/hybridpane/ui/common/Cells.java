package dev.hybridpane.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** Table column helpers for record rows. */
public final class Cells {
    private Cells() {
    }

    public static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        return c;
    }

    /**
     * A column of a live table: the cell follows its row's value, so a changed record repaints its own cells
     * and nothing else.
     */
    public static <T, V> TableColumn<LiveRow<T>, V> liveColumn(String title, double width, Function<T, V> value) {
        TableColumn<LiveRow<T>, V> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> cd.getValue() == null ? null : cd.getValue().valueProperty().map(value));
        return c;
    }
}
