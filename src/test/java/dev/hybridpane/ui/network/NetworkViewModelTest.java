package dev.hybridpane.ui.network;

import static dev.hybridpane.ui.network.NetworkFixtures.TGW;
import static dev.hybridpane.ui.network.NetworkFixtures.VPC;
import static dev.hybridpane.ui.network.NetworkFixtures.VPC_TGW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.network.FixViewModel.Phase;
import dev.hybridpane.ui.network.NetworkDoctorPort.DoctorTarget;
import dev.hybridpane.ui.network.NetworkDoctorPort.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Network view's model on the fake doctor with the synchronous runner: run, progress, cancel, selection, fixes, exports. */
class NetworkViewModelTest {
    private final FakeNetworkDoctor port = new FakeNetworkDoctor();
    private final List<Journal> journals = new ArrayList<>();
    private final NetworkViewModel vm = new NetworkViewModel(port, new SyncTaskRunner(), Runnable::run, journals::add);

    @TempDir
    Path dir;

    @Test
    void loadChoosesTheFirstClusterAndRunShowsProgressThenTheReport() {
        vm.load();
        assertThat(vm.clusters()).extracting(DoctorTarget::cluster).containsExactly("edge-prod", "edge-lab");
        assertThat(vm.targetProperty().get().cluster()).isEqualTo("edge-prod");
        List<String> texts = new ArrayList<>();
        vm.progressTextProperty().addListener((o, a, b) -> texts.add(b));
        vm.probeHostsProperty().set(true);

        vm.run();

        assertThat(port.calls).contains("run edge-prod hosts");
        assertThat(texts).contains("1 of 4 checks · Reading transit gateways", "3 of 4 checks · Reading security groups");
        assertThat(vm.reportProperty().get().cluster()).isEqualTo("edge-prod");
        assertThat(vm.progressTextProperty().get()).isEqualTo("2 failing · 1 warning · 1 unknown of 11 checks");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void keepsTheChoiceOnReloadAndSaysSoWhenNoClusterIsChosen() {
        vm.load();
        vm.targetProperty().set(vm.clusters().get(1));
        vm.load();
        assertThat(vm.targetProperty().get().cluster()).isEqualTo("edge-lab");

        port.clusters = List.of();
        vm.load();
        assertThat(vm.targetProperty().get()).isNull();
        vm.run();
        assertThat(vm.errorProperty().get()).isEqualTo("Choose a cluster to check.");
        assertThat(port.calls).noneMatch(c -> c.startsWith("run"));
    }

    @Test
    void aFailedRunIsOneSentenceAndKeepsNoReport() {
        vm.load();
        port.runFailure = new IllegalStateException("AccessDenied: not authorized to perform eks:DescribeCluster\n\tat x");
        vm.run();
        assertThat(vm.errorProperty().get()).isEqualTo("AccessDenied: not authorized to perform eks:DescribeCluster");
        assertThat(vm.reportProperty().get()).isNull();
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void cancelStopsTheRunWithoutAnErrorAndKeepsTheLastReport() {
        vm.load();
        vm.run();
        var first = vm.reportProperty().get();
        port.midRun = vm::cancel;
        vm.run();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.progressTextProperty().get()).isEqualTo("Cancelled; the last report stays shown.");
        assertThat(vm.reportProperty().get()).isSameAs(first);
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void summaryCountsEachStatusOrSaysAllPass() {
        assertThat(NetworkViewModel.summary(NetworkFixtures.faulty())).isEqualTo("2 failing · 1 warning · 1 unknown of 11 checks");
        assertThat(NetworkViewModel.summary(NetworkFixtures.healthy())).isEqualTo("All 11 checks pass");
    }

    @Test
    void choosingAnElementALinkOrACheckShowsItsChecks() {
        vm.load();
        vm.run();
        vm.select(VPC_TGW);
        assertThat(vm.selectedTitleProperty().get()).isEqualTo("Link vpc-0a1b2c → tgw-0c2d3e");
        assertThat(vm.selectedChecks()).extracting(DoctorCheck::id).containsExactly("aws.routes@rtb-0a1b:10.81.0.0/16",
                "aws.routes@rtb-0a1b:10.80.0.0/16", "aws.tgw-attachment@" + TGW);
        vm.select(VPC);
        assertThat(vm.selectedTitleProperty().get()).isEqualTo("VPC vpc-0a1b2c");
        assertThat(vm.selectedChecks()).extracting(DoctorCheck::status).containsExactly(DoctorStatus.FAIL, DoctorStatus.PASS);
        vm.select("site:austin");
        assertThat(vm.selectedTitleProperty().get()).isEqualTo("Site austin");
        assertThat(vm.selectedChecks()).isEmpty();

        DoctorCheck unknown = vm.reportProperty().get().checks().stream()
                .filter(c -> c.status() == DoctorStatus.UNKNOWN).findFirst().orElseThrow();
        vm.selectCheck(unknown);
        assertThat(vm.selectedProperty().get()).isEqualTo(TGW + "->vpn-0dal");
        assertThat(vm.selectedChecks()).containsExactly(unknown);
        assertThat(unknown.summary()).isEqualTo("unknown: missing permission ec2:SearchTransitGatewayRoutes");

        vm.select(null);
        assertThat(vm.selectedChecks()).isEmpty();
        assertThat(vm.selectedTitleProperty().get()).isEmpty();
    }

    @Test
    void fixReviewsThePlanThenAppliesItAndRunsTheDoctorAgain() {
        vm.load();
        vm.run();
        assertThat(vm.hasAutomaticFixes()).isTrue();
        vm.openFix();
        FixViewModel fix = vm.fixProperty().get();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.REVIEW);
        assertThat(fix.changes()).containsExactly("create route 10.81.0.0/16 → tgw-0c2d3e in rtb-0a1b",
                "allow tcp 443 from 10.81.0.0/16 in sg-0c1u");
        assertThat(port.made).as("reviewing changes nothing").isEmpty();
        assertThat(fix.manual()).singleElement().satisfies(m -> {
            assertThat(m.where()).isEqualTo("AWS · vpn-0dal");
            assertThat(m.snippet()).contains("leftsubnet=10.80.0.0/16,10.81.0.0/16");
        });
        assertThat(fix.planText()).contains("1. create route 10.81.0.0/16");

        fix.apply();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fix.steps()).extracting(s -> s.stateLabel()).containsExactly("Done", "Done");
        assertThat(fix.summaryProperty().get()).startsWith("Applied: 2 of 2 changes in place.");
        assertThat(journals).isNotEmpty();

        fix.close();
        assertThat(vm.fixProperty().get()).isNull();
        assertThat(port.calls.stream().filter(c -> c.startsWith("run")).count()).as("the doctor ran again").isEqualTo(2);
        assertThat(vm.reportProperty().get().worst()).isEqualTo(DoctorStatus.PASS);
        assertThat(vm.hasAutomaticFixes()).isFalse();
    }

