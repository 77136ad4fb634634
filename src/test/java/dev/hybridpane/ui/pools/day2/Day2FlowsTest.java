package dev.hybridpane.ui.pools.day2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each day-2 action on the fake port: options validated under their fields, the plan shown, the run mapped. */
class Day2FlowsTest {
    private final Day2Fixtures fx = new Day2Fixtures();
    private final PoolDay2ViewModel vm = fx.viewModel();

    @Test
    void upgradeOptionsAreValidatedUnderTheirFieldsAndNothingIsPlannedUntilTheyAreRight() {
        vm.show(Day2Fixtures.GPU);
        UpgradeViewModel u = vm.upgrade().orElseThrow();
        assertThat(u.title()).isEqualTo("Upgrade pool dallas-gpu to v2");
        assertThat(u.maxUnavailableProperty().get()).isEqualTo("1");
        assertThat(u.stopOnFirstFailureProperty().get()).isTrue();
        u.maxUnavailableProperty().set("0");
        u.pauseSecondsProperty().set("soon");
        u.strategyProperty().set(Strategy.CUTOVER);
        u.maxSurgeProperty().set("9");
        u.review();
        assertThat(u.maxUnavailableErrorProperty().get()).isEqualTo("Max unavailable must be between 1 and 3.");
        assertThat(u.pauseErrorProperty().get()).isEqualTo("The pause between nodes must be a whole number, not \"soon\".");
        assertThat(u.maxSurgeErrorProperty().get()).isEqualTo("Max surge must be between 1 and 3.");
        assertThat(u.phaseProperty().get()).isEqualTo(Day2Flow.Phase.CHOOSE);
        assertThat(fx.port.calls).noneMatch(c -> c.startsWith("planUpgrade"));

        u.maxUnavailableProperty().set("2");
        u.pauseSecondsProperty().set("30");
        u.strategyProperty().set(Strategy.REPAVE);
        u.review();
        assertThat(u.maxUnavailableErrorProperty().get()).isEmpty();
        assertThat(u.maxSurgeErrorProperty().get()).as("max surge is for cutover only").isEmpty();
        assertThat(u.phaseProperty().get()).isEqualTo(Day2Flow.Phase.REVIEW);
        assertThat(u.chosen()).isEqualTo(new PoolDay2Port.UpgradeOptions(2, Strategy.REPAVE, 2, 0, true,
                Duration.ofSeconds(30)));
        assertThat(u.planTextProperty().get()).startsWith("Upgrade dallas-gpu to v2 (dallas-gpu)").contains(
                " 1. Upgrade mi-0a (dallas-01)");
        assertThat(u.nodes()).extracting(n -> n.node() + " batch " + n.batch() + " " + n.notes())
                .containsExactly("mi-0a batch 1 [SSM node name changes]", "mi-0b batch 1 [SSM node name changes]",
                        "mi-0c batch 2 [SSM node name changes]");
        assertThat(u.warnings()).containsExactly("Up to 2 nodes are unschedulable at once.");
        assertThat(fx.port.calls).noneMatch(c -> c.startsWith("upgrade "));
        u.back();
        assertThat(u.phaseProperty().get()).isEqualTo(Day2Flow.Phase.CHOOSE);
    }

