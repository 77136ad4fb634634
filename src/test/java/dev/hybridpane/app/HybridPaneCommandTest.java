package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The subcommands are built only when the command line may name one; help and errors still list them. */
class HybridPaneCommandTest {

    @Test
    void theConsolesOwnOptionsBuildNoSubcommands() {
        assertThat(HybridPaneCommand.commandLine().getSubcommands()).isEmpty();
        assertThat(HybridPaneCommand.commandLine("--lab", "--exit-when-ready").getSubcommands()).isEmpty();
        assertThat(HybridPaneCommand.commandLine("--lab-scale=5000").getSubcommands()).isEmpty();
    }

    @Test
    void theConsolesOptionsParseToTheirValuesAndDefaults() {
        CommandLine cl = HybridPaneCommand.commandLine();
        cl.parseArgs("--lab", "--lab-scale=5000", "--profile", "dev", "--region", "us-west-2,eu-central-1");
        HybridPaneCommand c = cl.getCommand();
        assertThat(c.option(HybridPaneCommand.LAB, false)).isTrue();
        assertThat(c.option(HybridPaneCommand.LAB_SCALE, 0)).isEqualTo(5000);
        assertThat(c.<String>option(HybridPaneCommand.PROFILE, null)).isEqualTo("dev");
        assertThat(c.<List<String>>option(HybridPaneCommand.REGION, null)).containsExactly("us-west-2", "eu-central-1");
        assertThat(c.option(HybridPaneCommand.EXIT_WHEN_READY, false)).isFalse();

        HybridPaneCommand none = HybridPaneCommand.commandLine().getCommand();
        assertThat(none.option(HybridPaneCommand.LAB_SCALE, 0)).isZero();
        assertThat(none.option(HybridPaneCommand.PROFILE, "fallback")).isEqualTo("fallback");
    }

    /** The exit code and error output of running the command line on these arguments. */
    private record Run(int code, String err) {
        static Run of(String... args) {
            StringWriter err = new StringWriter();
            CommandLine cl = HybridPaneCommand.commandLine(args).setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, err.toString());
        }
    }

    @Test
    void badValuesAreRejectedWithTheOptionsName() {
        Run run = Run.of("--lab-scale=many");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--lab-scale").contains("many");
    }

    @Test
    void aWordThatMayBeASubcommandBuildsThemAll() {
        assertThat(HybridPaneCommand.commandLine("lab").getSubcommands()).containsKeys("lab", "cluster", "hybrid", "bench-live");
        assertThat(HybridPaneCommand.commandLine("--profile", "dev").getSubcommands()).containsKey("lab");
    }

    @Test
    void usageListsTheSubcommands() {
        StringWriter out = new StringWriter();
        int code = HybridPaneCommand.commandLine("--help").setOut(new PrintWriter(out, true)).execute("--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("lab", "cluster", "hybrid", "Commands:");
    }

    @Test
    void aMistypedSubcommandIsReportedWithTheRealOnes() {
        Run run = Run.of("lba");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("lba").contains("lab");
    }

    @Test
    void picocliDoesNotSearchTheClassPathForGroovy() {
        HybridPaneCommand.commandLine("--lab");
        assertThat(System.getProperty(HybridPaneCommand.NO_CLOSURES)).isEqualTo("true");
    }
}
