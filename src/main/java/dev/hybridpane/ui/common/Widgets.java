package dev.hybridpane.ui.common;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.HealthStatus;
import java.util.Map;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
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
     * frame is drawn: with software rendering far more than drawing what changed. This one
     * draws its content directly.
     */
    public static ScrollPane liveScrollPane(Node content) {
        ScrollPane scroll = new ScrollPane(content);
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
     * the window's first ones are costly work for the FX thread while it starts, and most are never shown. The
     * tooltip shows after the usual delay once the pointer moves over the control.
     */
    public static void lazyTooltip(Control control, String text) {
        lazyTooltip(control, () -> text);
    }

    /**
     * As {@link #lazyTooltip(Control, String)}, with text that changes: {@code text} is
     * asked each time the pointer enters (null: no tooltip). While the text changes, pass each new text to
     * {@link #updateTooltip} so that a tooltip already made follows it.
     */
    public static void lazyTooltip(Control control, Supplier<String> text) {
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> setTooltip(control, text.get(), true));
    }

    /** A control's tooltip follows new text (null or blank: none); a tooltip is not made here, only updated. */
    public static void updateTooltip(Control control, String text) {
        setTooltip(control, text, false);
    }

    private static void setTooltip(Control control, String text, boolean make) {
        if (text == null || text.isBlank()) {
            if (control.getTooltip() != null) {
                control.setTooltip(null);
            }
            return;
        }
        Tooltip tip = control.getTooltip();
        if (tip == null && make) {
            tip = new Tooltip();
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

    /** The kind of a pill that is neither good nor bad news; the others are AtlantaFX's {@link Styles#SUCCESS} etc. */
    public static final String NEUTRAL = "neutral";

    /**
     * The kinds a pill or a ready bar can show, as CSS pseudo-classes (":success" etc.): AtlantaFX's own states, which
     * its theme colours on labels, plus {@link #NEUTRAL}.
     */
    private static final Map<String, PseudoClass> KINDS = Map.of(
            Styles.ACCENT, Styles.STATE_ACCENT,
            Styles.SUCCESS, Styles.STATE_SUCCESS,
            Styles.WARNING, Styles.STATE_WARNING,
            Styles.DANGER, Styles.STATE_DANGER,
            NEUTRAL, PseudoClass.getPseudoClass(NEUTRAL));

    /**
     * A rounded label; kind is one of {@link Styles#ACCENT}, {@link Styles#SUCCESS}, {@link Styles#WARNING},
     * {@link Styles#DANGER} or {@link #NEUTRAL}.
     */
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
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    public static String kind(HealthStatus s) {
        return switch (s) {
            case HEALTHY -> Styles.SUCCESS;
            case DEGRADED -> Styles.WARNING;
            case DOWN -> Styles.DANGER;
            case EMPTY -> NEUTRAL;
        };
    }

    public static String kind(CheckStatus s) {
        return switch (s) {
            case PASS -> Styles.SUCCESS;
            case WARN -> Styles.WARNING;
            case FAIL -> Styles.DANGER;
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
            return NEUTRAL;
        }
        return switch (status) {
            case "ACTIVE" -> Styles.SUCCESS;
            case "FAILED", "DELETING" -> Styles.DANGER;
            case "CREATING", "UPDATING", "PENDING" -> Styles.WARNING;
            default -> NEUTRAL;
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
            l.getStyleClass().addAll("empty-state-text", Styles.TEXT_MUTED);
            l.setWrapText(true);
            l.setMaxWidth(520);
            l.setAlignment(Pos.CENTER);
            box.getChildren().add(l);
        }
        return box;
    }

    /**
     * An inline notice: AtlantaFX's {@link Message} with an icon, a title and a sentence; kind is one of
     * {@link Styles#ACCENT}, {@link Styles#SUCCESS}, {@link Styles#WARNING} or {@link Styles#DANGER}.
     */
    public static Message notice(Ikon ikon, String kind, String title, String description) {
        Message m = new Message(title, description, icon(ikon, null));
        m.getStyleClass().add(kind);
        return m;
    }

    /**
     * The body of a view that a later issue fills: what it will hold, as an accent notice, then where to look
     * meanwhile. Laid out at the top of the view like the other views' content, not floating in its middle.
     */
    public static VBox placeholder(Ikon ikon, String title, String willHold, String meanwhile) {
        Message notice = notice(ikon, Styles.ACCENT, title, willHold);
        notice.setMaxWidth(860);
        Label next = muted(meanwhile);
        next.setMaxWidth(860);
        VBox box = new VBox(12, notice, next);
        box.getStyleClass().add("placeholder-body");
        return box;
    }

    /** A view header: title and subtitle on the left, extra nodes on the right. */
    public static HBox header(String title, String subtitle, Node... right) {
        Label t = new Label(title);
        t.getStyleClass().addAll("view-title", Styles.TITLE_3);
        Label s = new Label(subtitle);
        s.getStyleClass().addAll("view-subtitle", Styles.TEXT_MUTED);
        // a narrow window wraps the subtitle rather than cutting it off behind the nodes on the right
        s.setWrapText(true);
        VBox titles = new VBox(2, t, s);
        HBox box = new HBox(12, titles, new Spacer());
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

    /** A wrapping label in the theme's muted text colour. */
    public static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }
}
