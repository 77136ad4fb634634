package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.edge.EdgePort.CommandResult;
import org.junit.jupiter.api.Test;

/** What a failed host command says: nodeadm's last JSON "error" field, else the last line; a secret never. */
class HostRunTest {
    @Test
    void reasonIsTheLastErrorFieldOfNodeadmsJsonLog() {
        String stderr = "{\"level\":\"info\",\"msg\":\"Loading configuration\"}\n"
                + "{\"level\":\"error\",\"msg\":\"first\",\"error\":\"older problem\"}\n"
                + "{\"level\":\"fatal\",\"msg\":\"Command failed\",\"error\":\"failed to validate: \\\"x\\\" is wrong\"}\n";
        assertThat(HostRun.reason(new CommandResult(1, "", stderr))).isEqualTo("failed to validate: \"x\" is wrong");
    }

    @Test
    void withoutJsonTheLastNonEmptyLineOfStderrThenStdout() {
        assertThat(HostRun.reason(new CommandResult(1, "", "sudo: a password is required\n\n"))).isEqualTo(
                "sudo: a password is required");
        assertThat(HostRun.reason(new CommandResult(1, "out line\n", ""))).isEqualTo("out line");
        assertThat(HostRun.reason(new CommandResult(1, "", ""))).isEqualTo("no output");
    }

    @Test
    void aSecretIsScrubbedFromFailureMessages() {
        HostRun r = new HostRun(null, null);
        r.secret = "Abcdefghij0123456789xyz";
        assertThat(r.scrub("invalid activation Abcdefghij0123456789xyz for id")).isEqualTo("invalid activation **** for id");
        r.secret = null;
        assertThat(r.scrub("plain")).isEqualTo("plain");
    }
}
