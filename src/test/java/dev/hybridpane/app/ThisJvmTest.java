package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The launcher's view of its own JVM agrees with JMX's (the test JVM exports the packages as the jar's manifest does). */
class ThisJvmTest {
    @Test
    void startTimeAndOptionsAreWhatJmxSays() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        assertThat(ThisJvm.longCounter(ThisJvm.START_COUNTER)).as("read from the performance counters, not JMX")
                .hasValue(runtime.getStartTime());
        assertThat(ThisJvm.startMillis()).isEqualTo(runtime.getStartTime());
        assertThat(ThisJvm.options()).isEqualTo(runtime.getInputArguments()).contains("-Xmx2g");
    }

    @Test
    void findsALongCounterInEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer b = perfData(order);
            assertThat(ThisJvm.find(b, "sun.rt.vmInitDoneTime")).as(order.toString()).hasValue(1_795_000_000_123L);
            assertThat(ThisJvm.find(b, "sun.rt.other")).as("an int counter is not a long").isEmpty();
            assertThat(ThisJvm.find(b, "sun.rt.vmInit")).as("a prefix of a name does not match").isEmpty();
            assertThat(ThisJvm.find(b, "sun.rt.missing")).isEqualTo(OptionalLong.empty());
        }
    }

    /** A buffer in HotSpot's layout: prologue, an int counter "sun.rt.other", a long "sun.rt.vmInitDoneTime". */
    private static ByteBuffer perfData(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(256).order(order);
        b.put(4, (byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1));
        b.putInt(24, 32); // first entry
        b.putInt(28, 2); // entries
        int next = entry(b, 32, "sun.rt.other", 'I', 7);
        entry(b, next, "sun.rt.vmInitDoneTime", 'J', 1_795_000_000_123L);
        return b;
    }

    private static int entry(ByteBuffer b, int at, String name, char type, long value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int nameOffset = 20;
        int dataOffset = (nameOffset + n.length + 1 + 7) / 8 * 8;
        int length = dataOffset + 8;
        b.putInt(at, length);
        b.putInt(at + 4, nameOffset);
        b.putInt(at + 8, 0);
        b.put(at + 12, (byte) type);
        b.putInt(at + 16, dataOffset);
        b.put(at + nameOffset, n);
        if (type == 'J') {
            b.putLong(at + dataOffset, value);
        } else {
            b.putInt(at + dataOffset, (int) value);
        }
        return at + length;
    }
}
