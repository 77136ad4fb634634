package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A code asked for before the window waits for the window's prompt, for a bounded time. */
class DeferredMfaPromptTest {
    @Test
    void aQuestionBeforeTheWindowWaitsForItsPrompt() throws Exception {
        DeferredMfaPrompt deferred = new DeferredMfaPrompt(Duration.ofSeconds(10));
        CompletableFuture<Optional<String>> asked = CompletableFuture.supplyAsync(() -> deferred.code("p", "arn:mfa"));
        Thread.sleep(100);
        assertThat(asked).isNotDone();
        deferred.bind((profile, serial) -> Optional.of(profile + " " + serial + " 123456"));
        assertThat(asked.get(5, TimeUnit.SECONDS)).contains("p arn:mfa 123456");
        assertThat(deferred.code("q", "arn:x")).contains("q arn:x 123456");
    }

    @Test
    void withNoWindowInTimeItIsAsIfCancelled() {
        DeferredMfaPrompt deferred = new DeferredMfaPrompt(Duration.ofMillis(200));
        assertThat(deferred.code("p", "arn:mfa")).isEmpty();
    }
}
