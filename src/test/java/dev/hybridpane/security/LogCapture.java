package dev.hybridpane.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The log of an in-process run: what slf4j-simple (HybridPane's log, and the libraries') and the JDK's System.Logger write
 * to standard error, teed, and every java.util.logging record. HybridPane's own loggers are turned to DEBUG for the run
 * (those already made too, by reflection on slf4j-simple), so that a secret in a debug line is seen as well.
 */
public final class LogCapture implements AutoCloseable {
    /** HybridPane's packages (the lab's are not the product: they keep their level). */
    static final List<String> PRODUCT = List.of("dev.hybridpane.app", "dev.hybridpane.core", "dev.hybridpane.adapters",
            "dev.hybridpane.domain", "dev.hybridpane.ui");
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";
    private static final int DEBUG = 10;

    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> jul = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler;
    private final List<Runnable> undo = new ArrayList<>();

    private LogCapture() {
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                savedErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                savedErr.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        SimpleFormatter f = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (jul) {
                    jul.add(f.format(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        for (String p : PRODUCT) {
            String old = System.getProperty(PREFIX + p);
            System.setProperty(PREFIX + p, "debug");
            undo.add(() -> {
                if (old == null) {
                    System.clearProperty(PREFIX + p);
                } else {
                    System.setProperty(PREFIX + p, old);
                }
            });
        }
        debugExisting();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** The product's loggers made before the run: DEBUG too, put back after it. */
    @SuppressWarnings("unchecked")
    private void debugExisting() {
        try {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            Field map = factory.getClass().getDeclaredField("loggerMap");
            map.setAccessible(true);
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map.get(factory)).entrySet()) {
                String name = entry.getKey();
                Object logger = entry.getValue();
                if (PRODUCT.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                Field level = findField(logger.getClass(), "currentLogLevel");
                level.setAccessible(true);
                int old = level.getInt(logger);
                level.setInt(logger, DEBUG);
                undo.add(() -> {
                    try {
                        level.setInt(logger, old);
                    } catch (IllegalAccessException e) {
                        // left at DEBUG: only a test JVM
                    }
                });
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            savedErr.println("LogCapture: the loggers made before the run keep their level (" + e + ")");
        }
    }

    private static Field findField(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** Everything logged so far: standard error's lines, then java.util.logging's records. */
    public String text() {
        StringBuilder b = new StringBuilder();
        synchronized (captured) {
            b.append(captured.toString(StandardCharsets.UTF_8));
        }
        synchronized (jul) {
            jul.forEach(b::append);
        }
        return b.toString();
    }

    @Override
    public void close() {
        System.setErr(savedErr);
        root.removeHandler(handler);
        undo.forEach(Runnable::run);
    }
}
