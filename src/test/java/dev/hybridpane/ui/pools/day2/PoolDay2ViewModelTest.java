package dev.hybridpane.ui.pools.day2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostCertificate;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.LockState;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Unfinished;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel.BannerKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pool's lock banner, the takeover, Resume, certificate expiry and the SSM hygiene list, on the fake port. */
class PoolDay2ViewModelTest {
    private final Day2Fixtures fx = new Day2Fixtures();
    private final PoolDay2ViewModel vm = fx.viewModel();

    @Test
    void aFreePoolHasNoBannerAndItsActionsAreOn() {
        vm.show(Day2Fixtures.GPU);
        assertThat(fx.port.calls).containsExactly("state dallas-gpu");
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.NONE);
        assertThat(vm.actionsDisabledProperty().get()).isFalse();
        assertThat(vm.upgradeAvailable()).isTrue();
        // the same pool with new counts is not read again
        vm.show(new PoolDay2ViewModel.Shown(Day2Fixtures.RETAIL, "dallas-gpu", 1, 2, List.of("dallas-01"), 1));
        assertThat(fx.port.calls).hasSize(1);
    }

    @Test
    void aLiveLockSaysWhoHoldsItSinceWhenAndDisablesEveryAction() {
        fx.port.lock = new LockState.Held("bo@laptop", FakeDay2Port.T0.minusSeconds(120), FakeDay2Port.T0.minusSeconds(5));
        vm.show(Day2Fixtures.GPU);
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.WARNING);
        assertThat(vm.bannerTitleProperty().get()).startsWith("Updating, held by bo@laptop since ");
        assertThat(vm.actionsDisabledProperty().get()).isTrue();
        assertThat(vm.upgrade()).isEmpty();
        assertThat(vm.removeNode("mi-0a", "dallas-01")).isEmpty();
        assertThat(vm.editHosts()).isEmpty();
        assertThat(vm.takeOverConfirmation()).as("a live lock cannot be taken over").isEmpty();
        vm.takeOver();
        assertThat(fx.port.calls).doesNotContain("takeOver dallas-gpu");
        assertThat(vm.openProperty().get()).isNull();
    }

    @Test
    void aStaleLockIsTakenOverAfterAConfirmationThatSaysItIsRecordedAsAnEvent() {
        fx.port.lock = new LockState.Stale("bo@laptop", FakeDay2Port.T0.minusSeconds(3600), FakeDay2Port.T0.minusSeconds(900));
        fx.port.unfinished = Optional.of(new Unfinished("pool-upgrade-dallas-gpu", "pool-upgrade", "Upgrade dallas-gpu to v2",
                FakeDay2Port.T0.minusSeconds(3600), "bo@laptop"));
        vm.show(Day2Fixtures.GPU);
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.DANGER);
        assertThat(vm.bannerTitleProperty().get()).startsWith("Stale lock: held by bo@laptop");
        assertThat(vm.actionsDisabledProperty().get()).isTrue();
        assertThat(vm.resume()).as("not while the stale lock is held").isEmpty();
        assertThat(vm.takeOverConfirmation()).contains("bo@laptop", "recorded as an Event");

        vm.takeOver();
        assertThat(fx.port.calls).containsExactly("state dallas-gpu", "takeOver dallas-gpu", "state dallas-gpu");
        assertThat(vm.lockProperty().get()).isInstanceOf(LockState.Free.class);
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.INFO);
        assertThat(vm.bannerTitleProperty().get()).isEqualTo("Unfinished: Upgrade dallas-gpu to v2");

        ResumeViewModel r = vm.resume().orElseThrow();
        assertThat(fx.port.calls).contains("resume pool-upgrade-dallas-gpu");
        assertThat(r.phaseProperty().get()).isEqualTo(Day2Flow.Phase.RUN);
        assertThat(r.run().statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(r.run().targets()).as("the resumed run's nodes come from its journal")
                .extracting(TargetProgress::target).containsExactly("mi-0c");
        assertThat(vm.unfinishedProperty().get()).as("read again after the run").isNull();
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.NONE);
    }

    @Test
    void aStateThatCannotBeReadOrAnUnconnectedClusterIsSaidAndActionsStayOff() {
        fx.port.failState = "Forbidden: leases.coordination.k8s.io is forbidden.";
        vm.show(Day2Fixtures.GPU);
        assertThat(vm.errorProperty().get()).isEqualTo(fx.port.failState);
        assertThat(vm.bannerKindProperty().get()).isEqualTo(BannerKind.DANGER);
        assertThat(vm.actionsDisabledProperty().get()).isTrue();

        vm.show(new PoolDay2ViewModel.Shown(Day2Fixtures.FACTORY, "line-1", 1, 1, List.of(), 0));
        assertThat(vm.errorProperty().get()).startsWith("Not connected to factory");
        assertThat(vm.actionsDisabledProperty().get()).isTrue();
    }

    @Test
    void certificatesWarnWithinThirtyDaysAndAreErrorsOnceExpired() {
        fx.port.provider = CredentialProvider.IAM_RA;
        fx.port.certificates = List.of(
                new HostCertificate("dallas-01", "n1", FakeDay2Port.T0.plus(Duration.ofDays(90))),
                new HostCertificate("dallas-02", "n2", FakeDay2Port.T0.plus(Duration.ofDays(30))),
                new HostCertificate("dallas-03", "n3", FakeDay2Port.T0.minus(Duration.ofDays(2))),
                new HostCertificate("dallas-04", "n4", null, "dallas-04's host key is not trusted yet: open it in Edge "
                        + "Hosts and trust it"));
        vm.show(Day2Fixtures.GPU);
        assertThat(vm.certificates().get("dallas-04").level()).as("a host not read says so").isEqualTo(CertificateExpiry.Level.UNREAD);
        assertThat(vm.certificates().get("dallas-04").shortText()).isEqualTo("not read");
        assertThat(vm.certificates().get("dallas-04").text()).isEqualTo("not read: dallas-04's host key is not trusted yet: "
                + "open it in Edge Hosts and trust it");
        assertThat(vm.certificates().get("dallas-01").level()).isEqualTo(CertificateExpiry.Level.OK);
        assertThat(vm.certificates().get("dallas-01").text()).isEqualTo("2027-03-07 (90 days)");
        assertThat(vm.certificates().get("dallas-02").level()).isEqualTo(CertificateExpiry.Level.WARNING);
        assertThat(vm.certificates().get("dallas-02").text()).isEqualTo("2027-01-06 (30 days: rotate soon)");
        assertThat(vm.certificates().get("dallas-03").level()).isEqualTo(CertificateExpiry.Level.EXPIRED);
        assertThat(vm.certificates().get("dallas-03").text()).isEqualTo("2026-12-05 (expired 2 days ago)");
        assertThat(vm.certificates().get("dallas-02").shortText()).isEqualTo("30 days");
        assertThat(vm.certificates().get("dallas-03").shortText()).isEqualTo("expired");
        assertThat(vm.ssmHygiene()).as("SSM hygiene is for SSM pools").isEmpty();
        assertThat(vm.rotateCertificates()).isPresent();
    }

    @Test
    void ssmHygieneListsOrphansAndSpentActivationsAndCleansUpWhenConfirmed() {
        vm.show(Day2Fixtures.GPU);
        assertThat(vm.rotateCertificates()).as("rotation is for Roles Anywhere pools").isEmpty();
        SsmHygieneViewModel h = vm.ssmHygiene().orElseThrow();
        assertThat(vm.openProperty().get()).isSameAs(h);
        assertThat(h.orphans()).extracting(PoolDay2Port.Orphan::managedInstanceId).containsExactly("mi-0dead");
        assertThat(h.activations()).extracting(PoolDay2Port.SpentActivation::activationId).containsExactly("act-1");
        assertThat(h.confirmation()).contains("Deregister 1 managed instance (mi-0dead)", "delete 1 activation");
        h.cleanUp();
        assertThat(fx.port.calls).containsSubsequence("hygiene dallas-gpu", "cleanUp 1 1", "hygiene dallas-gpu");
        assertThat(h.resultProperty().get()).startsWith("Deregistered 1 managed instance");
        assertThat(h.anything()).isFalse();
        vm.close();
        assertThat(vm.openProperty().get()).isNull();
    }
}
