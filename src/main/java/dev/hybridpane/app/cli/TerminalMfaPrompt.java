package dev.hybridpane.app.cli;

import dev.hybridpane.core.MfaCodePrompt;
import java.io.Console;
import java.util.Arrays;
import java.util.Optional;

/**
 * The CLI's MFA prompt: asks on the terminal, without echo, for the code of the profile's MFA device. Without a
 * terminal (input redirected) it cannot ask, and the profile fails as if the user had given no code.
 */
final class TerminalMfaPrompt implements MfaCodePrompt {
    static final MfaCodePrompt INSTANCE = new TerminalMfaPrompt(System.console());

    private final Console console;

    TerminalMfaPrompt(Console console) {
        this.console = console;
    }

    @Override
    public synchronized Optional<String> code(String profile, String mfaSerial) {
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("MFA code for profile %s (device %s): ", profile, mfaSerial);
        if (typed == null) {
            return Optional.empty();
        }
        String code = new String(typed).trim();
        Arrays.fill(typed, ' ');
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }
}
