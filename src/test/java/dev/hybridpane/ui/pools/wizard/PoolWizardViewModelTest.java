package dev.hybridpane.ui.pools.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolInputs;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Create-pool wizard's view model on the lab, step by step with the synchronous runner. */
class PoolWizardViewModelTest {
    @TempDir
    static Path dir;
    static PoolWizardLab lab;
    final List<Journal> journals = new CopyOnWriteArrayList<>();
    final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        lab = new PoolWizardLab(dir, List.of("dallas-11", "dallas-16")); // RHEL 9, Ubuntu 22.04
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    PoolWizardViewModel open() {
        PoolWizards w = new PoolWizards(lab.services, () -> List.of(lab.payments, lab.retail), c -> Optional.of(lab.lab.access),
                new SyncTaskRunner(), Runnable::run, journals::add);
        w.newPool(null, created::add);
        PoolWizardViewModel vm = (PoolWizardViewModel) w.openProperty().get();
        vm.name().siteProperty().set("dallas-dc");
        return vm;
    }

    /** Cluster, name, site, profile gpu-ssm v1, nothing on Nodes: on the Hosts step. */
    PoolWizardViewModel toHosts(String name, String profile) {
        PoolWizardViewModel vm = open();
        vm.name().nameProperty().set(name);
        vm.name().siteProperty().set("dallas-dc");
        vm.next();
        vm.profile().profileProperty().set(profile);
        vm.next();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.hostsStep());
        return vm;
    }

    @Test
    void onlyHybridClustersAreOfferedAndTheNameIsCheckedAsTypedAndAgainstThePools() {
        PoolWizardViewModel vm = open();
        PoolNameStepViewModel n = vm.name();
        assertThat(n.clusters()).extracting(c -> c.name()).containsExactly("retail-edge");
        assertThat(n.clusterProperty().get()).as("the only one is chosen").isEqualTo(lab.retail);
        assertThat(n.sites()).as("the lab's seeded pools stored both sites").containsExactlyInAnyOrder("dallas-dc", "austin-store-112");
        assertThat(n.siteProperty().get()).as("open() chose it").isEqualTo("dallas-dc");
        assertThat(n.nameErrorProperty().get()).as("nothing said before typing").isNull();
        assertThat(vm.canNextProperty().get()).isFalse();
        n.nameProperty().set("Edge GPU");
        assertThat(n.nameErrorProperty().get()).contains("lower-case letters");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.nameProperty().set("other");
        assertThat(n.nameErrorProperty().get()).isEqualTo("Cluster retail-edge already has a pool named other; choose another name.");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.nameProperty().set("edge-new");
        assertThat(n.nameErrorProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(vm.subtitleProperty().get()).isEqualTo("edge-new · retail-edge · us-west-2");
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.profileStep());
    }

    @Test
    void theProfileStepShowsWhatTheVersionMakesAndIamRaAsksForTheCaKey() {
        PoolWizardViewModel vm = open();
        vm.name().nameProperty().set("edge-p");
        vm.next();
        PoolProfileStepViewModel p = vm.profile();
        assertThat(p.profiles()).contains("gpu-ssm", "pos-iam-ra");
        p.profileProperty().set("gpu-ssm");
        assertThat(p.versions()).containsExactly(1);
        assertThat(p.detailsProperty().get()).contains("Kubernetes 1.31").contains("(ssm)").contains("containerd distro")
                .contains("CNI Cilium 1.16.7");
        assertThat(p.rolesAnywhereProperty().get()).isFalse();
        p.profileProperty().set("pos-iam-ra");
        assertThat(p.versions()).as("latest first").containsExactly(2, 1);
        assertThat(p.versionProperty().get()).isEqualTo(2);
        assertThat(p.detailsProperty().get()).contains("(iam-ra)");
        assertThat(p.rolesAnywhereProperty().get()).isTrue();
        assertThat(vm.hosts().rolesAnywhereProperty().get()).as("the Hosts step asks for the CA key").isTrue();
        assertThat(vm.canNextProperty().get()).isTrue();
    }

    @Test
    void labelsTaintsAndNtpUseKubernetesSyntaxWithErrorsUnderTheirField() {
        PoolWizardViewModel vm = open();
        vm.name().nameProperty().set("edge-n");
        vm.next();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.nodesStep());
        PoolNodeStepViewModel n = vm.nodes();
        assertThat(vm.canNextProperty().get()).as("nothing is required").isTrue();
        n.labelsProperty().set("workload=gpu\nnot-a-label");
        assertThat(n.labelsErrorProperty().get()).isEqualTo("Entry 2: 'not-a-label' is not key=value.");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.labelsProperty().set("workload=gpu, hybridpane.dev/pool=x");
        assertThat(n.labelsErrorProperty().get()).contains("hybridpane.dev/pool is HybridPane's own");
        n.labelsProperty().set("workload=gpu, tier=edge");
        assertThat(n.labelsErrorProperty().get()).isNull();
        assertThat(n.labelMap()).containsEntry("workload", "gpu").containsEntry("tier", "edge");
        n.taintsProperty().set("dedicated=gpu:NoSchedul");
        assertThat(n.taintsErrorProperty().get()).contains("effect 'NoSchedul' is not NoSchedule");
        n.taintsProperty().set("dedicated=gpu");
        assertThat(n.taintsErrorProperty().get()).contains("is not key=value:Effect");
        n.taintsProperty().set("dedicated=gpu:NoSchedule\nspot:PreferNoSchedule");
        assertThat(n.taintsErrorProperty().get()).isNull();
        assertThat(n.taintList()).extracting(t -> t.spec()).containsExactly("dedicated=gpu:NoSchedule", "spot:PreferNoSchedule");
        n.ntpProperty().set("time.example.net\nbad host!");
        assertThat(n.ntpErrorProperty().get()).startsWith("NTP server: ");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.ntpProperty().set("time.example.net");
        n.architectureProperty().set("arm64");
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(vm.pool().architecture()).isEqualTo("arm64");
        assertThat(vm.pool().ntpServers()).containsExactly("time.example.net");
    }

    @Test
    void hostsAreOfferedWhenFreeAndCompatibleAndTheOthersSayWhyNot() {
        PoolWizardViewModel vm = toHosts("edge-h", "gpu-ssm");
        PoolHostsStepViewModel h = vm.hosts();
        assertThat(h.hosts()).extracting(HostChoice::name).contains("dallas-11", "dallas-12", "dallas-13", "dallas-16")
                .allMatch(n -> n.startsWith("dallas-"));
        assertThat(h.host("dallas-16").offered()).isTrue();
        assertThat(h.host("dallas-16").checkSummary()).matches("\\d+/\\d+ passed");
        assertThat(h.host("dallas-11").offered()).isFalse();
        assertThat(h.host("dallas-11").blocked()).anyMatch(r -> r.contains("containerd") && r.contains("distro"));
        assertThat(h.host("dallas-12").blocked()).contains("Host dallas-12 is already in pool other.");
        assertThat(h.host("dallas-13").blocked()).containsExactly("Host dallas-13 has not been probed: gather its facts first.");
        assertThat(h.host("dallas-11").details()).startsWith("Not offered:").contains("Checks:");
        assertThat(h.keyFileProperty().get()).as("the environment's key").isEqualTo(lab.lab.hosts().loginKeyPath().toString());
        assertThat(vm.canNextProperty().get()).as("no host chosen").isFalse();
        h.host("dallas-16").selectedProperty().set(true);
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(h.summaryProperty().get()).contains("1 chosen");

        HostChoice c = h.host("dallas-16");
        c.vpnProperty().set("10.200.1.26");
        assertThat(c.vpnErrorProperty().get()).contains("is host dallas-16's own address");
        assertThat(vm.canNextProperty().get()).isFalse();
        c.vpnProperty().set("10.200.9.1");
        assertThat(c.vpnErrorProperty().get()).contains("is outside site dallas-dc (10.200.1.0/24)");
        c.vpnProperty().set("10.200.1.x");
        assertThat(c.vpnErrorProperty().get()).contains("is not an IPv4 address");
        c.vpnProperty().set("10.200.1.1");
        assertThat(c.vpnErrorProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(vm.pool().hosts()).extracting(p -> p.host() + "@" + p.vpnServerIp()).containsExactly("dallas-16@10.200.1.1");

        vm.back();
        vm.nodes().architectureProperty().set("arm64");
        vm.next();
        assertThat(h.host("dallas-16").offered()).as("amd64 hosts are not offered to an arm64 pool").isFalse();
        assertThat(h.host("dallas-16").blocked()).contains("Host dallas-16 is amd64, but the pool is arm64.");
        assertThat(h.host("dallas-16").selectedProperty().get()).isFalse();
        assertThat(vm.canNextProperty().get()).isFalse();
    }

    @Test
    void reviewShowsThePlanThatPoolApplyPlanPrints() throws Exception {
        PoolWizardViewModel vm = toHosts("edge-r", "gpu-ssm");
        vm.hosts().host("dallas-16").selectedProperty().set(true);
        vm.hosts().host("dallas-16").vpnProperty().set("10.200.1.1");
        vm.hosts().parallelismProperty().set(3);
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.reviewStep());
        assertThat(vm.problems()).noneMatch(ProfileProblem::isError);
        assertThat(vm.checkedProperty().get()).isNotNull();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Create pool");
        String expected;
        try (InventoryPort.Inventory inv = lab.lab.inventory(); ProfileStore.Profiles profiles = lab.lab.profiles();
             PoolStore.Pools pools = lab.lab.pools()) {
            PoolService s = lab.lab.service();
            PoolService.Checked c = s.check(vm.pool(), PoolLab.REF, profiles, inv, pools, lab.lab.identity, 3,
                    PoolInputs.DEFAULT_READY_TIMEOUT);
            expected = s.plan(c.inputs(), pools).planText();
        }
        assertThat(vm.planTextProperty().get()).isEqualTo(expected);
        assertThat(vm.planTextProperty().get()).contains("ssm:CreateActivation", "RegistrationLimit: 1",
                "at most 3 at once", "dallas-16:", "sudo -n nodeadm install 1.31 -p ssm -s distro",
                "ip route replace 10.100.0.0/16 via 10.200.1.1", "held in memory only");
        assertThat(journals).as("nothing ran").isEmpty();
        try (PoolStore.Pools pools = lab.lab.pools()) {
            assertThat(pools.get("edge-r")).as("nothing stored").isEmpty();
        }
    }

    @Test
    void anIamRaPoolAsksForTheCaKeyKeepsItsPassphraseInMemoryAndReviewSaysWhenItCannotBeRead() throws Exception {
        PoolWizardViewModel vm = toHosts("edge-ra", "pos-iam-ra");
        PoolHostsStepViewModel h = vm.hosts();
        h.host("dallas-16").selectedProperty().set(true);
        assertThat(h.caKeyErrorProperty().get()).contains("choose the CA's private key file");
        assertThat(vm.canNextProperty().get()).isFalse();
        h.caKeyFileProperty().set(dir.resolve("no-such-ca.key").toString());
        h.caPassphrase("s3cret-ca-pass".toCharArray());
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(h.caKey().toString()).doesNotContain("s3cret").contains("passphrase=***");
        assertThat(String.valueOf(h.caKey().passphrase())).isEqualTo("s3cret-ca-pass");
        vm.next();
        assertThat(vm.problems()).anyMatch(p -> p.isError() && p.field().equals("caKey")
                && p.message().contains("Cannot read the CA key file"));
        assertThat(vm.problems()).as("an unreadable CA key stops the check before anything is read").hasSize(1);
        assertThat(vm.checkedProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).as("errors block Create pool").isFalse();
        assertThat(vm.problems().toString() + vm.planTextProperty().get()).doesNotContain("s3cret");
        vm.close();
        assertThat(String.valueOf(h.caKey().passphrase())).as("wiped when the wizard closes").isEqualTo("\0".repeat(14));
    }

    @Test
    void withoutAHybridClusterOrAConnectionTheWizardSaysWhy() {
        PoolWizards none = new PoolWizards(lab.services, () -> List.of(lab.payments), c -> Optional.of(lab.lab.access),
                new SyncTaskRunner(), Runnable::run, journals::add);
        none.newPool(lab.payments, created::add);
        PoolWizardViewModel vm = (PoolWizardViewModel) none.openProperty().get();
        assertThat(vm.errorProperty().get()).startsWith("No discovered cluster has hybrid nodes enabled");
        assertThat(vm.name().clusters()).isEmpty();
        assertThat(vm.canNextProperty().get()).isFalse();

        PoolWizards offline = new PoolWizards(lab.services, () -> List.of(lab.retail), c -> Optional.empty(),
                new SyncTaskRunner(), Runnable::run, journals::add);
        offline.newPool(lab.retail, created::add);
        vm = (PoolWizardViewModel) offline.openProperty().get();
        assertThat(vm.errorProperty().get()).startsWith("Not connected to retail-edge yet");
        vm.name().nameProperty().set("edge-x");
        assertThat(vm.canNextProperty().get()).as("nothing was read").isFalse();
        vm.close();
        assertThat(offline.openProperty().get()).isNull();
    }
}
