package dev.hybridpane.ui.common;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

/** Table column helpers for record rows. */
public final class Cells {
    private Cells() {
    }

    /**
     * JavaFX's default column width. A column whose preferred width is exactly this is auto-sized when its
     * header is first shown: the header styles and measures a throwaway cell for up to 30 rows (a large share of
     * the FX thread's work when the Overview's tables first fill). A width of 81 looks the same and skips that.
     */
    private static final double AUTO_SIZED_WIDTH = 80;

    private static void setWidth(TableColumn<?, ?> c, double width) {
        c.setPrefWidth(width == AUTO_SIZED_WIDTH ? width + 1 : width);
    }

    public static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        setWidth(c, width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        return c;
    }

    /**
     * A column of a live table: the cell follows its row's value, so a changed record repaints its own cells
     * and nothing else.
     */
    public static <T, V> TableColumn<LiveRow<T>, V> liveColumn(String title, double width, Function<T, V> value) {
        TableColumn<LiveRow<T>, V> c = new TableColumn<>(title);
        setWidth(c, width);
        c.setCellValueFactory(cd -> cd.getValue() == null ? null : cd.getValue().valueProperty().map(value));
        return c;
    }

    /**
     * Cells that show their value as one node each, made once per cell and changed in place by {@code show}
     * (no text; nothing when empty). Live tables update cells on every batch, and a new node or a style class
     * change per update would restyle the cell each time.
     */
    public static <S, T, N extends Node> Callback<TableColumn<S, T>, TableCell<S, T>> graphicCells(Supplier<N> make,
            BiConsumer<N, T> show) {
        return column -> new TableCell<>() {
            private final N node = make.get();

            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(null);
                if (empty || value == null) {
                    setGraphic(null);
                    return;
                }
                show.accept(node, value);
                setGraphic(node);
            }
        };
    }
}
