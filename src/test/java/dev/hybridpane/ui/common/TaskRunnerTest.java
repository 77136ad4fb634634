package dev.hybridpane.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    private final SyncTaskRunner runner = new SyncTaskRunner();
    private final List<String> calls = new ArrayList<>();

    @Test
    void successThenFinally() {
        runner.task("Reading", () -> 42)
                .onSuccess(r -> calls.add("success " + r))
                .onError(e -> calls.add("error"))
                .andFinally(() -> calls.add("finally"))
                .start();
        assertEquals(List.of("success 42", "finally"), calls);
        assertEquals(0, runner.runningProperty().get());
    }

    @Test
    void errorThenFinally_voidWorkNeedsNoReturn() {
        IOException boom = new IOException("disk gone");
        runner.task("Writing", () -> {
            throw boom;
        }).onSuccess(r -> calls.add("success")).onError(e -> calls.add("error " + e.getMessage()))
                .andFinally(() -> calls.add("finally")).start();
        runner.task("Nothing", () -> {
            calls.add("ran");
        }).onSuccess(v -> calls.add("done " + v)).start();
        assertEquals(List.of("error disk gone", "finally", "ran", "done null"), calls);
    }

    @Test
    void awaitUnwrapsTheCompletionException() {
        IllegalStateException cause = new IllegalStateException("denied");
        List<Throwable> seen = new ArrayList<>();
        runner.await("Waiting", CompletableFuture.failedFuture(new CompletionException(cause))).onError(seen::add).start();
        runner.await("Waiting", CompletableFuture.completedFuture("ok")).onSuccess(calls::add).start();
        assertSame(cause, seen.get(0));
        assertEquals(List.of("ok"), calls);
    }

    @Test
    void finallyRunsWhenTheHandlerThrows_andATaskStartsOnce() {
        Task<Integer> task = runner.task("Twice", () -> 1).onSuccess(r -> {
            throw new IllegalArgumentException("handler bug");
        }).andFinally(() -> calls.add("finally"));
        assertThrows(IllegalArgumentException.class, task::start);
        assertEquals(List.of("finally"), calls);
        assertThrows(IllegalStateException.class, task::start);
    }

    @Test
    void aFailureWithoutOnErrorIsNotThrownAtTheCaller() {
        runner.task("Unhandled", () -> {
            throw new IOException("x");
        }).andFinally(() -> calls.add("finally")).start();
        assertEquals(List.of("finally"), calls);
    }

    @Test
    void runningTitlesWhileWorkRuns() {
        runner.task("Outer", () -> {
            calls.add(runner.currentTitleProperty().get() + " " + runner.runningProperty().get());
            return null;
        }).start();
        assertEquals(List.of("Outer 1"), calls);
        assertEquals("", runner.currentTitleProperty().get());
    }
}
