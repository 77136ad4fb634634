package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** JavaFX's warning about running from the class path is not shown at every start; its other warnings are. */
class FxStartupLogTest {

    @Test
    void onlyTheClassPathWarningIsDropped() {
        FxStartup.quietClassPathWarning();
        var filter = Logger.getLogger("javafx").getFilter();
        assertThat(filter).isNotNull();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING,
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @69eee410'"))).isFalse();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "Could not resolve '-color-fg-default'"))).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.SEVERE, null))).isTrue();
    }
}
