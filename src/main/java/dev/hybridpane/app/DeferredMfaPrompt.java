package dev.hybridpane.app;

import dev.hybridpane.core.MfaCodePrompt;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The console's MFA prompt before its window exists: the composition builds the AWS profiles (and the discovery begun
 * before the window may open one) before the window's own prompt is made. A code asked for then waits, on its I/O
 * thread and for a bounded time, until {@link #bind} gives the window's prompt; with no window by then (a console
 * that never showed one), it is as if the user had cancelled.
 */
final class DeferredMfaPrompt implements MfaCodePrompt {
    private static final System.Logger LOG = System.getLogger(DeferredMfaPrompt.class.getName());

    private final CompletableFuture<MfaCodePrompt> bound = new CompletableFuture<>();
    private final Duration wait;

    /** @param wait how long a code asked for before the window waits for it */
    DeferredMfaPrompt(Duration wait) {
        this.wait = wait;
    }

    /** The window's prompt, from now on. */
    void bind(MfaCodePrompt prompt) {
        bound.complete(Objects.requireNonNull(prompt, "prompt"));
    }

    @Override
    public Optional<String> code(String profile, String mfaSerial) {
        MfaCodePrompt prompt;
        try {
            prompt = bound.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "No window to ask for the MFA code of profile " + profile
                    + " within " + wait.toSeconds() + " s: the profile cannot be opened without it.");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return prompt.code(profile, mfaSerial);
    }
}
