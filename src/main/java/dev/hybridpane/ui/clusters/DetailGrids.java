package dev.hybridpane.ui.clusters;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Small grids for the detail pane: key/value lists and compact tables that size to their content. */
final class DetailGrids {
    private DetailGrids() {
    }

    static GridPane keyValues() {
        GridPane g = new GridPane();
        g.getStyleClass().add("kv-grid");
        g.setHgap(16);
        g.setVgap(6);
        ColumnConstraints k = new ColumnConstraints();
        k.setMinWidth(130);
        ColumnConstraints v = new ColumnConstraints();
        v.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(k, v);
        return g;
    }

    static void add(GridPane g, String key, String value) {
        int row = g.getRowCount();
        Label k = new Label(key);
        k.getStyleClass().add("kv-key");
        Label v = new Label(value == null || value.isBlank() ? "—" : value);
        v.getStyleClass().add("kv-value");
        v.setWrapText(true);
        g.add(k, 0, row);
        g.add(v, 1, row);
    }

    /** One column of a {@link #table}: its header and how a row shows in it (blank shows as a dash). */
    record Column<R>(String header, Function<R, String> cell) {
    }

    static <R> Column<R> column(String header, Function<R, String> cell) {
        return new Column<>(header, cell);
    }

    /** A compact table: a header row and one text row per item; the last column wraps, the others may shrink. */
    @SafeVarargs
    static <R> GridPane table(List<R> rows, Column<R>... columns) {
        GridPane g = new GridPane();
        g.getStyleClass().add("mini-table");
        g.setHgap(18);
        g.setVgap(4);
        for (int c = 0; c < columns.length; c++) {
            Label h = new Label(columns[c].header());
            h.getStyleClass().add("mini-table-header");
            g.add(h, c, 0);
        }
        int last = columns.length - 1;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.length; c++) {
                String text = columns[c].cell().apply(rows.get(r));
                Label l = new Label(text == null || text.isBlank() ? "—" : text);
                l.getStyleClass().add("mini-table-cell");
                l.setWrapText(c == last);
                if (c < last) {
                    // long values (ARNs) may shrink to an ellipsis so the pane never overflows; the tooltip has it all
                    l.setMinWidth(40);
                    l.setTooltip(new Tooltip(l.getText()));
                }
                g.add(l, c, r + 1);
            }
        }
        for (int c = 0; c < last; c++) {
            g.getColumnConstraints().add(new ColumnConstraints());
        }
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().add(grow);
        return g;
    }
}
