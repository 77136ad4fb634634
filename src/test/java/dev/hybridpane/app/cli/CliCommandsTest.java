package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.HybridPaneCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI twins of the wizards, in-process on a fresh lab: plan, apply, invalid input, missing mode. */
class CliCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void importPlanListsTheManifestAndChangesNothing() {
        assertThat(run("cluster", "import", "--lab", "--cluster", "payments", "--region", "us-west-2", "--plan")).isZero();
        assertThat(out.toString()).contains("Hybrid requirements of payments (us-west-2):", "Namespace/hybridpane-system",
                "Nothing was changed (--plan).");
    }

    @Test
    void enableApplyFinishesWithExitZero() {
        assertThat(run("hybrid", "enable", "--lab", "--cluster", "payments", "--region", "us-west-2",
                "--node-cidr", "10.200.0.0/16", "--pod-cidr", "10.201.0.0/16", "--apply")).isZero();
        assertThat(out.toString()).contains("eks:UpdateClusterConfig", "OK: Enable hybrid mode finished");
    }

    @Test
    void invalidCidrStopsWithExitTwoBeforeAnyChange() {
        assertThat(run("hybrid", "enable", "--lab", "--cluster", "payments", "--region", "us-west-2",
                "--node-cidr", "10.110.4.0/24", "--apply")).isEqualTo(2);
        assertThat(err.toString()).contains("overlaps the VPC CIDR 10.110.0.0/16");
        assertThat(out.toString()).doesNotContain("OK:");
    }

    @Test
    void planOrApplyIsRequired() {
        assertThat(run("hybrid", "enable", "--cluster", "payments", "--region", "us-west-2",
                "--node-cidr", "10.200.0.0/16")).isEqualTo(2);
        assertThat(err.toString()).contains("(--plan | --apply)");
    }
}
