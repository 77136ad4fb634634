package dev.hybridpane.ui.wizard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/** The pieces every wizard page is made of: field labels and help, errors and warnings under a field, notes. */
public final class FormParts {
    private FormParts() {
    }

    /** A red message under a field; hidden (and taking no room) while the text is null. */
    public static Label fieldError(ObservableStringValue text) {
        return fieldMessage(text, "field-error", Feather.ALERT_CIRCLE, "icon-danger");
    }

    /** An amber warning under a field; hidden while null. */
    public static Label fieldWarning(ObservableStringValue text) {
        return fieldMessage(text, "field-warning", Feather.ALERT_TRIANGLE, "icon-warning");
    }

    private static Label fieldMessage(ObservableStringValue text, String style, Feather icon, String iconStyle) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setGraphic(Widgets.icon(icon, iconStyle));
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.visibleProperty().bind(Bindings.isNotNull(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A note box (what has or has not happened yet) with this text. */
    public static Message note(ObservableStringValue text) {
        return notice(text, Feather.INFO, Styles.ACCENT, false);
    }

    public static Message note(String text) {
        return note(new ReadOnlyStringWrapper(text));
    }

    /** An error box for the whole step (the cluster could not be read, the save failed); hidden while null. */
    public static Message errorMessage(ObservableStringValue text) {
        return notice(text, Feather.ALERT_CIRCLE, Styles.DANGER, true);
    }

    /**
     * A Message of the given kind ({@link Styles#ACCENT}, {@link Styles#DANGER}…) whose height follows its width: its
     * text wraps, and a box of several lines gets their room. Hidden while the text is null if asked.
     */
    public static Message notice(ObservableStringValue text, Feather icon, String kind, boolean hideWhileNull) {
        Message m = new Message(null, null, Widgets.icon(icon, null)) {
            @Override
            public Orientation getContentBias() {
                return Orientation.HORIZONTAL;
            }
        };
        m.getStyleClass().add(kind);
        m.setMinHeight(Region.USE_PREF_SIZE);
        m.descriptionProperty().bind(text);
        if (hideWhileNull) {
            m.visibleProperty().bind(Bindings.isNotNull(text));
            m.managedProperty().bind(m.visibleProperty());
        }
        return m;
    }

    public static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    public static Label help(String text) {
        Label l = Widgets.muted(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
