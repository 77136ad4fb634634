package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.lab.aws.AwsFaultPlan;
import dev.hybridpane.lab.aws.AwsInspection;
import dev.hybridpane.lab.aws.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25's throttling figure. With 30% of the lab's AWS calls throttled (seeded), the CLI's operations that call AWS
 * (cluster import, hybrid enable with SSM and with Roles Anywhere, pool apply of an SSM pool, doctor) each finish with
 * exit 0; with 10% answered 500/503, an import and a pool do. The SDK's retries (SdkRetries: standard mode, 10
 * attempts) ride through; faults were injected (each call that makes something is throttled once on top of the rate),
 * and no AWS resource was made twice. The waits are scaled to 1/20 (hybridpane.aws.backoffScale) so that the class
 * runs in seconds; the attempts and the mode are production's. Figures are printed.
 */
class ThrottledOperationsLabTest {
    static final long SEED = 2533;
    /** The calls that make something: each is throttled at least once on top of the rate, so its retry is seen. */
    static final List<String> CREATES = List.of("iam:CreateRole", "eks:CreateAccessEntry", "rolesanywhere:CreateTrustAnchor",
            "rolesanywhere:CreateProfile", "ssm:CreateActivation");
    @TempDir
    static Path dir;
    static PoolLab lab;
    static String scale;
    final StringBuilder everything = new StringBuilder();
    StringWriter out;
    StringWriter err;

    @BeforeAll
    static void start() {
        scale = System.setProperty("hybridpane.aws.backoffScale", "0.05"); // as the pom sets it for every test
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-12", "dallas-14", "dallas-16"));
        PoolEnvironment.sharedLab = lab.lab;
    }

    @AfterAll
    static void stop() {
        PoolEnvironment.sharedLab = null;
        if (scale == null) {
            System.clearProperty("hybridpane.aws.backoffScale");
        }
        lab.close();
    }

    @AfterEach
    void disarm() {
        lab.lab.aws().clearFaults();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        int code = HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        everything.append(out).append(err);
        return code;
    }

