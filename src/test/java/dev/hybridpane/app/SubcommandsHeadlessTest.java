package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.startup.Launcher;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** A command-line twin runs in the JVM it was started in, without JavaFX: only bench-live opens the window. */
class SubcommandsHeadlessTest {
    @Test
    void everySubcommandButTheLiveBenchRunsWithoutAWindowOrAChildJvm() {
        assertThat(HybridPaneCommand.SUBCOMMANDS).isNotEmpty();
        for (Class<?> c : HybridPaneCommand.SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            boolean window = Launcher.opensWindow(new String[] {name, "--lab"});
            assertThat(window).as(name).isEqualTo(name.equals("bench-live"));
            assertThat(Launcher.mayRelaunch(new String[] {name}, Map.of())).as(name).isEqualTo(window);
        }
        assertThat(Launcher.opensWindow(new String[] {"--lab"})).isTrue();
    }
}