    @Test
    void anApprovedUpgradeShowsARowPerNodeAndPauseResumeAndCancelReachTheRunAtNodeBoundaries() {
        vm.show(Day2Fixtures.GPU);
        UpgradeViewModel u = vm.upgrade().orElseThrow();
        u.review();
        List<String> seen = new ArrayList<>();
        // the administrator presses Pause while mi-0a is upgraded, Resume once paused, then Cancel during mi-0b
        int[] boundary = {0};
        fx.port.atBoundary = () -> {
            boundary[0]++;
            Day2RunViewModel run = u.run();
            seen.add(boundary[0] + " " + run.targets().stream().map(t -> t.target() + "=" + t.stateText()).toList()
                    + " paused=" + run.pausedProperty().get());
            if (boundary[0] == 2) {
                assertThat(run.summaryProperty().get()).startsWith("Paused at a node boundary: 1 of 3 done.");
                run.resume();
            } else if (boundary[0] == 3) {
                run.cancel();
            }
        };
        fx.port.gate = null;
        // Pause is pressed before the first node ends
        u.run().runningProperty().addListener((o, a, b) -> {
            if (b) {
                u.run().pause();
            }
        });
        u.approve();
        assertThat(fx.port.upgraded).isEqualTo(u.chosen());
        assertThat(seen).containsExactly(
                "1 [mi-0a=Done, mi-0b=Waiting, mi-0c=Waiting] paused=false",
                "2 [mi-0a=Done, mi-0b=Waiting, mi-0c=Waiting] paused=true",
                "3 [mi-0a=Done, mi-0b=Done, mi-0c=Waiting] paused=false");
        assertThat(fx.port.calls).containsSubsequence("upgrade " + u.chosen(), "paused after mi-0a", "cancelled after mi-0b");
        assertThat(u.run().statusProperty().get()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(u.run().summaryProperty().get()).isEqualTo("Cancelled at a safe point: Cancelled after node mi-0b. "
                + "Resume finishes it later.");
        assertThat(u.run().targets()).extracting(t -> t.target() + " " + t.detail())
                .containsExactly("mi-0a dallas-01 · batch 1 · in-place", "mi-0b dallas-02 · batch 2 · in-place",
                        "mi-0c dallas-03 · batch 3 · in-place");
        assertThat(u.retryable()).isTrue();
        assertThat(fx.journals).as("the Activity view hears of every change").hasSizeGreaterThan(5);
        assertThat(fx.port.calls.get(fx.port.calls.size() - 1)).as("state read again after the run")
                .isEqualTo("state dallas-gpu");
    }

    @Test
    void removeNodeShowsThePlanInAwsOrderAndTheDrainOptionsAndWhatBlocksTheDrain() {
        vm.show(Day2Fixtures.GPU);
        RemoveNodeViewModel r = vm.removeNode("mi-0b", "dallas-02").orElseThrow();
        DrainChoices d = r.drain();
        assertThat(d.disableEvictionProperty().get()).as("off by default").isFalse();
        assertThat(d.evictionWarning().get()).isEmpty();
        d.disableEvictionProperty().set(true);
        assertThat(d.evictionWarning().get()).contains("PodDisruptionBudgets are NOT respected");
        d.disableEvictionProperty().set(false);
        d.timeoutMinutesProperty().set("0");
        r.review();
        assertThat(d.timeoutErrorProperty().get()).isEqualTo("The drain timeout must be between 1 and 240.");
        assertThat(r.phaseProperty().get()).isEqualTo(Day2Flow.Phase.CHOOSE);
        d.timeoutMinutesProperty().set("15");
        d.deleteEmptyDirProperty().set(true);
        r.review();
        assertThat(r.phaseProperty().get()).isEqualTo(Day2Flow.Phase.REVIEW);
        String plan = r.planTextProperty().get();
        List<Integer> order = FakeDay2Port.REMOVAL.stream().map(plan::indexOf).toList();
        assertThat(order).doesNotContain(-1).isSorted();

        List<String> blocked = new ArrayList<>();
        r.run().blockedProperty().addListener((o, a, b) -> blocked.add(b));
        fx.port.blockDrainOnce = true;
        r.approve();
        assertThat(fx.port.drained).isEqualTo(new PoolDay2Port.DrainOptions(true, false, false, Duration.ofMinutes(15)));
        assertThat(blocked.get(0)).isEqualTo("Draining node mi-0b: pod shop/web-7d9c is blocked by PodDisruptionBudget "
                + "web-pdb (Cannot evict pod as it would violate the pod's disruption budget.). The drain retries until the "
                + "PodDisruptionBudget allows it, or until its timeout.");
        assertThat(r.run().blockedProperty().get()).as("nothing blocks at the end").isEmpty();
        assertThat(r.run().statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(r.run().steps()).hasSize(7).allMatch(s -> s.stateLabel().equals("Done"));
        assertThat(r.run().pausableProperty().get()).as("one node: no pause").isFalse();
        assertThat(r.run().progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void editHostsOffersFreeCompatibleHostsAndPlansWhoJoinsAndWhichNodesLeave() {
        vm.show(Day2Fixtures.GPU);
        EditHostsViewModel e = vm.editHosts().orElseThrow();
        assertThat(e.hosts()).extracting(HostEdit::host).containsExactly("dallas-01", "dallas-02", "dallas-03",
                "dallas-05", "dallas-06");
        assertThat(e.choicesValid().get()).as("no change yet").isFalse();
        assertThat(e.changeSummaryProperty().get()).startsWith("No change");
        HostEdit arm = e.hosts().get(4);
        assertThat(arm.editable()).isFalse();
        assertThat(arm.changeText()).contains("architecture (aarch64)");
        e.hosts().get(3).chosenProperty().set(true);
        e.hosts().get(1).chosenProperty().set(false);
        assertThat(e.choicesValid().get()).isTrue();
        assertThat(e.changeSummaryProperty().get()).isEqualTo("1 host joins; 1 node is drained and removed, in this "
                + "order: dallas-02.");
        assertThat(e.hosts().get(1).changeText()).isEqualTo("leaves: node mi-0b drained and removed");
        e.review();
        assertThat(e.planTextProperty().get()).contains("Join dallas-05 as in create", "Drain and remove the node of dallas-02");
        e.approve();
        assertThat(fx.port.changed.add()).containsExactly("dallas-05");
        assertThat(fx.port.changed.remove()).containsExactly("dallas-02");
        assertThat(e.run().targets()).extracting(t -> t.target() + " " + t.detail() + " " + t.stateText())
                .containsExactly("dallas-05 joins Done", "dallas-02 leaves Done");
    }

    @Test
    void rotationNeedsAReadableKeyFileAndWipesThePassphraseAfterTheRun(@TempDir Path dir) throws Exception {
        fx.port.provider = CredentialProvider.IAM_RA;
        vm.show(Day2Fixtures.GPU);
        RotateCertsViewModel r = vm.rotateCertificates().orElseThrow();
        r.keyFileProperty().set(dir.resolve("missing.pem").toString());
        r.review();
        assertThat(r.keyFileErrorProperty().get()).startsWith("No readable file at ");
        Path key = Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\n");
        r.keyFileProperty().set(key.toString());
        char[] typed = "s3cret".toCharArray();
        r.passphrase(typed);
        assertThat(r.holdsPassphrase()).isTrue();
        r.review();
        assertThat(r.keyFileErrorProperty().get()).isEmpty();
        assertThat(r.planTextProperty().get()).contains("Issue a certificate per host (same CN)",
                "Restart aws_signing_helper_update");
        r.approve();
        assertThat(fx.port.calls).contains("rotate ca.key");
        assertThat(new String(fx.port.passphraseSeen)).isEqualTo("s3cret");
        assertThat(r.holdsPassphrase()).as("wiped after the run").isFalse();
        assertThat(r.run().targets()).extracting(TargetProgress::target).containsExactly("dallas-01", "dallas-02",
                "dallas-03");
        assertThat(r.run().statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void aPlanThatFailsIsOneSentenceAndTheChoicesStay() {
        fx.port.lock = new PoolDay2Port.LockState.Free();
        vm.show(Day2Fixtures.GPU);
        RemoveNodeViewModel r = vm.removeNode("mi-0a", "dallas-01").orElseThrow();
        PoolDay2ViewModel other = new PoolDay2ViewModel(PoolDay2Port.unavailable(), c -> java.util.Optional.of(
                Day2Fixtures.ACCESS), new dev.hybridpane.ui.common.SyncTaskRunner(), Runnable::run, j -> { }, fx.clock);
        other.show(Day2Fixtures.GPU);
        assertThat(other.errorProperty().get()).isEqualTo(UnavailableDay2.SENTENCE);
        assertThat(other.actionsDisabledProperty().get()).isTrue();
        assertThat(r.phaseProperty().get()).isEqualTo(Day2Flow.Phase.CHOOSE);
    }
}
