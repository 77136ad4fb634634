package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.SampleReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import dev.hybridpane.core.ops.OperationLock.LockState;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `hybridpane doctor` on a scripted session: exit codes, one-line errors, the outputs and the fix flow. */
class DoctorCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<DoctorReport> reports = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private RuntimeException failure;
    private OperationStatus applied = OperationStatus.SUCCEEDED;
    private LockedException locked;
    private Function<DoctorCommand, DoctorSession> before;

    @BeforeEach
    void scripted() {
        before = DoctorCommand.sessions;
        DoctorCommand.sessions = c -> new DoctorSession() {
            @Override
            public DoctorReport diagnose(String cluster, String region, boolean hosts, CancelToken cancel) {
                calls.add("diagnose " + cluster + " " + region + (hosts ? " hosts" : ""));
                if (failure != null) {
                    throw failure;
                }
                return reports.size() > 1 ? reports.remove(0) : reports.get(0);
            }

            @Override
            public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener) throws LockedException {
                calls.add("apply " + plan.changes().size());
                if (locked != null) {
                    throw locked;
                }
                Journal j = new Journal("network-fix-x", "network-fix", "Fix the network", "x", applied, Instant.EPOCH, Instant.EPOCH,
                        List.of(), Map.of(), List.of(new Journal.LogLine(Instant.EPOCH, "Step 1: create route")),
                        applied == OperationStatus.SUCCEEDED ? null : "Step 1 failed: ec2:CreateRoute was denied");
                listener.accept(j);
                return j;
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
    }

    @AfterEach
    void restore() {
        DoctorCommand.sessions = before;
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("doctor", "--cluster", "warehouse-edge", "--region", "eu-central-1"));
        all.addAll(List.of(args));
        String[] a = all.toArray(String[]::new);
        return HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a);
    }

    private static DoctorReport only(DoctorStatus... statuses) {
        List<DoctorCheck> checks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            checks.add(new DoctorCheck("c" + i, "aws", "check " + i, List.of(), statuses[i], "summary " + i, List.of(), null));
        }
        return new DoctorReport("warehouse-edge", "eu-central-1", Instant.EPOCH, checks, null);
    }

    @Test
    void exitsZeroWhenNothingFailsAndOneWhenACheckFailsOrWithStrictOnAWarning() {
        reports.add(only(DoctorStatus.PASS, DoctorStatus.WARN, DoctorStatus.UNKNOWN));
        assertThat(run()).isZero();
        assertThat(out.toString()).startsWith("Network doctor: warehouse-edge (eu-central-1)").contains("WARN    check 1: summary 1");
        assertThat(run("--strict")).isEqualTo(1);
        reports.set(0, only(DoctorStatus.PASS, DoctorStatus.FAIL));
        assertThat(run()).isEqualTo(1);
        assertThat(calls).containsExactly("diagnose warehouse-edge eu-central-1", "close", "diagnose warehouse-edge eu-central-1", "close",
                "diagnose warehouse-edge eu-central-1", "close");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalidInputIsOneLineAndExitTwoWithoutTouchingAws() {
        assertThat(run("-o", "yaml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("-o: write text, json or markdown, not yaml.\n");
        assertThat(run("--apply")).isEqualTo(2);
        assertThat(err.toString()).endsWith("--apply: only with --fix.\n");
        assertThat(run("--hosts")).isEqualTo(2);
        assertThat(err.toString()).endsWith("--ssh-key: needed with --hosts (the hosts are reached over SSH).\n");
        assertThat(run("--fix", "--plan", "--apply")).isEqualTo(2);
        String[] a = {"doctor", "--cluster", "c", "--region", "Frankfurt"};
        assertThat(HybridPaneCommand.commandLine(a).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(a))
                .isEqualTo(2);
        assertThat(err.toString()).endsWith("--region: a region such as us-west-2, not Frankfurt.\n");
        assertThat(calls).isEmpty();
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noSuchClusterIsInvalidInputAndADeniedDescribeIsAFailureEachInOneLine() {
        failure = new AwsFailure(FailureKind.NOT_FOUND, "eks:DescribeCluster", "ResourceNotFoundException",
                "eks:DescribeCluster found nothing: No cluster found for name: warehouse-edge.", null);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("eks:DescribeCluster found nothing: No cluster found for name: warehouse-edge.\n");
        failure = new AwsFailure(FailureKind.ACCESS_DENIED, "eks:DescribeCluster", "AccessDeniedException",
                "eks:DescribeCluster was denied for arn:aws:iam::1:user/ci: not authorized", null);
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).endsWith("\neks:DescribeCluster was denied for arn:aws:iam::1:user/ci: not authorized\n");
        failure = new OperationCancelledException();
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).endsWith("\nCancelled: the doctor stopped before every check ran.\n");
        assertThat(calls).filteredOn("close"::equals).hasSize(3);
    }

    @Test
    void jsonListsTheChecksAndMarkdownRendersTheReport() throws Exception {
        reports.add(SampleReports.faulty());
        assertThat(run("-o", "json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("checks")).hasSize(6);
        assertThat(root.get("checks").get(1).get("id").asText()).isEqualTo(SampleReports.ROUTE);
        out.getBuffer().setLength(0);
        assertThat(run("-o", "markdown")).isEqualTo(1);
        assertThat(out.toString()).startsWith("# Network doctor: warehouse-edge (eu-central-1)\n");
    }

    @Test
    void fixPlansByDefaultAndChangesNothing() {
        reports.add(SampleReports.faulty());
        assertThat(run("--fix")).isEqualTo(1);
        assertThat(out.toString()).contains("Network fixes for warehouse-edge (eu-central-1): 2 changes\n"
                + " 1. create route 10.211.0.0/16 → tgw-0d4 in rtb-0a1\n").contains("  site munich:\n")
                .endsWith("Nothing was changed (--plan; --apply applies it).\n");
        assertThat(calls).containsExactly("diagnose warehouse-edge eu-central-1", "close");
    }

    @Test
    void fixApplyAppliesThenChecksAgainAndExitsOnTheSecondReport() throws Exception {
        reports.add(SampleReports.faulty());
        reports.add(only(DoctorStatus.PASS, DoctorStatus.WARN));
        assertThat(run("--fix", "--apply")).isZero();
        assertThat(calls).containsExactly("diagnose warehouse-edge eu-central-1", "apply 2", "diagnose warehouse-edge eu-central-1", "close");
        String text = out.toString();
        assertThat(text).contains("Step 1: create route\nChecking again after the fixes.\n");
        assertThat(text.lastIndexOf("Network doctor: warehouse-edge")).isGreaterThan(text.indexOf("Checking again"));
        assertThat(text).endsWith("WARN: 0 failed, 1 warning, 0 unknown, 1 passed\n\nAWS\n  PASS    check 0: summary 0\n          c0\n"
                + "  WARN    check 1: summary 1\n          c1\n");

        out.getBuffer().setLength(0);
        calls.clear();
        reports.clear();
        reports.add(SampleReports.faulty());
        reports.add(only(DoctorStatus.PASS));
        assertThat(run("--fix", "--apply", "-o", "json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("fixPlan").get("changes")).hasSize(2);
        assertThat(root.get("fixStatus").asText()).isEqualTo("succeeded");
        assertThat(root.get("after").get("status").asText()).isEqualTo("pass");
        assertThat(err.toString()).contains("Step 1: create route");
    }

    @Test
    void aFailedApplyIsOneLineExitOneAndSaysHowToResume() {
        reports.add(SampleReports.faulty());
        applied = OperationStatus.FAILED;
        assertThat(run("--fix", "--apply")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("FAILED: Step 1 failed: ec2:CreateRoute was denied; running `hybridpane doctor --fix --apply` "
                + "again resumes them.\n");
        assertThat(calls).containsExactly("diagnose warehouse-edge eu-central-1", "apply 2", "close");
    }

    @Test
    void anApplyWhileAnotherWorkstationHoldsTheLeaseIsRefusedInOneLineNamingItAndExitsOne() {
        reports.add(SampleReports.faulty());
        locked = new LockedException(new LockState("network-fix", "arn:aws:iam::111122223333:user/bo on ws-2",
                Instant.parse("2026-12-07T14:00:00Z"), Instant.parse("2026-12-07T14:01:00Z"), Duration.ofMinutes(2), false));
        assertThat(run("--fix", "--apply")).isEqualTo(1);
        assertThat(err.toString()).startsWith("The network of warehouse-edge is being fixed from another workstation: network-fix "
                + "is locked by arn:aws:iam::111122223333:user/bo on ws-2 since 2026-12-07T14:00:00Z").endsWith(".\n");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(calls).as("nothing is checked again after a refusal").containsExactly("diagnose warehouse-edge eu-central-1",
                "apply 2", "close");
    }
}
