package dev.hybridpane.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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
}
