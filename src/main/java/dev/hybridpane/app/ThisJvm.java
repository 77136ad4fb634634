package dev.hybridpane.app;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * This JVM's options and start time, as {@link java.lang.management.RuntimeMXBean} gives them, for the launcher.
 * Setting up JMX took ~20 ms in the launcher JVM, before the console's JVM could start, at every start. So both are
 * read the way JMX reads them, through the JDK's internal {@code jdk.internal.misc.VM} and the JVM's performance
 * counters, which the jar's manifest exports to HybridPane ({@code Add-Exports}; honoured when the JVM was started with
 * {@code java -jar}). Otherwise, e.g. started with {@code -cp}, they come from JMX.
 */
final class ThisJvm {
    /** The performance counter behind RuntimeMXBean.getStartTime(): when the JVM finished starting, epoch ms. */
    static final String START_COUNTER = "sun.rt.vmInitDoneTime";

    private ThisJvm() {
    }

    /** The options this JVM was started with (RuntimeMXBean.getInputArguments()). */
    static List<String> options() {
        try {
            Method m = Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments");
            return List.of((String[]) m.invoke(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        }
    }

    /** When this JVM started, in epoch ms (RuntimeMXBean.getStartTime()). */
    static long startMillis() {
        OptionalLong counted = longCounter(START_COUNTER);
        return counted.isPresent() ? counted.getAsLong() : ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** A long performance counter of this JVM, or empty when the counters cannot be read. */
    static OptionalLong longCounter(String name) {
        try {
            Class<?> perfClass = Class.forName("jdk.internal.perf.Perf");
            Object perf = perfClass.getMethod("getPerf").invoke(null);
            ByteBuffer buffer;
            try {
                buffer = (ByteBuffer) perfClass.getMethod("attach", int.class, String.class).invoke(perf, 0, "r");
            } catch (NoSuchMethodException e) {
                buffer = (ByteBuffer) perfClass.getMethod("attach", int.class).invoke(perf, 0); // JDK 19 on
            }
            return find(buffer, name);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Looks a long counter up in a performance-data buffer (HotSpot's layout: a prologue with the byte order, the
     * first entry's offset and the number of entries; then entries, each with its length, name, type and value).
     */
    static OptionalLong find(ByteBuffer perfData, String name) {
        ByteBuffer b = perfData.duplicate();
        b.order(b.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int entry = b.getInt(24);
        int entries = b.getInt(28);
        for (int i = 0; i < entries && entry > 0 && entry + 20 <= b.limit(); i++) {
            int length = b.getInt(entry);
            int nameStart = entry + b.getInt(entry + 4);
            int vectorLength = b.getInt(entry + 8);
            byte type = b.get(entry + 12);
            if (vectorLength == 0 && type == 'J' && nameStart + wanted.length < b.limit()
                    && b.get(nameStart + wanted.length) == 0) {
                byte[] actual = new byte[wanted.length];
                b.get(nameStart, actual);
                if (Arrays.equals(actual, wanted)) {
                    return OptionalLong.of(b.getLong(entry + b.getInt(entry + 16)));
                }
            }
            if (length <= 0) {
                break;
            }
            entry += length;
        }
        return OptionalLong.empty();
    }
}
