package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolLab;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.Activation;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilter;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilterKeys;

/** `pool apply --apply` interrupted with Ctrl-C, then resumed; nodes NotReady for the CNI, diagnosed, fixed with fix-cni. */
class CliPoolRecoveryTest {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final String NS = "hybridpane-system";
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-12", "dallas-13"));
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

    record Ran(int code, String out, String err) {
    }

    /** Runs a command; {@code out} may be read while it runs. */
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

    static String[] apply(Path pool, String... more) {
        List<String> a = new ArrayList<>(List.of("pool", "apply", "-f", pool.toString(), "--ssh-key",
                lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString(), "--apply"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static Path pool(String name, String... hosts) throws Exception {
        StringBuilder y = new StringBuilder("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: " + name
                + ", namespace: hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  hosts:\n");
        for (String h : hosts) {
            y.append("  - host: ").append(h).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".yaml"), y.toString());
    }

    static Journal journal(String pool) {
        try (Fabric8JournalStore j = new Fabric8JournalStore(lab.kube(), NS)) {
            return j.load("pool-create/us-west-2/retail-edge/" + pool).orElseThrow();
        }
    }

    @Test
    void ctrlCCancelsAtASafePointReleasesTheLeaseSaysSoInOneLineAndAReRunResumes() throws Exception {
        AtomicReference<Runnable> hook = new AtomicReference<>();
        List<Object> removed = new ArrayList<>();
        CliInterrupt.hooks = new CliInterrupt.Hooks() {
            @Override
            public Object add(Runnable h) {
                hook.set(h);
                return h;
            }

            @Override
            public void remove(Object handle) {
                removed.add(handle);
            }
        };
        Path file = pool("ctrl-c", "dallas-08", "dallas-09");
        StringWriter out = new StringWriter();
        CompletableFuture<Ran> running = CompletableFuture.supplyAsync(() -> run(out, apply(file)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("] Write the NodeConfig") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as("the hosts step began").contains("] Write the NodeConfig");
        assertThat(hook.get()).as("--apply installs a Ctrl-C hook").isNotNull();
        long t0 = System.nanoTime();
        hook.get().run(); // what the JVM runs on SIGINT: cancel, then wait for the command to finish
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(CliInterrupt.GRACE);
        Ran r = running.get(5, TimeUnit.SECONDS);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith("Cancelled during step 3: On each host over SSH")
                .endsWith("; the journal is kept in the cluster: run the same command again to resume.");
        assertThat(removed).containsExactly(hook.get());
        Journal cancelled = journal("ctrl-c");
        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        try (Fabric8LeaseLock other = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC());
             OperationLock.Held held = other.acquire("pool-ctrl-c", "someone else on ws-2", Duration.ofMinutes(1))) {
            assertThat(held).as("the lease was released").isNotNull();
        }

        Ran again = run(apply(file));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Pool ctrl-c: 2/2 nodes Ready, Running.");
        assertThat(journal("ctrl-c").status()).isEqualTo(OperationStatus.SUCCEEDED);
        // a new process holds no activation code: the cancelled run's activation is replaced, and one remains
        List<Activation> live = lab.clients.ssm("us-west-2").describeActivations(b -> b.filters(DescribeActivationsFilter.builder()
                .filterKey(DescribeActivationsFilterKeys.DEFAULT_INSTANCE_NAME).filterValues("ctrl-c").build())).activationList();
        long joinedBefore = cancelled.outputs().keySet().stream().filter(k -> k.endsWith("/node")).count();
        assertThat(live).singleElement().satisfies(a -> {
            assertThat(a.activationId()).isEqualTo(journal("ctrl-c").outputs().get("activation/id"));
            assertThat(a.registrationsCount()).isEqualTo(2 - (int) joinedBefore);
        });
    }

    @Test
    void nodesTheCniDoesNotReachAreDiagnosedAndFixCniShowsThenAppliesThePatch() throws Exception {
        // Cilium as if installed for cloud nodes and the other pools only: its one term excludes this pool's nodes
        lab.kube().apps().daemonSets().inNamespace("kube-system").withName("cilium").edit(d -> {
            NodeSelectorTerm t = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
            t.getMatchExpressions().add(new NodeSelectorRequirementBuilder().withKey("hybridpane.dev/pool").withOperator("NotIn")
                    .withValues("cni-pool").build());
            return d;
        });
        Path file = pool("cni-pool", "dallas-12", "dallas-13");
        Ran r = run(apply(file, "--ready-timeout", "4"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("FAILED: Step 4 failed: Not Ready after 4 s: ").contains("(dallas-12): NotReady, "
                + "KubeletNotReady", "Why: ", "The cluster's CNI does not run on hybrid nodes: its DaemonSet kube-system/cilium "
                + "lacks the hybrid affinity.", "hybridpane pool fix-cni cni-pool --cluster retail-edge --region us-west-2 --apply",
                "kubectl patch daemonset cilium -n kube-system --type json -p '[{\"op\":\"add\"");
        assertThat(r.out()).contains("Not Ready: mi-");
        List<Event> warnings = lab.kube().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "cni-pool".equals(e.getInvolvedObject().getName()) && "CniNotOnHybridNodes".equals(e.getReason()))
                .toList();
        assertThat(warnings).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("(dallas-12)", "(dallas-13)", "lacks the hybrid affinity", "fix-cni cni-pool");
        });

        Ran shown = run("pool", "fix-cni", "cni-pool");
        assertThat(shown.code()).as(shown.err()).isZero();
        String patch = "kubectl patch daemonset cilium -n kube-system --type json -p '[{\"op\":\"add\",\"path\":\"/spec/template/"
                + "spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/-\",\"value\":{"
                + "\"matchExpressions\":[{\"key\":\"eks.amazonaws.com/compute-type\",\"operator\":\"In\",\"values\":[\"hybrid\"]}]}}]'";
        assertThat(shown.out()).isEqualTo(patch + "\n");
        assertThat(terms()).as("showing patches nothing").isEqualTo(1);

        Ran fixed = run("pool", "fix-cni", "cni-pool", "--apply");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("Patching: " + patch, "Patched kube-system/cilium: the CNI now runs on the nodes of pool "
                + "cni-pool");
        assertThat(terms()).isEqualTo(2);
        Ran again = run("pool", "fix-cni", "cni-pool", "--apply");
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEqualTo("The cluster's CNI runs on the nodes of pool cni-pool: nothing to patch.\n");
        assertThat(terms()).as("a second fix patches nothing").isEqualTo(2);

        Ran done = run(apply(file, "--ready-timeout", "60"));
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).contains("Pool cni-pool: 2/2 nodes Ready, Running.");
        assertThat(run("pool", "fix-cni", "no-such-pool").err()).isEqualTo("There is no node pool named no-such-pool in "
                + "retail-edge.\n");
    }

    static int terms() {
        DaemonSet d = lab.kube().apps().daemonSets().inNamespace("kube-system").withName("cilium").get();
        return d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().size();
    }
}
