package dev.hybridpane.ui.profiles;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The detail pane's grids: a layer's fields, the history, and the side-by-side diff (public: the Node Pools view shows
 * a pool's update with it). Rebuilt whole on each change.
 */
public final class ProfileGrids {
    /** A block value's own padding, so that its label lines up with its first line. */
    private static final Insets BLOCK_TOP = new Insets(6, 0, 0, 0);
    private ProfileGrids() {
    }

    /** Label | value; multi-line values (cloud-config, TOML, kubelet config) in a monospaced block. */
    static void fields(GridPane g, List<LayerField> fields) {
        reset(g, 140);
        for (int i = 0; i < fields.size(); i++) {
            LayerField f = fields.get(i);
            Label k = new Label(f.label());
            k.getStyleClass().add("kv-key");
            GridPane.setValignment(k, VPos.TOP);
            if (f.block()) {
                k.setPadding(BLOCK_TOP);
            }
            g.add(k, 0, i);
            g.add(value(f.value(), f.block()), 1, i);
        }
    }

    /** Version | saved | by | pools, newest first. */
    static void history(GridPane g, List<VersionRow> rows) {
        reset(g, 0);
        g.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints(), new ColumnConstraints(),
                grow());
        header(g, 0, "Version", "Saved", "By", "Used by pools");
        for (int i = 0; i < rows.size(); i++) {
            VersionRow r = rows.get(i);
            g.add(cell(r.versionText(), "profiles-version-cell"), 0, i + 1);
            g.add(cell(r.whenText(), null), 1, i + 1);
            g.add(cell(r.byText(), null), 2, i + 1);
            g.add(cell(r.poolsText(), null), 3, i + 1);
        }
    }

    /** Field | from | to, grouped under a heading per layer. */
    public static void diff(GridPane g, List<DiffRow> rows, Integer from, Integer to) {
        reset(g, 0);
        ColumnConstraints field = new ColumnConstraints();
        field.setMinWidth(120);
        field.setPercentWidth(34);
        ColumnConstraints a = grow();
        a.setPercentWidth(33);
        ColumnConstraints b = grow();
        b.setPercentWidth(33);
        g.getColumnConstraints().setAll(field, a, b);
        header(g, 0, "Field", from == null ? "From" : "Version " + from, to == null ? "To" : "Version " + to);
        String layer = null;
        int row = 1;
        for (DiffRow d : rows) {
            if (!d.layer().equals(layer)) {
                layer = d.layer();
                Label l = new Label(d.layerTitle());
                l.getStyleClass().add("profiles-diff-layer");
                g.add(l, 0, row++, 3, 1);
            }
            Label f = new Label(d.field());
            f.getStyleClass().add("profiles-diff-field");
            f.setWrapText(true);
            GridPane.setValignment(f, VPos.TOP);
            f.setPadding(BLOCK_TOP);
            g.add(f, 0, row);
            Label before = value(d.fromText(), true);
            before.getStyleClass().add(d.from() == null ? "profiles-diff-absent" : "profiles-diff-removed");
            Label after = value(d.toText(), true);
            after.getStyleClass().add(d.to() == null ? "profiles-diff-absent" : "profiles-diff-added");
            g.add(before, 1, row);
            g.add(after, 2, row);
            row++;
        }
    }

    private static void reset(GridPane g, double keyWidth) {
        g.getChildren().clear();
        if (keyWidth > 0) {
            ColumnConstraints k = new ColumnConstraints();
            k.setMinWidth(keyWidth);
            g.getColumnConstraints().setAll(k, grow());
        }
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private static void header(GridPane g, int row, String... titles) {
        for (int c = 0; c < titles.length; c++) {
            Label h = new Label(titles[c]);
            h.getStyleClass().add("mini-table-header");
            g.add(h, c, row);
        }
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add("kv-value");
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    private static Label value(String text, boolean block) {
        Label v = new Label(text);
        v.getStyleClass().add("kv-value");
        if (block) {
            v.getStyleClass().addAll("mono", "profiles-block");
        }
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        return v;
    }
}
