package dev.hybridpane.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A rolling step over fake targets whose three steps take a target out of service, work on it and put it back: never more
 * than K out at once (measured), pause and cancel at a target boundary (nothing left out of service), stop on the first
 * failure, a resume that redoes nothing.
 */
class RollingTest {
    final Set<String> out = ConcurrentHashMap.newKeySet();
    final Set<String> done = ConcurrentHashMap.newKeySet();
    final AtomicInteger peak = new AtomicInteger();
    final Map<String, Integer> applies = new ConcurrentHashMap<>();
    final List<String> startOrder = new CopyOnWriteArrayList<>();
    final Map<String, Consumer<String>> during = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile long workMillis = 60;

    List<Step> steps(String t) {
        return List.of(
                Steps.of("cordon", "cordon " + t, List.of("spec.unschedulable: true"), ctx -> out.contains(t) || done.contains(t),
                        ctx -> {
                            startOrder.add(t);
                            out.add(t);
                            peak.accumulateAndGet(out.size(), Math::max);
                        }),
                Steps.of("work", "upgrade " + t, List.of(), ctx -> done.contains(t), ctx -> {
                    during.getOrDefault(t, x -> { }).accept(t);
                    Thread.sleep(workMillis);
                    if (failing.contains(t)) {
                        throw new IllegalStateException("nodeadm upgrade exited 1");
                    }
                    applies.merge(t, 1, Integer::sum);
                    done.add(t);
                    ctx.put(t + "/upgraded", "yes");
                }),
                Steps.of("uncordon", "uncordon " + t, List.of(), ctx -> !out.contains(t), ctx -> out.remove(t)));
    }

    Operation op(List<String> targets, Rolling.Options o, PauseToken pause) {
        return new Operation("pool-upgrade/x", "pool-upgrade", "Upgrade pool", "retail-edge",
                List.of(new Rolling("nodes", "Upgrade each node", targets, o, pause, this::steps)));
    }

