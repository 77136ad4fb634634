package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JavaFX and the JDK log through the console's own finder (not through java.util.logging): warnings and errors reach
 * standard error, JavaFX's line about running from the class path does not.
 */
class ConsoleLoggerFinderTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJvmFindsItThroughItsServiceFile() {
        assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(ConsoleLoggerFinder.class);
        assertThat(System.getLogger("javafx").isLoggable(Level.WARNING)).isTrue();
        assertThat(System.getLogger("javafx").isLoggable(Level.INFO)).isFalse();
    }

    @Test
    void onlyJavaFxsClassPathWarningIsDropped() {
        var fx = new ConsoleLoggerFinder.ConsoleLogger("javafx", () -> out);
        fx.log(Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @69eee410'");
        assertThat(printed()).isEmpty();
        fx.log(Level.WARNING, "Toolkit not initialized");
        new ConsoleLoggerFinder.ConsoleLogger("javafx.css", () -> out)
                .log(Level.WARNING, "Could not resolve ''{0}'' while resolving lookups", "-color-fg-default");
        new ConsoleLoggerFinder.ConsoleLogger("other", () -> out)
                .log(Level.WARNING, "Unsupported JavaFX configuration: not from JavaFX's own logger");
        assertThat(printed().lines().toList()).hasSize(3).satisfiesExactly(
                l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN javafx - Toolkit not initialized"),
                l -> assertThat(l).endsWith(" WARN css - Could not resolve '-color-fg-default' while resolving lookups"),
                l -> assertThat(l).endsWith(" WARN other - Unsupported JavaFX configuration: not from JavaFX's own logger"));
    }

    @Test
    void warningsAndErrorsArePrintedNothingBelow() {
        var log = new ConsoleLoggerFinder.ConsoleLogger("jdk.httpclient", () -> out);
        log.log(Level.INFO, "connected");
        log.log(Level.DEBUG, () -> "frame sent");
        log.log(Level.OFF, "never");
        assertThat(printed()).isEmpty();
        log.log(Level.ERROR, "connection failed", new IllegalStateException("reset by peer"));
        assertThat(printed()).contains(" ERROR httpclient - connection failed")
                .contains("java.lang.IllegalStateException: reset by peer");
        assertThat(log.isLoggable(Level.WARNING)).isTrue();
        assertThat(log.isLoggable(Level.ERROR)).isTrue();
        assertThat(log.isLoggable(Level.INFO)).isFalse();
    }

    @Test
    void aPatternIsFormattedOnlyWithPlaceholdersAndNeverThrows() {
        assertThat(ConsoleLoggerFinder.ConsoleLogger.formatted("{0} of {1} ready", 3, 8)).isEqualTo("3 of 8 ready");
        assertThat(ConsoleLoggerFinder.ConsoleLogger.formatted("no placeholder, {braces}", "x"))
                .isEqualTo("no placeholder, {braces}");
        assertThat(ConsoleLoggerFinder.ConsoleLogger.formatted("broken {0", "x")).isEqualTo("broken {0");
        var log = new ConsoleLoggerFinder.ConsoleLogger("javafx.scene", () -> out);
        log.log(Level.WARNING, "unbalanced {0 in a JavaFX message", "x");
        assertThat(printed()).endsWith(" WARN scene - unbalanced {0 in a JavaFX message" + System.lineSeparator());
    }
}
