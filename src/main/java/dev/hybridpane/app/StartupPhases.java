package dev.hybridpane.app;

import java.lang.management.ManagementFactory;

/** Prints "PHASE name ms-since-JVM-start" lines for the startup benchmark (only when enabled). */
final class StartupPhases {
    private final boolean enabled;

    StartupPhases(boolean enabled) {
        this.enabled = enabled;
    }

    static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    void mark(String phase) {
        if (enabled) {
            System.out.println("PHASE " + phase + " " + sinceJvmStart());
        }
    }
}
