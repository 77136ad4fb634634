package dev.hybridpane.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OperationEngineTest {

    /** A resource that exists once created; the step observes it before creating it. */
    static Operation createThing(AtomicReference<String> thing, AtomicInteger creates, boolean failApply) {
        Step step = Steps.of("create", "create thing", List.of("name: thing"),
                ctx -> thing.get() != null,
                ctx -> {
                    if (failApply) {
                        throw new IllegalStateException("denied");
                    }
                    creates.incrementAndGet();
                    thing.set("thing");
                    ctx.put("thing-id", "t-1");
                });
        return new Operation("op-1", "test", "Create a thing", "here", List.of(step));
    }

    @Test
    void aFinishedRunIsKeptAsHistoryWhenTheOperationRunsAgain() {
        JournalStore store = new MemoryJournalStore();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        OperationEngine engine = new OperationEngine(store, clock);
        AtomicReference<String> thing = new AtomicReference<>();
        AtomicInteger creates = new AtomicInteger();
        List<String> seen = new ArrayList<>();

        Journal failed = engine.run(createThing(thing, creates, true), new CancelToken(), j -> seen.add(j.id()));
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);

        now.set(now.get().plusSeconds(60));
        Journal first = engine.run(createThing(thing, creates, false), new CancelToken(), j -> seen.add(j.id()));
        assertThat(first.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(first.outputs()).containsEntry("thing-id", "t-1");

        now.set(now.get().plusSeconds(60));
        Journal second = engine.run(createThing(thing, creates, false), new CancelToken(), j -> seen.add(j.id()));
        assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(second.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.ALREADY_DONE);
        assertThat(second.outputs()).as("outputs of earlier runs carry over").containsEntry("thing-id", "t-1");
        assertThat(creates).hasValue(1);

        // three runs: the latest under the operation's id, the two finished earlier ones kept as history
        assertThat(store.list()).hasSize(3);
        assertThat(store.load("op-1")).get().extracting(Journal::started).isEqualTo(now.get());
        assertThat(store.list()).extracting(Journal::status)
                .containsExactlyInAnyOrder(OperationStatus.FAILED, OperationStatus.SUCCEEDED, OperationStatus.SUCCEEDED);
        assertThat(seen).contains("op-1-run-" + Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
    }

    static Step step(String id, Steps.Action apply) {
        return Steps.of(id, "step " + id, List.of(), ctx -> false, apply);
    }

    static List<String> logText(Journal j) {
        return j.log().stream().map(Journal.LogLine::text).toList();
    }

    @Test
    void aCancelBetweenStepsSkipsTheRestAndEveryChangeIsSavedAndReported() {
        JournalStore store = new MemoryJournalStore();
        CancelToken cancel = new CancelToken();
        List<Journal> reported = new ArrayList<>();
        Operation op = new Operation("op-2", "test", "Three steps", "here", List.of(
                step("a", ctx -> ctx.put("a", "1")), step("b", ctx -> cancel.cancel()), step("c", ctx -> ctx.put("c", "1"))));

        Journal end = new OperationEngine(store, Clock.systemUTC()).run(op, cancel, reported::add);

        assertThat(end.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(end.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.DONE, StepState.DONE, StepState.SKIPPED);
        assertThat(end.outputs()).containsOnlyKeys("a");
        assertThat(end.error()).isEqualTo("Cancelled before step 3: step c");
        assertThat(logText(end)).containsExactly("Started: Three steps (here)", "Step 1: step a", "Step 1 done", "Step 2: step b",
                "Step 2 done", "Cancelled before step 3: step c");
        assertThat(store.load("op-2")).contains(end);
        assertThat(reported.get(reported.size() - 1)).isEqualTo(end);
        assertThat(reported.get(0).status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void aCancelWhileAStepWaitsLeavesItPendingAndAFailureNamesItsStep() {
        CancelToken cancel = new CancelToken();
        Operation waits = new Operation("op-3", "test", "Waits", "here", List.of(step("wait", ctx -> {
            cancel.cancel();
            ctx.pause(Duration.ofSeconds(5));
        }), step("after", ctx -> { })));

        Journal cancelled = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(waits, cancel, j -> { });

        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(cancelled.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.PENDING, StepState.SKIPPED);
        assertThat(cancelled.steps().get(0).message()).isEqualTo("cancelled while waiting");
        assertThat(cancelled.error()).isEqualTo("Cancelled during step 1: step wait");

        Operation fails = new Operation("op-4", "test", "Fails", "here", List.of(step("ok", ctx -> { }), step("bad", ctx -> {
            throw new IllegalStateException("denied by policy");
        }), step("never", ctx -> { })));

        Journal failed = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(fails, new CancelToken(), j -> { });

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.steps()).extracting(Journal.StepRecord::state).containsExactly(StepState.DONE, StepState.FAILED, StepState.SKIPPED);
        assertThat(failed.steps().get(1).message()).isEqualTo("denied by policy");
        assertThat(failed.error()).isEqualTo("Step 2 failed: denied by policy");
        assertThat(failed.finished()).isNotNull();
    }
}
