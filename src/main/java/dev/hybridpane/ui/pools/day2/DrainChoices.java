package dev.hybridpane.ui.pools.day2;

import java.time.Duration;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;

/**
 * kubectl drain's choices, explicit: delete emptyDir data, force pods no controller manages, disable eviction (delete
 * pods directly, bypassing PodDisruptionBudgets: off by default, with a warning), and the timeout in minutes (a
 * drain that times out stops with the node cordoned, and the reason).
 */
public final class DrainChoices {
    static final int MAX_TIMEOUT_MINUTES = 240;
    private final BooleanProperty deleteEmptyDir = new SimpleBooleanProperty(this, "deleteEmptyDir");
    private final BooleanProperty force = new SimpleBooleanProperty(this, "force");
    private final BooleanProperty disableEviction = new SimpleBooleanProperty(this, "disableEviction");
    private final StringProperty timeoutMinutes = new SimpleStringProperty(this, "timeoutMinutes",
            String.valueOf(PoolDay2Port.DrainOptions.DEFAULT.timeout().toMinutes()));
    private final ReadOnlyStringWrapper timeoutError = new ReadOnlyStringWrapper(this, "timeoutError", "");
    private final StringExpression evictionWarning = Bindings.when(disableEviction)
            .then("Pods are deleted without the Eviction API: PodDisruptionBudgets are NOT respected, and the "
                    + "workload may lose more replicas than its budget allows.").otherwise("");

    /** The options, or null when the timeout is not valid (its field error says why). */
    PoolDay2Port.DrainOptions options() {
        Integer minutes = Day2Flow.whole(timeoutMinutes.get(), 1, MAX_TIMEOUT_MINUTES, timeoutError, "The drain timeout");
        return minutes == null ? null : new PoolDay2Port.DrainOptions(deleteEmptyDir.get(), force.get(),
                disableEviction.get(), Duration.ofMinutes(minutes));
    }

    public BooleanProperty deleteEmptyDirProperty() { return deleteEmptyDir; }
    public BooleanProperty forceProperty() { return force; }
    public BooleanProperty disableEvictionProperty() { return disableEviction; }
    public StringProperty timeoutMinutesProperty() { return timeoutMinutes; }
    public ReadOnlyStringProperty timeoutErrorProperty() { return timeoutError.getReadOnlyProperty(); }
    /** What disabling eviction costs, while it is chosen; "" otherwise. */
    public StringExpression evictionWarning() { return evictionWarning; }
}
