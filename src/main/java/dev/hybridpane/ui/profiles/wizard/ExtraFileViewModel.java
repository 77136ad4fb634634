package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.profile.ExtraFile;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One extra file of the OS layer (agent mode): path, permissions and content, and the problem of its row. */
public final class ExtraFileViewModel {
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final StringProperty permissions = new SimpleStringProperty(this, "permissions", ExtraFile.DEFAULT_PERMISSIONS);
    private final StringProperty content = new SimpleStringProperty(this, "content", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    ExtraFileViewModel() {
    }

    ExtraFileViewModel(ExtraFile f) {
        path.set(f.path());
        permissions.set(f.permissions());
        content.set(f.content());
    }

    ExtraFile file() {
        return new ExtraFile(path.get() == null ? "" : path.get().strip(), content.get(), permissions.get());
    }

    void setError(String text) {
        error.set(text);
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty permissionsProperty() {
        return permissions;
    }

    public StringProperty contentProperty() {
        return content;
    }

    /** Its path's and permissions' problems, one a line; null when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
