package dev.hybridpane.core;

import java.util.Optional;

/**
 * Asks the user for the current code of an MFA device, when an assume-role profile names one ({@code mfa_serial}).
 * The CLI asks on the terminal without echo; the console in a dialog. Called on an I/O thread, which it may block
 * until the user answers. The code is used once and never stored.
 */
@FunctionalInterface
public interface MfaCodePrompt {
    /** Never asks: MFA profiles fail as if the user had cancelled. */
    MfaCodePrompt NONE = (profile, serial) -> Optional.empty();

    /**
     * @param profile   the profile being opened
     * @param mfaSerial the device's serial number (its ARN)
     * @return the code the user typed, or empty when they cancelled
     */
    Optional<String> code(String profile, String mfaSerial);
}
