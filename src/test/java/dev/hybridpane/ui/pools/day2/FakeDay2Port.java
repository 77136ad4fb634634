package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.FanOut;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.pools.wizard.CaKeyFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A day-2 port for the UI's tests: a pool of three nodes (mi-0a..c on dallas-01..03), a free host dallas-05 and an
 * incompatible dallas-06; every call is recorded. Runs emit journals as core would: per node {@code progress/NODE}
 * steps, the paused output at a node boundary while pause is asked, the blocked-drain outputs once for a removal.
 * {@link #gate}, when set, holds each node until the test releases a permit (TestFX); {@link #atBoundary} runs at each
 * node boundary (the synchronous view-model tests press Pause/Resume/Cancel there).
 */
public final class FakeDay2Port implements PoolDay2Port {
    public static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final List<String[]> NODES = List.of(new String[] {"mi-0a", "dallas-01"}, new String[] {"mi-0b", "dallas-02"},
            new String[] {"mi-0c", "dallas-03"});

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile LockState lock = new LockState.Free();
    volatile Optional<Unfinished> unfinished = Optional.empty();
    public volatile CredentialProvider provider = CredentialProvider.SSM;
    public volatile List<HostCertificate> certificates = List.of();
    volatile String failState;
    public volatile UpgradeOptions upgraded;
    public volatile DrainOptions drained;
    volatile HostChange changed;
    volatile char[] passphraseSeen;
    public volatile Semaphore gate;
    volatile Runnable atBoundary = () -> { };
    public volatile boolean blockDrainOnce;
    volatile SsmHygiene hygiene = new SsmHygiene(List.of(new Orphan("mi-0dead", "dallas-09", "10.200.1.9",
            T0.minusSeconds(7200))), List.of(new SpentActivation("act-1", "registrations used up", T0.plusSeconds(3600))));

    @Override
    public Day2State state(PoolTarget pool) throws Exception {
        calls.add("state " + pool.pool());
        if (failState != null) {
            throw new IllegalStateException(failState);
        }
        return new Day2State(lock, unfinished, provider, certificates);
    }

    @Override
    public LockState takeOver(PoolTarget pool) {
        calls.add("takeOver " + pool.pool());
        lock = new LockState.Free();
        return new LockState.Held("ana@ws", T0, T0);
    }

    @Override
    public Journal resume(PoolTarget pool, Unfinished op, RunControl control, Consumer<Journal> progress) throws Exception {
        calls.add("resume " + op.operationId());
        unfinished = Optional.empty();
        return rolling("resume", op.title(), List.<String[]>of(NODES.get(2)), control, progress);
    }

    @Override
    public List<HostOption> hosts(PoolTarget pool) {
        calls.add("hosts " + pool.pool());
        List<HostOption> out = new ArrayList<>();
        NODES.forEach(n -> out.add(new HostOption(n[1], true, n[0], "ubuntu 22.04 · x86_64", true, List.of())));
        out.add(new HostOption("dallas-05", false, "", "ubuntu 22.04 · x86_64", true, List.of()));
        out.add(new HostOption("dallas-06", false, "", "ubuntu 22.04 · aarch64", false,
                List.of("Its architecture (aarch64) is not the pool's (amd64).")));
        return out;
    }

    @Override
    public Operation planHosts(PoolTarget pool, HostChange change) {
        calls.add("planHosts " + change.add() + " " + change.remove());
        List<Step> steps = new ArrayList<>();
        change.add().forEach(h -> steps.add(step("join-" + h, "Join " + h + " as in create")));
        change.remove().forEach(h -> steps.add(step("remove-" + h, "Drain and remove the node of " + h)));
        return new Operation("pool-hosts-" + pool.pool(), "pool-hosts", "Edit hosts", pool.pool(), steps);
    }

    @Override
    public Journal changeHosts(PoolTarget pool, HostChange change, RunControl control, Consumer<Journal> progress)
            throws Exception {
        calls.add("changeHosts " + change.add() + " " + change.remove());
        changed = change;
        List<String[]> t = new ArrayList<>();
        change.add().forEach(h -> t.add(new String[] {h, h}));
        change.remove().forEach(h -> t.add(new String[] {h, h}));
        return rolling("pool-hosts", "Edit hosts", t, control, progress);
    }

    static final List<String> REMOVAL = List.of("Cordon", "Drain through the Eviction API", "nodeadm uninstall",
            "Wait for NotReady", "Delete the Node", "SSM: deregister the managed instance", "Host back to available");

    @Override
    public Operation planRemoval(PoolTarget pool, String node, DrainOptions drain) {
        calls.add("planRemoval " + node + " " + drain);
        List<Step> steps = REMOVAL.stream().map(s -> step(s.toLowerCase().replace(' ', '-'), s + " " + node)).toList();
        return new Operation("node-remove-" + node, "node-remove", "Remove node " + node, pool.pool(), steps);
    }

    @Override
    public Journal removeNode(PoolTarget pool, String node, DrainOptions drain, RunControl control,
            Consumer<Journal> progress) throws Exception {
        calls.add("removeNode " + node);
        drained = drain;
        Map<String, String> out = new LinkedHashMap<>();
        List<Journal.StepRecord> steps = new ArrayList<>(REMOVAL.stream().map(s -> new Journal.StepRecord(s, s + " " + node,
                StepState.PENDING, null)).toList());
        for (int i = 0; i < steps.size(); i++) {
            steps.set(i, new Journal.StepRecord(steps.get(i).id(), steps.get(i).title(), StepState.RUNNING, null));
            out.put(FanOut.progressKey(node), (i + 1) + "/" + steps.size() + " " + REMOVAL.get(i));
            if (i == 1 && blockDrainOnce) {
                out.put(BLOCKED_OUTPUT, "Draining node " + node + ": pod shop/web-7d9c is blocked by PodDisruptionBudget "
                        + "web-pdb (Cannot evict pod as it would violate the pod's disruption budget.).");
                progress.accept(journal("node-remove", "Remove node " + node, OperationStatus.RUNNING, steps, out, null));
                hold();
                out.put(BLOCKED_OUTPUT, "");
            }
            progress.accept(journal("node-remove", "Remove node " + node, OperationStatus.RUNNING, steps, out, null));
            hold();
            if (control.cancelled()) {
                out.put(FanOut.progressKey(node), "cancelled");
                return journal("node-remove", "Remove node " + node, OperationStatus.CANCELLED, steps, out,
                        "Cancelled after " + REMOVAL.get(i));
            }
            steps.set(i, new Journal.StepRecord(steps.get(i).id(), steps.get(i).title(), StepState.DONE, null));
        }
        out.put(FanOut.progressKey(node), "done");
        return journal("node-remove", "Remove node " + node, OperationStatus.SUCCEEDED, steps, out, null);
    }

    @Override
    public UpgradePlan planUpgrade(PoolTarget pool, UpgradeOptions options) {
        calls.add("planUpgrade " + options);
        List<NodePlan> nodes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < NODES.size(); i++) {
            String[] n = NODES.get(i);
            List<String> s = options.strategy() == Strategy.REPAVE ? List.of("cordon", "drain", "nodeadm uninstall",
                    "nodeadm install", "nodeadm init") : List.of("cordon", "drain", "nodeadm upgrade 1.31", "uncordon",
                    "wait Ready v1.31");
            List<String> notes = options.strategy() == Strategy.REPAVE && provider == CredentialProvider.SSM
                    ? List.of("SSM node name changes") : List.of("node name kept");
            nodes.add(new NodePlan(n[0], n[1], i / options.maxUnavailable() + 1, options.strategy(), s, notes));
            steps.add(step("node-" + n[0], "Upgrade " + n[0] + " (" + n[1] + ")"));
        }
        return new UpgradePlan(new Operation("pool-upgrade-" + pool.pool(), "pool-upgrade", "Upgrade " + pool.pool()
                + " to v" + options.toVersion(), pool.pool(), steps), nodes,
                options.maxUnavailable() > 1 ? List.of("Up to " + options.maxUnavailable() + " nodes are unschedulable at "
                        + "once.") : List.of());
    }

    @Override
    public Journal upgrade(PoolTarget pool, UpgradeOptions options, RunControl control, Consumer<Journal> progress)
            throws Exception {
        calls.add("upgrade " + options);
        upgraded = options;
        return rolling("pool-upgrade", "Upgrade " + pool.pool(), NODES, control, progress);
    }

    @Override
    public Operation planRotation(PoolTarget pool) {
        calls.add("planRotation " + pool.pool());
        return new Operation("pool-rotate", "pool-rotate-certs", "Rotate certificates", pool.pool(), List.of(
                step("issue", "Issue a certificate per host (same CN)"), step("copy", "Copy server.pem and server.key (0600)"),
                step("restart", "Restart aws_signing_helper_update"), step("ready", "Check each node stays Ready")));
    }

    @Override
    public Journal rotate(PoolTarget pool, CaKeyFile ca, RunControl control, Consumer<Journal> progress) throws Exception {
        calls.add("rotate " + ca.keyFile().getFileName());
        passphraseSeen = ca.passphrase();
        return rolling("pool-rotate-certs", "Rotate certificates", NODES.stream().map(n -> new String[] {n[1], n[1]})
                .toList(), control, progress);
    }

    @Override
    public SsmHygiene hygiene(PoolTarget pool) {
        calls.add("hygiene " + pool.pool());
        return hygiene;
    }

    @Override
    public String cleanUp(PoolTarget pool, SsmHygiene chosen) {
        calls.add("cleanUp " + chosen.orphans().size() + " " + chosen.activations().size());
        hygiene = new SsmHygiene(List.of(), List.of());
        return "Deregistered " + chosen.orphans().size() + " managed instance and deleted " + chosen.activations().size()
                + " activation.";
    }

    /** Node by node: four steps each, a node boundary after each node where pause and cancel take effect. */
    private Journal rolling(String kind, String title, List<String[]> nodes, RunControl control, Consumer<Journal> progress)
            throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(FanOut.progressKey(n[0]), "waiting"));
        List<Journal.StepRecord> steps = new ArrayList<>(nodes.stream().map(n -> new Journal.StepRecord(n[0], title + " "
                + n[0], StepState.PENDING, null)).toList());
        progress.accept(journal(kind, title, OperationStatus.RUNNING, steps, out, null));
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i)[0];
            steps.set(i, new Journal.StepRecord(node, steps.get(i).title(), StepState.RUNNING, null));
            out.put(FanOut.progressKey(node), "1/4 cordon and drain");
            progress.accept(journal(kind, title, OperationStatus.RUNNING, steps, out, null));
            hold();
            out.put(FanOut.progressKey(node), "done");
            steps.set(i, new Journal.StepRecord(node, steps.get(i).title(), StepState.DONE, null));
            progress.accept(journal(kind, title, OperationStatus.RUNNING, steps, out, null));
            atBoundary.run();
            while (control.pauseRequested() && !control.cancelled()) {
                out.put(PAUSED_OUTPUT, "true");
                progress.accept(journal(kind, title, OperationStatus.RUNNING, steps, out, null));
                calls.add("paused after " + node);
                atBoundary.run();
                if (gate != null) {
                    Thread.sleep(20);
                }
            }
            out.remove(PAUSED_OUTPUT);
            if (control.cancelled() && i < nodes.size() - 1) {
                calls.add("cancelled after " + node);
                return journal(kind, title, OperationStatus.CANCELLED, steps, out, "Cancelled after node " + node);
            }
        }
        return journal(kind, title, OperationStatus.SUCCEEDED, steps, out, null);
    }

    private void hold() throws InterruptedException {
        Semaphore g = gate;
        if (g != null && !g.tryAcquire(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The test never released the gate.");
        }
    }

    private static Journal journal(String kind, String title, OperationStatus status, List<Journal.StepRecord> steps,
            Map<String, String> outputs, String error) {
        return new Journal(kind + "-1", kind, title, "dallas-gpu", status, T0, status.finished() ? T0.plusSeconds(60) : null,
                steps, outputs, List.of(new Journal.LogLine(T0, "[" + kind + "] " + status)), error);
    }

    private static Step step(String id, String title) {
        return Steps.of(id, title, List.of(), ctx -> false, ctx -> { });
    }
}
