package dev.hybridpane.ui.network;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.Widgets;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** One check as a card: status, title, summary, its id, the evidence it read, and its fix (a copyable snippet). */
final class CheckCards {
    private CheckCards() {
    }

    static String kind(DoctorStatus s) {
        return switch (s) {
            case PASS -> Styles.SUCCESS;
            case WARN -> Styles.WARNING;
            case FAIL -> Styles.DANGER;
            case UNKNOWN -> Widgets.NEUTRAL;
        };
    }

    static String text(DoctorStatus s) {
        return switch (s) {
            case PASS -> "Pass";
            case WARN -> "Warning";
            case FAIL -> "Fail";
            case UNKNOWN -> "Unknown";
        };
    }

    static Label pill(DoctorStatus s) {
        return Widgets.pill(text(s), kind(s));
    }

    static Node card(DoctorCheck c) {
        Label title = new Label(c.title());
        title.getStyleClass().add("check-title");
        title.setWrapText(true);
        HBox head = new HBox(8, pill(c.status()), title);
        head.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label(c.summary());
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label id = new Label(c.id());
        id.getStyleClass().add("check-id");
        id.setWrapText(true);
        VBox card = new VBox(6, head, summary, id);
        card.getStyleClass().add("check-card");
        card.setUserData(c.id());
        TopologyPicture.state(card, c.status());
        if (!c.evidence().isEmpty()) {
            Label evidence = new Label(String.join("\n", c.evidence()));
            evidence.getStyleClass().add("check-evidence");
            evidence.setWrapText(true);
            evidence.setMaxWidth(Double.MAX_VALUE);
            evidence.setMinHeight(Region.USE_PREF_SIZE);
            card.getChildren().addAll(section("EVIDENCE"), evidence);
        }
        DoctorFix fix = c.fix();
        if (c.status() != DoctorStatus.PASS && fix.present()) {
            card.getChildren().add(section("FIX"));
            Label how = new Label(fix.description());
            how.setWrapText(true);
            how.setMinHeight(Region.USE_PREF_SIZE);
            Label mode = fix.automatic()
                    ? Widgets.pill("Automatic · Fix… applies it", Styles.ACCENT)
                    : Widgets.pill("Manual · for the network team", Widgets.NEUTRAL);
            card.getChildren().addAll(mode, how);
            if (fix.automatic() && !fix.params().isEmpty()) {
                card.getChildren().add(Widgets.muted(params(fix.params())));
            }
            if (!fix.snippet().isBlank()) {
                card.getChildren().add(snippet(fix.snippet(), "check-snippet-" + safe(c.id())));
            }
        }
        return card;
    }

    /** A read-only snippet with a Copy button. */
    static Node snippet(String text, String id) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("check-snippet");
        area.setId(id);
        area.setPrefRowCount(Math.min(10, (int) text.lines().count() + 1));
        area.setMinHeight(Region.USE_PREF_SIZE);
        Button copy = new Button("Copy", Widgets.icon(Feather.COPY, null));
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copy.setId(id + "-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox bar = new HBox(new Spacer(), copy);
        return new VBox(2, bar, area);
    }

    private static String params(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : " · ").append(k).append(' ').append(v));
        return b.toString();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("check-section");
        return l;
    }

    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
