package dev.hybridpane.app.startup;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.LocalTime;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Where JavaFX and the JDK log (their {@link System.Logger}s): warnings and errors to standard error, in the same
 * form as the console's own log ({@code simplelogger.properties}), nothing below. Registered as the JVM's
 * {@link System.LoggerFinder} in {@code META-INF/services}.
 * <p>
 * The JDK's own finder sends these loggers to java.util.logging, whose set-up then ran at the very start of the
 * toolkit's start-up: JavaFX logs its first line there. That line is the one dropped here: JavaFX's warning, at
 * every start, that its classes come from the class path rather than modules. HybridPane runs that way on purpose
 * ({@code java -jar}, with JavaFX beside it). Libraries that use java.util.logging directly still have it.
 */
public final class ConsoleLoggerFinder extends System.LoggerFinder {
    /** JavaFX's line about running from the class path, on its "javafx" logger. */
    static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new ConsoleLogger(name, () -> System.err);
    }

    /** Warnings and errors of one named logger, printed to a stream. */
    static final class ConsoleLogger implements System.Logger {
        /** A MessageFormat placeholder such as {0}: only a pattern with one is formatted. */
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");
        private final String name;
        /** Asked at each line, so that a later System.setErr is followed. */
        private final Supplier<PrintStream> out;

        ConsoleLogger(String name, Supplier<PrintStream> out) {
            this.name = name;
            this.out = out;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= Level.WARNING.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, localized(bundle, msg), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                print(level, formatted(localized(bundle, format), params), null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, msgSupplier.get(), thrown);
            }
        }

        /**
         * The pattern with its parameters, as java.util.logging formats them: only a pattern with {0}-style
         * placeholders is formatted, and one MessageFormat cannot read is printed as it is (a log call never throws).
         */
        static String formatted(String pattern, Object... params) {
            if (pattern == null || params == null || params.length == 0 || !PLACEHOLDER.matcher(pattern).find()) {
                return pattern;
            }
            try {
                return new MessageFormat(pattern, Locale.ROOT).format(params);
            } catch (IllegalArgumentException e) {
                return pattern;
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle != null && key != null && bundle.containsKey(key)) {
                return bundle.getString(key);
            }
            return key;
        }

        private void print(Level level, String msg, Throwable thrown) {
            if ("javafx".equals(name) && msg != null && msg.startsWith(CLASS_PATH_WARNING)) {
                return;
            }
            LocalTime t = LocalTime.now();
            String line = String.format(Locale.ROOT, "%02d:%02d:%02d.%03d %s %s - %s", t.getHour(), t.getMinute(),
                    t.getSecond(), t.getNano() / 1_000_000, level == Level.ERROR ? "ERROR" : "WARN", shortName(name), msg);
            PrintStream stream = out.get();
            synchronized (stream) {
                stream.println(line);
                if (thrown != null) {
                    thrown.printStackTrace(stream);
                }
            }
        }

        /** The last part of a dotted name, as the console's own log shows logger names. */
        private static String shortName(String name) {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? name : name.substring(dot + 1);
        }
    }
}
