package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM options the launcher passes on, read from its own command line when that tells them all. */
class JvmCommandLineTest {
    @Test
    void jvmOptionsAreReadFromTheCommandLineWhenItTellsThemAll() {
        String[] args = {"--lab", "--region", "eu-west-1"};
        Map<String, String> env = Map.of();
        // java -jar, as the README starts it
        assertThat(JvmCommandLine.jvmOptions(List.of("/jdk/bin/java", "-Xmx1g", "-Dx=y z", "-jar", "target/hybridpane.jar",
                "--lab", "--region", "eu-west-1"), args, env)).contains(List.of("-Xmx1g", "-Dx=y z"));
        // a class path and a main class; options with their value in the next argument stay together; the launcher's
        // own options (the splash screen, -showversion) are not acted on twice
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp",
                "a.jar:b.jar", "-splash:s.png", "-showversion", "-XX:+UseZGC", "dev.hybridpane.app.Main", "--lab", "--region",
                "eu-west-1"), args, env)).contains(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+UseZGC"));
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "-jar", "hp.jar"), new String[0], env)).contains(List.of());
        // what the command line does not tell: JMX is asked instead
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "@opts", "-jar", "hp.jar", "--lab", "--region", "eu-west-1"),
                args, env)).isEmpty();
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "-jar", "hp.jar", "--lab", "--region", "eu-west-1"), args,
                Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"))).isEmpty();
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "-m", "hp/dev.hybridpane.app.Main", "--lab", "--region",
                "eu-west-1"), args, env)).isEmpty();
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "-jar", "hp.jar", "--lab"), args, env)).isEmpty();
        assertThat(JvmCommandLine.jvmOptions(List.of("java", "-cp"), new String[0], env)).isEmpty();
        assertThat(JvmCommandLine.jvmOptions(List.of(), new String[0], env)).isEmpty();
    }
}
