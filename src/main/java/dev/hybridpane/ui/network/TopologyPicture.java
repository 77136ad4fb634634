package dev.hybridpane.ui.network;

import atlantafx.base.controls.Spacer;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.network.TopologyLayout.Box;
import dev.hybridpane.ui.network.TopologyLayout.Edge;
import dev.hybridpane.ui.network.TopologyLayout.Light;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The topology as a picture: a box per element (its kind, label, details, tunnel lights, a status mark), a curve per
 * link, red and captioned with the failing check when broken. Clicking an element or a link tells {@code onSelect}
 * its id; clicking the background, null. Colours come from the AtlantaFX theme (network.css), so light and dark both
 * read well.
 */
final class TopologyPicture extends Pane {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final Map<DoctorStatus, PseudoClass> STATES = Map.of(
            DoctorStatus.PASS, PseudoClass.getPseudoClass("pass"),
            DoctorStatus.WARN, PseudoClass.getPseudoClass("warn"),
            DoctorStatus.FAIL, PseudoClass.getPseudoClass("fail"),
            DoctorStatus.UNKNOWN, PseudoClass.getPseudoClass("unknown"));

    private final Consumer<String> onSelect;
    private final Map<String, Node> bySubject = new HashMap<>();
    private String selected;

    TopologyPicture(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("topo-canvas");
        setId("network-picture");
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                onSelect.accept(null);
            }
        });
    }

    /** Draws this report's topology (null: nothing). */
    void show(DoctorReport report) {
        getChildren().clear();
        bySubject.clear();
        if (report == null) {
            setPrefSize(0, 0);
            return;
        }
        TopologyLayout layout = TopologyLayout.of(report);
        for (Edge e : layout.edges()) {
            edge(e);
        }
        for (Box b : layout.boxes()) {
            box(b);
        }
        setPrefSize(layout.width(), layout.height());
        setMinSize(layout.width(), layout.height());
        setMaxSize(layout.width(), layout.height());
        mark(selected);
    }

    /** Marks the chosen element or link. */
    void mark(String subjectId) {
        Node was = selected == null ? null : bySubject.get(selected);
        if (was != null) {
            was.pseudoClassStateChanged(SELECTED, false);
        }
        selected = subjectId;
        Node now = subjectId == null ? null : bySubject.get(subjectId);
        if (now != null) {
            now.pseudoClassStateChanged(SELECTED, true);
        }
    }

    /** A node id for a subject ("vpc-0a1b" → "topo-vpc-0a1b", "site:dallas" → "topo-site-dallas"). */
    static String nodeId(String subjectId) {
        return "topo-" + subjectId.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private void edge(Edge e) {
        double mx = (e.x1() + e.x2()) / 2;
        CubicCurve curve = new CubicCurve(e.x1(), e.y1(), mx, e.y1(), mx, e.y2(), e.x2(), e.y2());
        curve.getStyleClass().add("topo-link");
        curve.setMouseTransparent(true);
        state(curve, e.status());
        // a wide, invisible twin takes the clicks, so a 2-pixel line is easy to hit
        CubicCurve hit = new CubicCurve(e.x1(), e.y1(), mx, e.y1(), mx, e.y2(), e.x2(), e.y2());
        hit.getStyleClass().add("topo-link-hit");
        hit.setFill(null);
        hit.setStroke(Color.TRANSPARENT);
        hit.setStrokeWidth(14);
        hit.setId(nodeId(e.link().id()));
        hit.setUserData(e.link().id());
        hit.setOnMouseClicked(ev -> onSelect.accept(e.link().id()));
        Circle end = new Circle(e.x2(), e.y2(), 3.5);
        end.getStyleClass().add("topo-link-end");
        end.setMouseTransparent(true);
        state(end, e.status());
        getChildren().addAll(curve, end, hit);
        bySubject.put(e.link().id(), curve);
        String caption = e.caption();
        if (caption != null && !caption.isBlank()) {
            Label l = new Label(caption);
            l.getStyleClass().add("topo-caption");
            l.setId(nodeId(e.link().id()) + "-caption");
            state(l, e.status());
            double w = TopologyLayout.COLUMN_GAP - 14;
            l.setWrapText(true);
            l.setTextAlignment(TextAlignment.CENTER);
            l.setAlignment(Pos.CENTER);
            l.setMaxWidth(w);
            l.setPrefWidth(Region.USE_COMPUTED_SIZE);
            l.setOnMouseClicked(ev -> onSelect.accept(e.link().id()));
            // centred on the curve's middle once its size is known
            double my = (e.y1() + e.y2()) / 2;
            l.layoutBoundsProperty().addListener((o, a, b) -> {
                l.setLayoutX(mx - b.getWidth() / 2);
                l.setLayoutY(my - b.getHeight() - 4);
            });
            l.setLayoutX(mx - w / 2);
            l.setLayoutY(my - 22);
            getChildren().add(l);
        }
    }

    private void box(Box b) {
        Label kind = new Label(TopologyLayout.kindName(b.element().kind()).toUpperCase(Locale.ROOT));
        kind.getStyleClass().add("topo-kind");
        FontIcon mark = Widgets.icon(switch (b.status()) {
            case PASS -> Feather.CHECK_CIRCLE;
            case WARN -> Feather.ALERT_TRIANGLE;
            case FAIL -> Feather.X_CIRCLE;
            case UNKNOWN -> Feather.HELP_CIRCLE;
        }, "topo-mark");
        state(mark, b.status());
        HBox head = new HBox(6, kind, new Spacer(), mark);
        head.setAlignment(Pos.CENTER_LEFT);
        Label name = new Label(TopologyLayout.shortLabel(b.element()));
        name.getStyleClass().add("topo-label");
        VBox box = new VBox(2, head, name);
        for (String line : b.lines()) {
            Label l = new Label(line);
            l.getStyleClass().add("topo-line");
            box.getChildren().add(l);
        }
        if (!b.lights().isEmpty()) {
            VBox lights = new VBox(3);
            lights.getStyleClass().add("topo-lights");
            for (Light light : b.lights()) {
                Circle dot = new Circle(5);
                dot.getStyleClass().add("topo-light");
                dot.pseudoClassStateChanged(DOWN, !light.up());
                Label t = new Label(light.name() + " " + (light.up() ? "UP" : "DOWN"), dot);
                t.getStyleClass().add("topo-light-label");
                t.setGraphicTextGap(5);
                lights.getChildren().add(t);
            }
            box.getChildren().add(lights);
        }
        box.getStyleClass().add("topo-box");
        state(box, b.status());
        box.setId(nodeId(b.element().id()));
        box.setUserData(b.element().id());
        box.setLayoutX(b.x());
        box.setLayoutY(b.y());
        box.setPrefSize(b.width(), b.height());
        box.setMinSize(b.width(), b.height());
        box.setMaxSize(b.width(), b.height());
        box.setOnMouseClicked(ev -> onSelect.accept(b.element().id()));
        Widgets.lazyTooltip(name, b.element().label() + "\n" + b.element().id());
        getChildren().add(box);
        bySubject.put(b.element().id(), box);
    }

    static void state(Node n, DoctorStatus s) {
        STATES.forEach((k, pc) -> n.pseudoClassStateChanged(pc, k == s));
    }
}
