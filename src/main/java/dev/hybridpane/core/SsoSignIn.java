package dev.hybridpane.core;

import dev.hybridpane.core.ops.CancelToken;
import java.time.Instant;

/**
 * Signing in to AWS SSO (IAM Identity Center) for an SSO profile, with the device authorization flow: {@link #start}
 * gives the code to show and the page to open, {@link #await} waits (on an I/O thread) until the user approves it in
 * the browser. The token goes where the aws CLI keeps it, so the CLI and the console share the sign-in.
 */
public interface SsoSignIn {
    /** A started sign-in: what the user sees and opens. */
    record DeviceCode(String profile, String userCode, String verificationUrl, Instant expiresAt) {
    }

    /**
     * @throws IllegalArgumentException when the profile is unknown or not an SSO profile
     * @throws RuntimeException         when AWS SSO refuses or cannot be reached (its message is one sentence)
     */
    DeviceCode start(String profile);

    /**
     * Waits until the sign-in is approved; returns when the token expires.
     *
     * @throws RuntimeException when the code expires, the sign-in is cancelled ({@code cancel}) or refused
     */
    Instant await(DeviceCode code, CancelToken cancel);
}