    static List<String> targets(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "n" + i).toList();
    }

    final MemoryJournalStore store = new MemoryJournalStore();
    final OperationEngine engine = new OperationEngine(store, Clock.systemUTC());

    @Test
    void neverMoreThanMaxUnavailableInFlightAndInOrder() {
        List<String> ts = targets(9);
        Journal j = engine.run(op(ts, new Rolling.Options(3, Duration.ZERO, true), null), new CancelToken(), x -> { });
        assertThat(j.status()).as(j.error()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(peak.get()).as("most out of service at once").isEqualTo(3);
        assertThat(out).isEmpty();
        assertThat(startOrder.subList(0, 3)).containsExactlyInAnyOrder("n1", "n2", "n3");
        // launched in order, three at a time: each thread records its own start, so within a group the order may vary
        assertThat(startOrder.subList(6, 9)).containsExactlyInAnyOrder("n7", "n8", "n9");
        ts.forEach(t -> assertThat(j.outputs()).containsEntry(Rolling.progressKey(t), "done").containsEntry(t + "/upgraded", "yes")
                .containsKey(Rolling.elapsedKey(t)));
        assertThat(Long.parseLong(j.outputs().get(Rolling.elapsedKey("n4")))).isGreaterThanOrEqualTo(workMillis);
        assertThat(j.log()).anyMatch(l -> l.text().equals("[n5] upgrade n5"));
        assertThat(op(ts, new Rolling.Options(3, Duration.ZERO, true), null).planText())
                .contains("9 targets in this order, at most 3 at once", "9. n9:", "upgrade n9");
    }

    @Test
    void oneAtATimeNeverHasTwoOut() {
        Journal j = engine.run(op(targets(5), Rolling.Options.defaults(), null), new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(peak.get()).isEqualTo(1);
        assertThat(startOrder).containsExactly("n1", "n2", "n3", "n4", "n5");
    }

    @Test
    void aPauseHoldsAtATargetBoundaryAndAResumeGoesOn() throws Exception {
        PauseToken pause = new PauseToken();
        during.put("n2", t -> pause.pause()); // paused while n2 is out of service
        Thread run = new Thread(() -> engine.run(op(targets(4), Rolling.Options.defaults(), pause), new CancelToken(), x -> { }));
        run.start();
        long until = System.currentTimeMillis() + 5000;
        while (!done.contains("n2") && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // time enough for n3 to start, were the pause not held
        assertThat(done).as("n2 finished its steps").contains("n1", "n2");
        assertThat(out).as("nothing left out of service while paused").isEmpty();
        assertThat(startOrder).as("n3 waits").containsExactly("n1", "n2");
        Journal paused = store.load("pool-upgrade/x").orElseThrow();
        assertThat(paused.outputs()).containsEntry(Rolling.progressKey("n3"), "waiting");
        assertThat(paused.log()).anyMatch(l -> l.text().startsWith("Paused: no new target starts"));
        assertThat(pause.state()).isEqualTo(PauseToken.State.PAUSED);

        pause.resume();
        run.join(5000);
        Journal j = store.load("pool-upgrade/x").orElseThrow();
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(startOrder).containsExactly("n1", "n2", "n3", "n4");
        assertThat(j.log()).anyMatch(l -> l.text().equals("Resumed"));
    }

    @Test
    void aCancelLetsTheTargetsInFlightFinishAndLeavesNoneHalfDone() {
        CancelToken cancel = new CancelToken();
        during.put("n3", t -> cancel.cancel()); // the operation is cancelled while n3 (and n4) are out of service
        Journal j = engine.run(op(targets(8), new Rolling.Options(2, Duration.ZERO, true), null), cancel, x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(out).as("no target left out of service").isEmpty();
        assertThat(done).as("the targets in flight ran all their steps").contains("n1", "n2", "n3").doesNotContain("n6", "n7", "n8");
        assertThat(done).hasSize(startOrder.size());
        for (String t : targets(8)) {
            assertThat(j.outputs().get(Rolling.progressKey(t))).as(t).isIn("done", "not started");
        }
        assertThat(j.log()).anyMatch(l -> l.text().startsWith("Cancelled at a target boundary: " + done.size() + " of 8"));

        Journal resumed = engine.run(op(targets(8), new Rolling.Options(2, Duration.ZERO, true), null), new CancelToken(), x -> { });
        assertThat(resumed.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(applies.values()).as("each target worked on once").allMatch(n -> n == 1);
        assertThat(applies).hasSize(8);
        assertThat(resumed.outputs()).containsEntry("n1/upgraded", "yes").containsEntry("n8/upgraded", "yes");
    }

    @Test
    void thePauseTokensCancelEndsTheStepAsCancelledToo() {
        PauseToken pause = new PauseToken();
        during.put("n1", t -> pause.cancel());
        Journal j = engine.run(op(targets(3), Rolling.Options.defaults(), pause), new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(done).containsExactly("n1");
        assertThat(out).isEmpty();
        pause.resume();
        assertThat(pause.cancelled()).as("a cancelled token stays cancelled").isTrue();
    }

    @Test
    void stopsOnTheFirstFailureWhileTheOthersInFlightFinish() {
        failing.add("n2");
        during.put("n1", t -> sleep(250)); // n1 is still out when n2 fails
        Journal j = engine.run(op(targets(5), new Rolling.Options(2, Duration.ZERO, true), null), new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.error()).contains("1 of 5 failed: n2 (nodeadm upgrade exited 1)", "3 not started: n3, n4, n5");
        assertThat(done).containsExactly("n1");
        assertThat(startOrder).as("the two in flight started together; nothing after the failure").containsExactlyInAnyOrder("n1", "n2");
        assertThat(out).as("n2 stays out of service, with the reason").containsExactly("n2");
        assertThat(j.outputs().get(Rolling.progressKey("n2"))).isEqualTo("failed: nodeadm upgrade exited 1");
    }

    @Test
    void continueOnFailureRunsTheOthers() {
        failing.add("n2");
        Journal j = engine.run(op(targets(4), new Rolling.Options(1, Duration.ZERO, false), null), new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.error()).isEqualTo("Step 1 failed: 1 of 4 failed: n2 (nodeadm upgrade exited 1)");
        assertThat(done).containsExactlyInAnyOrder("n1", "n3", "n4");
    }

    @Test
    void aPauseBetweenTargetsSpacesThem() {
        workMillis = 10;
        long start = System.nanoTime();
        Journal j = engine.run(op(targets(3), new Rolling.Options(1, Duration.ofMillis(200), true), null), new CancelToken(), x -> { });
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(took).as("two pauses of 200 ms, none after the last").isBetween(400L, 2000L);
        assertThat(j.log()).filteredOn(l -> l.text().contains("pausing")).hasSize(2);
    }

    @Test
    void optionsRefuseNonsense() {
        assertThatThrownBy(() -> new Rolling.Options(0, Duration.ZERO, true))
                .hasMessage("max unavailable must be at least 1, not 0");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