    private void mustFinish(String... args) {
        long t0 = System.nanoTime();
        assertThat(run(args)).as(String.join(" ", args) + "\n" + out + err).isZero();
        System.out.printf("  %-40s exit 0 in %d ms%n", String.join(" ", List.of(args).subList(0, 2)),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void poolApply(String name, String hosts) throws Exception {
        Path pool = Files.writeString(dir.resolve(name + ".yaml"), CliPoolTest.POOL.replace("cli-pool", name)
                .replace("  - host: dallas-14\n  - host: dallas-16\n", hosts));
        mustFinish("pool", "apply", "-f", pool.toString(), "--ssh-key", lab.hosts().loginKeyPath().toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--apply", "--parallel", "2", "--ready-timeout", "60",
                "--lab", "--cluster", "retail-edge", "--region", "us-west-2");
        assertThat(out.toString()).contains("Pool " + name + ": ");
        assertThat(out.toString()).contains("nodes Ready, Running.");
    }

    @Test
    void everyOperationFinishesWithThirtyPercentOfAwsCallsThrottled() throws Exception {
        AwsInspection inspect = lab.lab.aws().inspect();
        int roles = inspect.roleNames().size();
        int anchors = inspect.trustAnchorNames().size();
        int activations = inspect.activationDescriptions("us-west-2").size();
        Before before = new Before(inspect);
        long throttled = inspect.injectedFaultCount(Fault.THROTTLING);
        AwsFaultPlan plan = AwsFaultPlan.throttling(0.30, SEED);
        lab.lab.aws().armFaults(plan);
        CREATES.forEach(op -> lab.lab.aws().failNext(op, Fault.THROTTLING));
        System.out.println("AWS faults armed: " + plan.describe() + ", and the first call of each of " + CREATES);

        mustFinish("cluster", "import", "--lab", "--cluster", "payments", "--region", "us-west-2", "--apply");
        mustFinish("hybrid", "enable", "--lab", "--cluster", "payments", "--region", "us-west-2", "--node-cidr",
                "10.200.0.0/16", "--pod-cidr", "10.201.0.0/16", "--role-name", "payments-hybrid-ssm", "--apply");
        assertThat(out.toString()).contains("OK: Enable hybrid mode finished");
        mustFinish("hybrid", "enable", "--lab", "--cluster", "factory-floor", "--region", "eu-central-1", "--node-cidr",
                "10.220.0.0/16", "--pod-cidr", "10.221.0.0/16", "--provider", "iam-ra", "--role-name", "factory-floor-hybrid-ra",
                "--generate-ca", dir.resolve("ca.key").toString(), "--ca-cert", dir.resolve("ca.pem").toString(), "--apply");
        poolApply("throttled-pool", "  - host: dallas-14\n  - host: dallas-16\n");
        mustFinish("doctor", "--lab", "--cluster", "retail-edge", "--region", "us-west-2", "-o", "json");
        List<String> unknown = new ArrayList<>();
        new ObjectMapper().readTree(out.toString()).get("checks").forEach(c -> {
            if (c.get("status").asText().equals("unknown")) {
                unknown.add(c.get("id").asText());
            }
        });
        assertThat(unknown).as("no check was left unknown by a failed AWS call").isEmpty();
        lab.lab.aws().armFaults(AwsFaultPlan.none());

        before.print(plan.describe());
        assertThat(inspect.injectedFaultCount(Fault.THROTTLING) - throttled).as("calls were throttled").isGreaterThan(20);
        // (the 5xx run throttles nothing, so what was throttled was throttled here)
        Map<String, Map<Fault, Long>> faults = inspect.injectedFaults();
        assertThat(faults.entrySet().stream().filter(e -> e.getValue().containsKey(Fault.THROTTLING))
                .map(e -> e.getKey().substring(0, e.getKey().indexOf(':'))).distinct())
                .as("on several services").hasSizeGreaterThanOrEqualTo(4);
        for (String op : CREATES) {
            assertThat(faults.getOrDefault(op, Map.of())).as(op + " was throttled").containsKey(Fault.THROTTLING);
        }
        // nothing made twice: exactly the roles, trust anchor and activation asked for, and no duplicate entries
        assertThat(inspect.roleNames()).doesNotHaveDuplicates().contains("payments-hybrid-ssm", "factory-floor-hybrid-ra")
                .hasSize(roles + 2);
        assertThat(inspect.trustAnchorNames()).doesNotHaveDuplicates().contains("hybridpane-factory-floor")
                .hasSize(anchors + 1);
        assertThat(inspect.profileNames()).doesNotHaveDuplicates();
        assertThat(inspect.activationDescriptions("us-west-2")).as("one activation for the pool").hasSize(activations + 1);
        for (String[] c : new String[][] {{"us-west-2", "payments"}, {"eu-central-1", "factory-floor"}}) {
            List<String> principals = inspect.accessEntryPrincipals(c[0], c[1]);
            assertThat(new HashSet<>(principals)).as(c[1] + "'s access entries").hasSize(principals.size());
        }
        assertThat(inspect.accessEntryPrincipals("us-west-2", "payments")).contains(
                "arn:aws:iam::111122223333:role/payments-hybrid-ssm");
        assertThat(everything.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void importAndAPoolFinishWithTenPercentOfAwsCallsAnswered5xx() throws Exception {
        AwsInspection inspect = lab.lab.aws().inspect();
        int activations = inspect.activationDescriptions("us-west-2").size();
        Before before = new Before(inspect);
        long server = inspect.injectedFaultCount(Fault.INTERNAL_ERROR, Fault.SERVICE_UNAVAILABLE);
        AwsFaultPlan plan = AwsFaultPlan.serverErrors(0.10, SEED);
        lab.lab.aws().armFaults(plan);
        lab.lab.aws().failNext("ssm:CreateActivation", Fault.SERVICE_UNAVAILABLE);
        System.out.println("AWS faults armed: " + plan.describe() + ", and the first ssm:CreateActivation");

        mustFinish("cluster", "import", "--lab", "--cluster", "warehouse-edge", "--region", "eu-central-1", "--apply");
        poolApply("flaky-pool", "  - host: dallas-12\n");
        mustFinish("doctor", "--lab", "--cluster", "retail-edge", "--region", "us-west-2");
        lab.lab.aws().armFaults(AwsFaultPlan.none());

        before.print(plan.describe());
        assertThat(inspect.injectedFaultCount(Fault.INTERNAL_ERROR, Fault.SERVICE_UNAVAILABLE) - server)
                .as("calls failed 5xx at the rate, besides the CreateActivation").isGreaterThan(1);
        assertThat(inspect.activationDescriptions("us-west-2")).as("one activation for the pool").hasSize(activations + 1);
        assertThat(everything.toString()).doesNotContain("Exception", "\tat ");
    }

    /** The emulator's counters before a run, to print the run's figures. */
    static final class Before {
        final AwsInspection inspect;
        final Map<String, Integer> requests;
        final Map<String, Map<Fault, Long>> injected;
        final long faults;

        Before(AwsInspection inspect) {
            this.inspect = inspect;
            this.requests = inspect.requestCounts();
            this.injected = inspect.injectedFaults();
            this.faults = inspect.injectedFaultCount();
        }

        void print(String plan) {
            Map<String, Integer> now = inspect.requestCounts();
            int calls = now.entrySet().stream().mapToInt(e -> e.getValue() - requests.getOrDefault(e.getKey(), 0)).sum();
            long faulted = inspect.injectedFaultCount() - faults;
            System.out.printf("%s: %d AWS requests, %d answered with a fault (%.1f%%), each retried by the SDK%n", plan,
                    calls, faulted, 100.0 * faulted / Math.max(1, calls));
            inspect.injectedFaults().forEach((op, kinds) -> {
                long n = kinds.values().stream().mapToLong(Long::longValue).sum()
                        - injected.getOrDefault(op, Map.of()).values().stream().mapToLong(Long::longValue).sum();
                if (n > 0) {
                    System.out.printf("  %-45s %3d faults in %3d requests%n", op, n,
                            now.get(op) - requests.getOrDefault(op, 0));
                }
            });
        }
    }
}
