package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Startup figures count from the launcher JVM's start when the launcher gave it. */
class StartupPhasesTest {
    @Test
    void theChildCountsFromTheStartTimeTheLauncherGaveIt() {
        long launcher = System.currentTimeMillis() - 5_000;
        assertThat(StartupPhases.firstJvmStart(Launcher.START_ON_STDIN,
                new BufferedReader(new StringReader(launcher + "\n")))).isEqualTo(launcher);
        assertThat(StartupPhases.firstJvmStart("1234", new BufferedReader(new StringReader("")))).isEqualTo(1234L);
        long own = ManagementFactory.getRuntimeMXBean().getStartTime();
        // nothing sent (the launcher ended first, or was not asked for figures): counted from this JVM's start
        assertThat(StartupPhases.firstJvmStart(Launcher.START_ON_STDIN, new BufferedReader(new StringReader(""))))
                .isEqualTo(own);
        assertThat(StartupPhases.firstJvmStart(Launcher.START_NOT_SENT, null)).isEqualTo(own);
    }
}
