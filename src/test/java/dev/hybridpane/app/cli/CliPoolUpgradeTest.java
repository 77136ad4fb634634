package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolUpgradeLabAccess;
import io.fabric8.kubernetes.api.model.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** `pool upgrade` (plan, invalid input, --apply stopped by Ctrl-C at a node boundary) and `pool resume`, on one lab. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliPoolUpgradeTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    @TempDir
    static Path dir;
    static PoolLab lab;

    record Ran(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-12", "dallas-13"));
        PoolUpgradeLabAccess.createOnV1(lab, "cli-upg", "dallas-dc", List.of("dallas-12", "dallas-13"));
        PoolEnvironment.sharedLab = lab.lab;
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        lab.close();
    }

    @AfterEach
    void jvmHooks() {
        CliInterrupt.hooks = CliInterrupt.JVM;
    }

    static Ran run(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        String[] a = all.toArray(String[]::new);
        int code = HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
        return new Ran(code, out.toString(), err.toString());
    }

    static Ran run(String... args) {
        return run(new StringWriter(), args);
    }

    static String[] keys() {
        return new String[] {"--ssh-key", lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString()};
    }

    static String[] with(String[] a, String... more) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void planInvalidInputThenCtrlCAtANodeBoundaryAndResume() throws Exception {
        Ran plan = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--max-unavailable", "2");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("from upg-ssm v1 (Kubernetes 1.30, ssm) to v2 (Kubernetes 1.31, ssm)",
                "at most 2 unavailable", "batch 1", "dallas-13", "in place",
                "nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml");

        Ran noVersion = run("pool", "upgrade", "cli-upg", "--to-version", "9");
        assertThat(noVersion.code()).isEqualTo(2);
        assertThat(noVersion.err().strip()).isEqualTo("Profile upg-ssm has no version 9 in cluster retail-edge.");
        Ran strategy = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--strategy", "sideways");
        assertThat(strategy.code()).isEqualTo(2);
        assertThat(strategy.err().strip()).isEqualTo("--strategy: in-place, cutover or repave, not sideways.");
        Ran cutover = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--strategy", "cutover");
        assertThat(cutover.code()).as(cutover.out() + cutover.err()).isEqualTo(2);
        assertThat(cutover.err()).contains("error: strategy: A cutover needs a free compatible host of site dallas-dc for each "
                + "of the 2 node(s) it replaces; the site has 0: import hosts, or upgrade in place.");
        Ran repave = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--strategy", "repave");
        assertThat(repave.code()).as(repave.err()).isZero();
        assertThat(repave.out()).contains("repave", "a repave was asked: the node is removed and the host joins again",
                "the node's name changes", "nodeadm uninstall");
        Ran noCa = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--ca-key", dir.resolve("nowhere.pem").toString());
        assertThat(noCa.code()).isEqualTo(2);
        assertThat(noCa.err().strip()).isEqualTo("--ca-key: cannot read " + dir.resolve("nowhere.pem") + ".");
        Ran pause = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--pause-between", "soon");
        assertThat(pause.code()).isEqualTo(2);
        assertThat(pause.err().strip()).isEqualTo("--pause-between: a duration such as 30s or 2m, not soon.");
        Ran noKey = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--apply");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err().strip()).isEqualTo("--ssh-key: needed with --apply (the hosts are reached over SSH).");
        Ran zero = run("pool", "upgrade", "cli-upg", "--to-version", "2", "--max-unavailable", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("error: maxUnavailable: Max unavailable must be at least 1, not 0.");
        Ran nothing = run(with(new String[] {"pool", "resume", "cli-upg"}, keys()));
        assertThat(nothing.code()).as(nothing.err()).isZero();
        assertThat(nothing.out().strip()).isEqualTo("Pool cli-upg has no unfinished day-2 operation: nothing to resume.");

        AtomicReference<Runnable> hook = new AtomicReference<>();
        CliInterrupt.hooks = new CliInterrupt.Hooks() {
            @Override
            public Object add(Runnable h) {
                hook.set(h);
                return h;
            }

            @Override
            public void remove(Object handle) {
            }
        };
        StringWriter out = new StringWriter();
        CompletableFuture<Ran> running = CompletableFuture.supplyAsync(() -> run(out, with(new String[] {"pool", "upgrade",
                "cli-upg", "--to-version", "2", "--apply"}, keys())));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("[dallas-12] kubectl cordon") && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(hook.get()).as("--apply installs a Ctrl-C hook").isNotNull();
        hook.get().run(); // SIGINT: cancel, then wait for the command
        Ran stopped = running.get(30, TimeUnit.SECONDS);
        assertThat(stopped.code()).as(stopped.out() + stopped.err()).isEqualTo(1);
        assertThat(stopped.err().lines()).singleElement().asString().startsWith("Cancelled during step 3: ")
                .endsWith("`hybridpane pool resume cli-upg` finishes it.");
        assertThat(stopped.out()).as("the node in flight finished its steps").contains("[dallas-12] done")
                .doesNotContain("[dallas-13] started");
        List<Node> nodes = lab.kube().nodes().withLabel("hybridpane.dev/pool", "cli-upg").list().getItems();
        assertThat(nodes).noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
        try (Fabric8JournalStore j = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE)) {
            Journal cancelled = j.load("pool-upgrade/us-west-2/retail-edge/cli-upg").orElseThrow();
            assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        }

        Ran resumed = run(with(new String[] {"pool", "resume", "cli-upg"}, keys()));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).startsWith("Resuming Upgrade node pool cli-upg to upg-ssm v2 (CANCELLED")
                .contains("[dallas-12] already done: Check passwordless sudo", "[dallas-13] nodeadm upgrade 1.31",
                        "Pool cli-upg upgraded.")
                .doesNotContain("[dallas-12] nodeadm upgrade");
        assertThat(lab.kube().nodes().withLabel("hybridpane.dev/pool", "cli-upg").list().getItems())
                .allSatisfy(n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31."));
    }

    @Test
    @Order(2)
    void anUpgradeWhoseConsoleDiedAfterItsLastChangeIsClosedByResumeWithNothingRunAgain() throws Exception {
        String id = "pool-upgrade/us-west-2/retail-edge/cli-upg";
        // what a console killed at the upgrade's last journal update leaves: the pool on v2 and Running (its last
        // change), the journal still running its last step
        try (Fabric8JournalStore j = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE)) {
            Journal done = j.load(id).orElseThrow();
            assertThat(done.status()).as("the first test upgraded the pool").isEqualTo(OperationStatus.SUCCEEDED);
            List<Journal.StepRecord> steps = new ArrayList<>(done.steps());
            Journal.StepRecord last = steps.remove(steps.size() - 1);
            assertThat(last.id()).isEqualTo("pool-spec");
            steps.add(new Journal.StepRecord(last.id(), last.title(), StepState.RUNNING, null));
            j.save(new Journal(done.id(), done.kind(), done.title(), done.target(), OperationStatus.RUNNING, done.started(),
                    null, steps, done.outputs(), done.log(), null));
            j.flush();
        }
        Ran plan = run("pool", "upgrade", "cli-upg", "--to-version", "2");
        assertThat(plan.code()).as("a plan alone writes nothing: " + plan.out()).isEqualTo(2);
        assertThat(plan.err()).contains("is on upg-ssm v2 already");

        Ran resumed = run(with(new String[] {"pool", "resume", "cli-upg"}, keys()));
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Pool cli-upg was on v2 already: the run that finished Upgrade node pool cli-upg to "
                + "upg-ssm v2 ended before its journal said so; the journal is closed now.").doesNotContain("nodeadm", "cordon");
        try (Fabric8JournalStore j = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE)) {
            Journal closed = j.load(id).orElseThrow();
            assertThat(closed.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(closed.steps().get(closed.steps().size() - 1).state()).isEqualTo(StepState.ALREADY_DONE);
        }
        Ran nothing = run(with(new String[] {"pool", "resume", "cli-upg"}, keys()));
        assertThat(nothing.out().strip()).isEqualTo("Pool cli-upg has no unfinished day-2 operation: nothing to resume.");
    }
}
