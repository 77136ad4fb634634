package dev.hybridpane.ui.hybrid;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable CIDR row and the reason it is invalid (null when fine), set by its list while the user types. */
public final class CidrEntryViewModel {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");

    public CidrEntryViewModel(String initial) {
        text.set(initial == null ? "" : initial);
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void setMessage(String m) {
        message.set(m);
    }
}