    @Test
    void aFailedApplySaysWhyAndApplyingAgainResumesWithoutRedoingTheFirstChange() {
        vm.load();
        vm.run();
        vm.openFix();
        FixViewModel fix = vm.fixProperty().get();
        port.failApplyAt = "allow tcp 443 from 10.81.0.0/16 in sg-0c1u";
        fix.apply();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(fix.errorProperty().get()).contains("RouteAlreadyExists");
        assertThat(fix.steps()).extracting(s -> s.stateLabel()).containsExactly("Done", "Failed");

        port.failApplyAt = null;
        fix.apply();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fix.steps()).extracting(s -> s.stateLabel()).containsExactly("Already done", "Done");
        fix.close();
        assertThat(vm.reportProperty().get().worst()).isEqualTo(DoctorStatus.PASS);
    }

    @Test
    void anApplyRefusedForAnotherWorkstationsLeaseNamesItChangesNothingAndApplyingLaterWorks() {
        vm.load();
        vm.run();
        vm.openFix();
        FixViewModel fix = vm.fixProperty().get();
        port.refuseApply = new IllegalStateException("The network of edge-prod is being fixed from another workstation: "
                + "network-fix is locked by arn:aws:iam::111122223333:user/bo on ws-2 since 2026-12-07T14:00:00Z, last renewed "
                + "2026-12-07T14:01:00Z (an operation is running there; it is released when it ends, or turns stale if that "
                + "workstation stops).");
        fix.apply();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(fix.errorProperty().get()).contains("being fixed from another workstation",
                "locked by arn:aws:iam::111122223333:user/bo on ws-2");
        assertThat(port.made).as("nothing changed").isEmpty();

        fix.apply();
        assertThat(fix.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fix.errorProperty().get()).isNull();
        assertThat(port.made).hasSize(2);
    }

    @Test
    void closingAReviewedPlanChangesNothingAndDoesNotRunAgain() {
        vm.load();
        vm.run();
        vm.openFix();
        vm.fixProperty().get().close();
        assertThat(port.made).isEmpty();
        assertThat(port.calls.stream().filter(c -> c.startsWith("run")).count()).isEqualTo(1);
    }

    @Test
    void exportsTheReportAndThePictureToTheChosenFiles() throws Exception {
        vm.load();
        vm.run();
        assertThat(vm.fileName("svg")).isEqualTo("network-edge-prod-us-west-2.svg");
        Path md = dir.resolve("r.md");
        vm.exportReport(ReportFormat.MARKDOWN, md);
        assertThat(Files.readString(md)).startsWith("# Network of edge-prod").contains("2 failing");
        assertThat(vm.noticeProperty().get()).startsWith("Saved r.md");
        Path html = dir.resolve("sub/r.html");
        vm.exportReport(ReportFormat.HTML, html);
        assertThat(Files.readString(html)).contains("<h1>edge-prod</h1>");
        Path svg = dir.resolve("p.svg");
        vm.exportSvg(svg);
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg", "✕ Route to remote</tspan>");
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void anExportThatCannotBeWrittenSaysSoInOneLine() throws Exception {
        vm.load();
        vm.run();
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        vm.exportSvg(blocker.resolve("p.svg"));
        assertThat(vm.errorProperty().get()).startsWith("Could not save p.svg: ").doesNotContain("\n");
    }

    @Test
    void theUnavailablePortOffersNoClusterAndSaysWhyWhenRun() {
        NetworkViewModel none = new NetworkViewModel(NetworkDoctorPort.unavailable(), new SyncTaskRunner(), Runnable::run,
                j -> { });
        none.load();
        assertThat(none.clusters()).isEmpty();
        assertThat(none.loadedProperty().get()).isTrue();
        assertThat(none.unavailableProperty().get()).isEqualTo("The network doctor is not available in this environment.");
        assertThat(vm.unavailableProperty().get()).as("the fake doctor is available").isEmpty();
    }
}
