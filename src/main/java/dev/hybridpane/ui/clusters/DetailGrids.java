package dev.hybridpane.ui.clusters;

import java.util.List;
import javafx.scene.control.Label;
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

    /** A compact table: a header row and text rows. */
    static GridPane table(List<String> headers, List<List<String>> rows) {
        GridPane g = new GridPane();
        g.getStyleClass().add("mini-table");
        g.setHgap(18);
        g.setVgap(4);
        for (int c = 0; c < headers.size(); c++) {
            Label h = new Label(headers.get(c));
            h.getStyleClass().add("mini-table-header");
            g.add(h, c, 0);
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Label l = new Label(row.get(c) == null || row.get(c).isBlank() ? "—" : row.get(c));
                l.getStyleClass().add("mini-table-cell");
                l.setWrapText(c == row.size() - 1);
                if (c < row.size() - 1) {
                    // long values (ARNs) may shrink to an ellipsis so the pane never overflows; the tooltip has it all
                    l.setMinWidth(40);
                    l.setTooltip(new javafx.scene.control.Tooltip(l.getText()));
                }
                g.add(l, c, r + 1);
            }
        }
        ColumnConstraints last = new ColumnConstraints();
        last.setHgrow(Priority.ALWAYS);
        for (int c = 0; c < headers.size() - 1; c++) {
            g.getColumnConstraints().add(new ColumnConstraints());
        }
        g.getColumnConstraints().add(last);
        return g;
    }
}
