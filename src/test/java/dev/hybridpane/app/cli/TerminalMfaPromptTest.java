package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without a terminal the CLI cannot ask for an MFA code, and says it has none rather than blocking. */
class TerminalMfaPromptTest {
    @Test
    void withoutATerminalThereIsNoCode() {
        assertThat(new TerminalMfaPrompt(null).code("lab-mfa", "arn:aws:iam::111122223333:mfa/lab")).isEmpty();
    }
}
