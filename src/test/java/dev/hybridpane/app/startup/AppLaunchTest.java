package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user starts it, in its own JVM (headless glass): it opens on the lab, reports when the
 * first view is populated, and the process ends when the window closes.
 */
class AppLaunchTest {
    @TempDir
    Path config;

    @TempDir
    Path cache;

    @Test
    void startsOnTheLabAndExitsWhenTheWindowCloses() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--lab", "--exit-when-ready"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HYBRIDPANE_CONFIG_DIR", config.toString());
        pb.environment().put("HYBRIDPANE_CACHE_DIR", cache.toString());
        pb.environment().remove("HYBRIDPANE_RELAUNCH");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        boolean ended = p.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the process ends after the window closes; output:%n%s", out).isTrue();
        assertThat(out).containsPattern("READY_MS=\\d+");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(config.resolve("lab").resolve("settings.json")).as("window layout saved on close").exists();
        assertThat(out).as("the launcher started the console in a tuned child JVM").containsPattern("(?m)^JVM_OPTIONS .*-XX:TieredStopAtLevel=1");
        assertThat(out).as("the user's JVM options, read from the launcher's command line, went to the child")
                .containsPattern("(?m)^JVM_OPTIONS .*-Dglass.platform=Monocle");
        Matcher childJvm = Pattern.compile("(?m)^PHASE child-jvm (-?\\d+)").matcher(out);
        assertThat(childJvm.find()).as(out).isTrue();
        assertThat(Long.parseLong(childJvm.group(1))).as("figures count from the launcher's start, sent on stdin")
                .isPositive();
        assertThat(out).as("JavaFX's class-path warning is not shown (ConsoleLoggerFinder)")
                .doesNotContain(ConsoleLoggerFinder.CLASS_PATH_WARNING);
    }

    @Test
    void withoutADisplayItSaysWhatItNeedsAndExits() throws Exception {
        // GTK glass with no display: the toolkit, started early on its own thread, fails; the console must report
        // it and end (it once waited for that toolkit forever)
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--lab").redirectErrorStream(true);
        pb.environment().put("HYBRIDPANE_CONFIG_DIR", config.toString());
        pb.environment().put("HYBRIDPANE_CACHE_DIR", cache.toString());
        pb.environment().put("HYBRIDPANE_RELAUNCH", "0");
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the process ends; output:%n%s", out).isTrue();
        assertThat(out).contains("HybridPane cannot open a window").contains("'hybridpane lab' runs the lab without a window");
        assertThat(p.exitValue()).as(out).isEqualTo(2);
    }
}
