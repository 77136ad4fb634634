package dev.hybridpane.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MFA prompt's waiting, with a single thread standing in for the FX thread: one card at a time, in the order
 * asked; a question nobody answers ends empty after the timeout and leaves the card.
 */
class MfaPromptViewModelTest {
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        fx.shutdownNow();
        io.shutdownNow();
    }

    private <T> T onFx(Callable<T> c) throws Exception {
        return fx.submit(c).get(5, TimeUnit.SECONDS);
    }

    private void until(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!onFx(condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as("in time").isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void questionsWaitTheirTurnAndEachGetsItsOwnAnswer() throws Exception {
        MfaPromptViewModel vm = new MfaPromptViewModel(fx, () -> false, Duration.ofSeconds(10));
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> vm.code("a", "arn:a"), io);
        until(() -> vm.openProperty().get());
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> vm.code("b", "arn:b"), io);
        Thread.sleep(100);
        assertThat(onFx(() -> vm.profileProperty().get())).isEqualTo("a");
        onFx(() -> {
            vm.codeProperty().set("12345");
            vm.submit();
            return null;
        });
        assertThat(onFx(() -> vm.errorProperty().get())).isNotEmpty();
        assertThat(first).isNotDone();
        onFx(() -> {
            vm.codeProperty().set("654321");
            vm.submit();
            return null;
        });
        assertThat(first.get(5, TimeUnit.SECONDS)).contains("654321");
        until(() -> "b".equals(vm.profileProperty().get()));
        assertThat(onFx(() -> vm.serialProperty().get() + "|" + vm.codeProperty().get() + "|" + vm.errorProperty().get()))
                .isEqualTo("arn:b||");
        onFx(() -> {
            vm.cancel();
            return null;
        });
        assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
        until(() -> !vm.openProperty().get());
    }

    @Test
    void nobodyAnsweringEndsEmptyAfterTheTimeoutAndTheCardGoes() throws Exception {
        MfaPromptViewModel vm = new MfaPromptViewModel(fx, () -> false, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(vm.code("a", "arn:a")).isEmpty();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        until(() -> !vm.openProperty().get());
        // a late Continue hands nothing to anyone
        onFx(() -> {
            vm.codeProperty().set("123456");
            vm.submit();
            return null;
        });
        assertThat(onFx(() -> vm.openProperty().get())).isFalse();
    }

    @Test
    void onTheWindowsThreadItDoesNotWait() {
        MfaPromptViewModel vm = new MfaPromptViewModel(fx, () -> true, Duration.ofMinutes(5));
        assertThat(vm.code("a", "arn:a")).isEmpty();
        assertThat(vm.openProperty().get()).isFalse();
    }
}
