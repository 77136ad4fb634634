package dev.hybridpane.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A step run on many targets in parallel: bounded, per-target progress and outputs, failures and re-runs. */
class FanOutTest {
    final Set<String> done = ConcurrentHashMap.newKeySet();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final Map<String, Integer> applies = new ConcurrentHashMap<>();
    final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    List<Step> hostSteps(String host) {
        return List.of(
                Steps.of("ntp", "write NTP config", List.of("server time.example.net iburst"),
                        ctx -> done.contains(host + "/ntp"), ctx -> {
                            applies.merge(host + "/ntp", 1, Integer::sum);
                            done.add(host + "/ntp");
                        }),
                Steps.of("install", "nodeadm install 1.31 -p ssm -s distro", List.of(),
                        ctx -> done.contains(host + "/install"), ctx -> {
                            int now = running.incrementAndGet();
                            peak.accumulateAndGet(now, Math::max);
                            try {
                                Thread.sleep(150);
                                if (failOnce.remove(host)) {
                                    throw new IllegalStateException("the connection dropped during nodeadm install");
                                }
                                applies.merge(host + "/install", 1, Integer::sum);
                                done.add(host + "/install");
                                ctx.put(host + "/node", "mi-0" + host.hashCode());
                            } finally {
                                running.decrementAndGet();
                            }
                        }));
    }

    Operation op(List<String> hosts, int parallelism) {
        return new Operation("pool-create/x", "pool-create", "Create pool", "retail-edge",
                List.of(new FanOut("hosts", "Join the hosts", hosts, parallelism, this::hostSteps)));
    }

    @Test
    void hostsRunInParallelNoMoreThanAskedAndEachRecordsItsProgressAndOutputs() {
        List<String> hosts = List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10");
        Journal j = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(op(hosts, 3), new CancelToken(), x -> { });
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(peak.get()).isBetween(2, 3);
        for (String h : hosts) {
            assertThat(j.outputs()).containsEntry(FanOut.progressKey(h), "done").containsKey(h + "/node");
        }
        assertThat(j.log()).anyMatch(l -> l.text().equals("[h7] nodeadm install 1.31 -p ssm -s distro"));
        assertThat(op(hosts, 3).planText()).contains("h10:", "nodeadm install 1.31 -p ssm -s distro", "at most 3 at once");
    }

    @Test
    void aFailingHostStopsOnlyItselfTheStepNamesItAndARerunRedoesNothingDone() {
        List<String> hosts = List.of("a", "b", "c");
        failOnce.add("b");
        MemoryJournalStore store = new MemoryJournalStore();
        OperationEngine engine = new OperationEngine(store, Clock.systemUTC());
        Journal first = engine.run(op(hosts, 8), new CancelToken(), x -> { });
        assertThat(first.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(first.error()).contains("1 of 3 failed: b (the connection dropped during nodeadm install)");
        assertThat(first.outputs()).containsEntry(FanOut.progressKey("a"), "done")
                .containsEntry(FanOut.progressKey("c"), "done");
        assertThat(first.outputs().get(FanOut.progressKey("b"))).startsWith("failed: the connection dropped");

        Journal second = engine.run(op(hosts, 8), new CancelToken(), x -> { });
        assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(applies).containsEntry("a/install", 1).containsEntry("b/install", 1).containsEntry("c/install", 1)
                .containsEntry("b/ntp", 1);
    }

    @Test
    void cancellingStopsEachHostBeforeItsNextStep() {
        CancelToken cancel = new CancelToken();
        List<String> hosts = List.of("a", "b", "c", "d");
        Journal j = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(op(hosts, 1), cancel, x -> {
            if (x.outputs().containsKey("a/node")) {
                cancel.cancel(); // once the first host has joined
            }
        });
        assertThat(j.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(j.outputs()).containsEntry(FanOut.progressKey("a"), "done");
        assertThat(j.outputs()).containsEntry(FanOut.progressKey("d"), "cancelled");
        assertThat(applies).doesNotContainKey("d/install");
    }
}
