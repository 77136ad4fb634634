package dev.hybridpane.app.startup;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Prints "PHASE name ms-since-JVM-start" lines for the startup benchmark (only when enabled). */
public final class StartupPhases {
    private final boolean enabled;

    public StartupPhases(boolean enabled) {
        this.enabled = enabled;
    }

    private static volatile Long firstJvmStart;

    /** Milliseconds since the first JVM started: the launcher's, when it started this one ({@link Launcher}). */
    public static long sinceJvmStart() {
        return System.currentTimeMillis() - firstJvmStart();
    }

    /** When the first JVM started (epoch ms): the launcher's, when it started this one. */
    static long firstJvmStart() {
        Long start = firstJvmStart;
        if (start == null) {
            synchronized (StartupPhases.class) {
                start = firstJvmStart;
                if (start == null) {
                    start = firstJvmStart(System.getProperty(Launcher.START_PROPERTY),
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)));
                    firstJvmStart = start;
                }
            }
        }
        return start;
    }

    /**
     * The first JVM's start time (epoch ms): the launcher's as it gave it, on the command line or on {@code stdin}
     * (one line, written as soon as this JVM was started), else this JVM's own.
     */
    static long firstJvmStart(String launcherProperty, BufferedReader stdin) {
        String given = launcherProperty;
        if (Launcher.START_ON_STDIN.equals(given)) {
            try {
                given = stdin.readLine();
            } catch (IOException e) {
                given = null;
            }
        }
        if (given != null) {
            try {
                return Long.parseLong(given.trim());
            } catch (NumberFormatException e) {
                // not given: counted from this JVM's start
            }
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * The options this JVM runs with (the launcher's tuning shows here), for the benchmark's record, and when
     * the launcher started it ("PHASE child-jvm": the launcher JVM's own cost). Printed with the report, after the
     * first view: asking JMX for them while the console starts would take the main thread's time.
     */
    private void jvmOptions() {
        if (enabled) {
            var runtime = ManagementFactory.getRuntimeMXBean();
            if (System.getProperty(Launcher.START_PROPERTY) != null) {
                System.out.println("PHASE child-jvm " + (runtime.getStartTime() - firstJvmStart()));
            }
            System.out.println("JVM_OPTIONS " + String.join(" ", runtime.getInputArguments()));
        }
    }

    /** Prints "PHASE phase ms" when enabled: the time since the first JVM started. */
    public void mark(String phase) {
        if (enabled) {
            System.out.println("PHASE " + phase + " " + sinceJvmStart());
        }
    }

    /** The whole process's CPU time in ms, or -1 where the JVM does not tell. */
    public static long processCpuMs() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** CPU time in ms per live thread, numbers in names folded (a pool's threads add up). */
    public static Map<String, Long> threadCpuMs() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu / 1_000_000, Long::sum);
            }
        }
        return byName;
    }

    /**
     * Where the CPU went until now: per live thread (numbers in names folded), the JIT compilers, the
     * collector, and the classes loaded. Printed with the phases, for the startup benchmark.
     */
    public void report() {
        if (!enabled) {
            return;
        }
        jvmOptions();
        Map<String, Long> byName = threadCpuMs();
        StringBuilder b = new StringBuilder("CPU_MS");
        long process = processCpuMs();
        if (process >= 0) {
            b.append(" process=").append(process);
        }
        var jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            b.append(" jit=").append(jit.getTotalCompilationTime());
        }
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
        b.append(" gc=").append(gc);
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> b.append(" '").append(e.getKey()).append("'=").append(e.getValue()));
        System.out.println(b);
        System.out.println("CLASSES " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }
}
