package dev.hybridpane.ui.common;

import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.HealthStatus;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small reusable pieces styled by app.css. */
public final class Widgets {
    private Widgets() {
    }

    /**
     * A scroll pane for live content. ScrollPaneSkin caches its viewport as a bitmap, so any change inside
     * (a count, a table row, a progress bar) renders the whole viewport again into that bitmap before the
     * frame is drawn: with software rendering about ten times the cost of drawing what changed. This one
     * draws its content directly.
     */
    public static javafx.scene.control.ScrollPane liveScrollPane(Node content) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.skinProperty().addListener((o, was, skin) -> {
            Node viewport = skin == null ? null : scroll.lookup(".viewport");
            if (viewport != null) {
                viewport.setCache(false);
            }
        });
        return scroll;
    }

    /**
     * Gives a control a tooltip that is made the first time the pointer enters it. Tooltips are popup controls:
     * the window's first ones cost its start ~20 ms of the FX thread, and most are never shown. The tooltip shows
     * after the usual delay once the pointer moves over the control.
     */
    public static void lazyTooltip(javafx.scene.control.Control control, String text) {
        lazyTooltip(control, () -> text);
    }

    /**
     * As {@link #lazyTooltip(javafx.scene.control.Control, String)}, with text that changes: {@code text} is
     * asked each time the pointer enters (null: no tooltip). While the text changes, pass each new text to
     * {@link #updateTooltip} so that a tooltip already made follows it.
     */
    public static void lazyTooltip(javafx.scene.control.Control control, java.util.function.Supplier<String> text) {
        control.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> setTooltip(control, text.get(), true));
    }

    /** A control's tooltip follows new text (null or blank: none); a tooltip is not made here, only updated. */
    public static void updateTooltip(javafx.scene.control.Control control, String text) {
        setTooltip(control, text, false);
    }

    private static void setTooltip(javafx.scene.control.Control control, String text, boolean make) {
        if (text == null || text.isBlank()) {
            if (control.getTooltip() != null) {
                control.setTooltip(null);
            }
            return;
        }
        javafx.scene.control.Tooltip tip = control.getTooltip();
        if (tip == null && make) {
            tip = new javafx.scene.control.Tooltip();
            control.setTooltip(tip);
        }
        if (tip != null) {
            tip.setText(text);
        }
    }

    public static FontIcon icon(Ikon ikon, String styleClass) {
        FontIcon i = new FontIcon(ikon);
        if (styleClass != null) {
            i.getStyleClass().add(styleClass);
        }
        return i;
    }

    /** The kinds a pill or a ready bar can show, as CSS pseudo-classes (":success" etc.). */
    private static final java.util.Map<String, javafx.css.PseudoClass> KINDS = java.util.Map.of(
            "accent", javafx.css.PseudoClass.getPseudoClass("accent"),
            "success", javafx.css.PseudoClass.getPseudoClass("success"),
            "warning", javafx.css.PseudoClass.getPseudoClass("warning"),
            "danger", javafx.css.PseudoClass.getPseudoClass("danger"),
            "neutral", javafx.css.PseudoClass.getPseudoClass("neutral"));

    /** A rounded label; kind is one of accent, success, warning, danger, neutral. */
    public static Label pill(String text, String kind) {
        Label l = new Label(text);
        l.getStyleClass().add("pill");
        setKind(l, kind);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Changes a pill's text and kind. The kind is a pseudo-class, so a pill that changes kind on every live
     * update only switches state in the CSS it already has (a style class change would restyle it from scratch).
     */
    public static void setPill(Label pill, String text, String kind) {
        pill.setText(text);
        setKind(pill, kind);
    }

    /** Sets one of the kinds as this node's pseudo-class and clears the others. */
    public static void setKind(Node node, String kind) {
        if (!KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown kind " + kind);
        }
        KINDS.forEach((k, pc) -> node.pseudoClassStateChanged(pc, k.equals(kind)));
    }

    /** Clears every kind from this node (an emptied cell). */
    public static void clearKind(Node node) {
        KINDS.values().forEach(pc -> node.pseudoClassStateChanged(pc, false));
    }

    /** The kind a node shows, or null. */
    public static String kindOf(Node node) {
        return KINDS.entrySet().stream().filter(e -> node.getPseudoClassStates().contains(e.getValue()))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    public static String kind(HealthStatus s) {
        return switch (s) {
            case HEALTHY -> "success";
            case DEGRADED -> "warning";
            case DOWN -> "danger";
            case EMPTY -> "neutral";
        };
    }

    public static String kind(CheckStatus s) {
        return switch (s) {
            case PASS -> "success";
            case WARN -> "warning";
            case FAIL -> "danger";
        };
    }

    public static FontIcon checkIcon(CheckStatus s) {
        return switch (s) {
            case PASS -> icon(Feather.CHECK_CIRCLE, "icon-success");
            case WARN -> icon(Feather.ALERT_TRIANGLE, "icon-warning");
            case FAIL -> icon(Feather.X_CIRCLE, "icon-danger");
        };
    }

    /** Kind for an EKS cluster status (ACTIVE, CREATING, UPDATING, DELETING, FAILED). */
    public static String clusterStatusKind(String status) {
        if (status == null) {
            return "neutral";
        }
        return switch (status) {
            case "ACTIVE" -> "success";
            case "FAILED", "DELETING" -> "danger";
            case "CREATING", "UPDATING", "PENDING" -> "warning";
            default -> "neutral";
        };
    }

    /** The honest "not here yet" state of a view. */
    public static VBox emptyState(Ikon ikon, String title, String... sentences) {
        VBox box = new VBox(10);
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        FontIcon i = icon(ikon, "empty-state-icon");
        Label t = new Label(title);
        t.getStyleClass().add("empty-state-title");
        box.getChildren().addAll(i, t);
        for (String s : sentences) {
            Label l = new Label(s);
            l.getStyleClass().add("empty-state-text");
            l.setWrapText(true);
            l.setMaxWidth(520);
            l.setAlignment(Pos.CENTER);
            box.getChildren().add(l);
        }
        return box;
    }

    /** A view header: title and subtitle on the left, extra nodes on the right. */
    public static javafx.scene.layout.HBox header(String title, String subtitle, Node... right) {
        Label t = new Label(title);
        t.getStyleClass().add("view-title");
        Label s = new Label(subtitle);
        s.getStyleClass().add("view-subtitle");
        // a narrow window wraps the subtitle rather than cutting it off behind the nodes on the right
        s.setWrapText(true);
        VBox titles = new VBox(2, t, s);
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(12, titles, spacer);
        box.getChildren().addAll(right);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("view-header");
        return box;
    }

    public static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    public static Label sectionSubtitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-subtitle");
        return l;
    }

    public static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }
}
