package dev.hybridpane.ui.profiles;

import static dev.hybridpane.ui.profiles.ProfileFixtures.ACCESS;
import static dev.hybridpane.ui.profiles.ProfileFixtures.BROKEN;
import static dev.hybridpane.ui.profiles.ProfileFixtures.FACTORY;
import static dev.hybridpane.ui.profiles.ProfileFixtures.NOT_IMPORTED;
import static dev.hybridpane.ui.profiles.ProfileFixtures.PAYMENTS;
import static dev.hybridpane.ui.profiles.ProfileFixtures.RETAIL;
import static dev.hybridpane.ui.profiles.ProfileFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.core.profile.MemoryProfiles;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.ui.common.AbstractTaskRunner;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ProfilesViewModelTest {
    final ProfileFixtures fx = new ProfileFixtures();
    Set<String> disconnected = Set.of();
    final ProfilesViewModel vm = new ProfilesViewModel(fx.fleet,
            c -> disconnected.contains(c.name()) ? Optional.empty() : Optional.of(ACCESS), fx.services(), fx.launcher,
            new SyncTaskRunner());

    ProfileRow row(String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    ProfileDetailViewModel select(String name) {
        vm.selectedProperty().set(row(name));
        return vm.detail();
    }

    static String field(List<LayerField> fields, String label) {
        return fields.stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().value();
    }

    @Test
    void nothingIsReadBeforeLoadAndOnlyHybridClustersAreListed() {
        assertThat(fx.opened).isEmpty();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.clusters()).containsExactly(RETAIL, FACTORY, BROKEN);
        assertThat(vm.clusterChoices()).extracting(ClusterChoice::toString)
                .containsExactly("All clusters", "retail-edge  (us-west-2)", "factory  (us-east-1)", "broken-edge  (eu-west-1)");
        vm.load();
        assertThat(fx.opened).containsExactlyInAnyOrder("retail-edge", "factory", "broken-edge");
        assertThat(fx.opened).doesNotContain(PAYMENTS.name());
    }

    @Test
    void everyProfileOfEveryClusterWithItsLatestVersionAndThePoolsOfEachVersion() {
        vm.load();
        assertThat(vm.filteredRows()).extracting(ProfileRow::clusterText, ProfileRow::name, ProfileRow::latestText,
                ProfileRow::kubernetesText, ProfileRow::credentialText, ProfileRow::cniText, ProfileRow::poolsText)
                .containsExactly(
                        tuple("retail-edge", "store-pos", "v2", "1.31", "ssm", "cilium", "v1: dallas-gpu · v2: —"),
                        tuple("factory", "line-iam", "v1", "1.30", "iam-ra", "calico", "v1: press-line"));
        assertThat(row("store-pos").updateAvailable()).containsExactly("dallas-gpu");
        assertThat(row("store-pos").updateText()).isEqualTo("Update available: dallas-gpu");
        assertThat(row("line-iam").updateAvailable()).isEmpty();
        assertThat(row("line-iam").updateText()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aClusterThatCannotBeReadShowsItsSentenceAndTheOthersStillShow() {
        disconnected = Set.of("factory");
        vm.load();
        assertThat(vm.notices()).extracting(n -> n.cluster().name(), ClusterNotice::message).containsExactlyInAnyOrder(
                tuple("broken-edge", NOT_IMPORTED),
                tuple("factory", "Not connected to factory yet: its profiles show once the cluster is reached."));
        assertThat(vm.rows()).extracting(ProfileRow::name).containsExactly("store-pos");
        assertThat(vm.messageProperty().get()).isNull();

        // reached on the next Refresh: its notice goes and its profiles come
        disconnected = Set.of();
        vm.load();
        assertThat(vm.notices()).extracting(ClusterNotice::message).containsExactly(NOT_IMPORTED);
        assertThat(vm.rows()).extracting(ProfileRow::name).containsExactly("store-pos", "line-iam");
    }

    @Test
    void theTextAndClusterFiltersNarrowTheRowsAndTheNotices() {
        vm.load();
        vm.filterProperty().set("calico");
        assertThat(vm.filteredRows()).extracting(ProfileRow::name).containsExactly("line-iam");
        vm.filterProperty().set("dallas 1.31");
        assertThat(vm.filteredRows()).extracting(ProfileRow::name).containsExactly("store-pos");
        vm.filterProperty().set("nothing-like-this");
        assertThat(vm.filteredRows()).isEmpty();
        vm.filterProperty().set("");
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(2));
        assertThat(vm.filteredRows()).extracting(ProfileRow::name).containsExactly("line-iam");
        assertThat(vm.notices()).isEmpty();
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(3));
        assertThat(vm.filteredRows()).isEmpty();
        assertThat(vm.notices()).extracting(ClusterNotice::message).containsExactly(NOT_IMPORTED);
        vm.clusterChoiceProperty().set(ClusterChoice.ALL);
        assertThat(vm.filteredRows()).hasSize(2);
        assertThat(vm.notices()).hasSize(1);
    }

    @Test
    void theSelectedProfileShowsItsLatestVersionsLayersAndItsHistory() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        assertThat(d.versions()).containsExactly(1, 2);
        assertThat(d.versionProperty().get()).isEqualTo(2);
        assertThat(field(d.osFields(), "Mode")).startsWith("Agent");
        assertThat(field(d.osFields(), "Packages")).isEqualTo("htop, jq");
        assertThat(field(d.osFields(), "NTP servers")).isEqualTo("time.aws.com");
        assertThat(field(d.osFields(), "Sysctl")).isEqualTo("vm.swappiness = 10");
        assertThat(field(d.osFields(), "Cloud-config")).isEqualTo("#cloud-config\nruncmd:\n  - echo hello");
        assertThat(field(d.kubernetesFields(), "Version")).isEqualTo("1.31");
        assertThat(field(d.kubernetesFields(), "Credential provider")).isEqualTo("ssm (SSM hybrid activations)");
        assertThat(field(d.kubernetesFields(), "Containerd source")).isEqualTo("distro");
        assertThat(field(d.kubernetesFields(), "Kubelet config")).isEqualTo("maxPods: 110");
        assertThat(field(d.kubernetesFields(), "Kubelet flags")).isEqualTo("--node-labels=store=dallas");
        assertThat(field(d.kubernetesFields(), "Containerd TOML")).isEqualTo("—");
        assertThat(field(d.networkFields(), "CNI")).isEqualTo("Cilium 1.17.6-0");
        assertThat(field(d.networkFields(), "Hybrid affinity")).isEqualTo("on");
        assertThat(field(d.networkFields(), "Pod CIDRs")).isEqualTo("10.201.0.0/16");
        assertThat(field(d.networkFields(), "BGP")).isEqualTo("off");
        assertThat(d.history()).extracting(VersionRow::versionText, VersionRow::whenText, VersionRow::byText,
                VersionRow::poolsText).containsExactly(
                        tuple("v2", "2026-12-01 11:00 UTC", "bo", "—"),
                        tuple("v1", "2026-12-01 10:00 UTC", "ana", "dallas-gpu"));

        d.versionProperty().set(1);
        assertThat(field(d.kubernetesFields(), "Version")).isEqualTo("1.30");
        assertThat(field(d.osFields(), "Packages")).isEqualTo("htop");
        assertThat(field(d.kubernetesFields(), "Kubelet config")).isEqualTo("—");

        ProfileDetailViewModel other = select("line-iam");
        assertThat(field(other.kubernetesFields(), "Credential provider")).startsWith("iam-ra");
        assertThat(field(other.networkFields(), "BGP")).isEqualTo("on");
        vm.selectedProperty().set(null);
        assertThat(other.osFields()).isEmpty();
        assertThat(other.history()).isEmpty();
    }

    @Test
    void anyTwoVersionsAreComparedFieldByFieldLayerByLayer() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        assertThat(d.diffFromProperty().get()).isEqualTo(1);
        assertThat(d.diffToProperty().get()).isEqualTo(2);
        assertThat(d.diff()).extracting(DiffRow::layerTitle, DiffRow::field, DiffRow::fromText, DiffRow::toText)
                .containsExactly(
                        tuple("OS", "packages", "(none)", "jq"),
                        tuple("OS", "cloudConfig", "(none)", "#cloud-config\nruncmd:\n  - echo hello\n"),
                        tuple("Kubernetes", "version", "1.30", "1.31"),
                        tuple("Kubernetes", "kubeletConfig.maxPods", "(none)", "110"),
                        tuple("Kubernetes", "kubeletFlags", "(none)", "--node-labels=store=dallas"));
        assertThat(d.diffSummaryProperty().get()).isEqualTo("5 changes from version 1 to version 2.");

        d.diffFromProperty().set(2);
        d.diffToProperty().set(1);
        assertThat(d.diff()).extracting(DiffRow::field, DiffRow::from, DiffRow::to)
                .contains(tuple("version", "1.31", "1.30"), tuple("packages", "jq", null));
        d.diffToProperty().set(2);
        assertThat(d.diff()).isEmpty();
        assertThat(d.diffSummaryProperty().get()).contains("no differences");
    }

    @Test
    void aVersionAPoolUsesCannotBeDeletedAndNothingIsWritten() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        d.versionProperty().set(1);
        assertThat(d.deleteRefusalProperty().get()).isEqualTo("Version 1 of profile store-pos is in use by a node pool; "
                + "move the pool to another version first.");
        assertThat(vm.deleteVersion()).contains(d.deleteRefusalProperty().get());
        assertThat(fx.stores.get("retail-edge").writes).isEmpty();

        ProfileDetailViewModel only = select("line-iam");
        assertThat(only.deleteRefusalProperty().get()).contains("in use by a node pool");
        fx.stores.get("factory").usage.clear();
        vm.load();
        assertThat(vm.detail().deleteRefusalProperty().get()).contains("the only version of profile line-iam");
        assertThat(vm.deleteVersion()).isPresent();
        assertThat(fx.stores.get("factory").writes).isEmpty();
    }

    @Test
    void anUnusedVersionIsDeletedAndTheProfileReadAgain() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        assertThat(d.versionProperty().get()).isEqualTo(2);
        assertThat(d.deleteRefusalProperty().get()).isNull();
        assertThat(vm.deleteVersion()).isEmpty();
        assertThat(fx.stores.get("retail-edge").writes).containsExactly("update store-pos v1");
        assertThat(vm.statusProperty().get()).isEqualTo("Deleted version 2 of store-pos.");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("store-pos");
        assertThat(d.versions()).containsExactly(1);
        assertThat(d.versionProperty().get()).isEqualTo(1);
        assertThat(vm.selectedProperty().get().poolsText()).isEqualTo("v1: dallas-gpu");
    }

    @Test
    void theStoresRefusalShowsAsTheMessageWhenAPoolBeganUsingTheVersionMeanwhile() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        assertThat(d.deleteRefusalProperty().get()).isNull();
        fx.stores.get("retail-edge").usage.put("store-pos", Map.of(1, List.of("dallas-gpu"), 2, List.of("austin")));
        assertThat(vm.deleteVersion()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Version 2 of profile store-pos is in use by a node pool; "
                + "move the pool to another version first.");
        assertThat(fx.stores.get("retail-edge").writes).isEmpty();
        // read again: the detail now knows why
        assertThat(d.deleteRefusalProperty().get()).contains("in use by a node pool");
        assertThat(vm.selectedProperty().get().poolsText()).isEqualTo("v1: dallas-gpu · v2: austin");
    }

    @Test
    void newProfileGoesToTheChosenClusterAndItsSaveIsSelectedAtItsLatestVersion() {
        vm.load();
        assertThat(vm.newProfileClusterProperty().get()).isNull();
        assertThat(vm.newProfileHintProperty().get()).startsWith("Choose a cluster");
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(3));
        assertThat(vm.newProfileClusterProperty().get()).isNull();
        assertThat(vm.newProfileHintProperty().get()).isEqualTo("Profiles cannot be written in broken-edge: "
                + NOT_IMPORTED);
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(2));
        assertThat(vm.newProfileClusterProperty().get()).isEqualTo(FACTORY);

        vm.newProfile();
        assertThat(fx.launcher.calls).containsExactly("new profile in factory");
        ClusterProfile created = ClusterProfile.create("edge-gpu", ProfileFixtures.v2(), T0, "ana");
        fx.stores.get("factory").put(created);
        fx.launcher.saved.accept(created);
        assertThat(vm.selectedProperty().get().key()).isEqualTo("us-east-1/factory/edge-gpu");
        assertThat(vm.detail().versionProperty().get()).isEqualTo(1);
        assertThat(vm.filteredRows()).extracting(ProfileRow::name).containsExactly("edge-gpu", "line-iam");
    }

    @Test
    void newVersionStartsFromTheProfileAsReadAndItsSaveIsSelectedAndCompared() {
        vm.load();
        ProfileDetailViewModel d = select("store-pos");
        d.versionProperty().set(1);
        // with All clusters, a selected profile says where a new profile goes
        assertThat(vm.newProfileClusterProperty().get()).isEqualTo(RETAIL);
        vm.newVersion();
        assertThat(fx.launcher.calls).containsExactly("new version of store-pos in retail-edge");
        assertThat(fx.launcher.base).isEqualTo(row("store-pos").profile());

        MemoryProfiles store = fx.stores.get("retail-edge");
        ClusterProfile three = fx.launcher.base.save(ProfileFixtures.v1(), T0.plusSeconds(7200), "ana").profile();
        store.put(three);
        fx.launcher.saved.accept(three);
        assertThat(vm.selectedProperty().get().latestText()).isEqualTo("v3");
        assertThat(d.versions()).containsExactly(1, 2, 3);
        assertThat(d.versionProperty().get()).isEqualTo(3);
        assertThat(d.diffFromProperty().get()).isEqualTo(2);
        assertThat(d.diffToProperty().get()).isEqualTo(3);
        assertThat(d.diff()).extracting(DiffRow::field, DiffRow::from, DiffRow::to).contains(tuple("version", "1.31", "1.30"));
        assertThat(vm.statusProperty().get()).isEqualTo("Saved version 3 of store-pos in retail-edge.");
    }

    @Test
    void aClusterThatAppearsAfterTheLoadIsReadAndOneThatGoesTakesItsRows() {
        fx.fleet.remove(1);
        vm.load();
        assertThat(vm.rows()).extracting(ProfileRow::name).containsExactly("store-pos");
        fx.fleet.add(ProfileFixtures.row(FACTORY));
        assertThat(vm.rows()).extracting(ProfileRow::name).containsExactly("store-pos", "line-iam");
        vm.selectedProperty().set(row("store-pos"));
        fx.fleet.remove(0);
        assertThat(vm.rows()).extracting(ProfileRow::name).containsExactly("line-iam");
        assertThat(vm.clusters()).extracting(Cluster::name).doesNotContain("retail-edge");
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.detail().rowProperty().get()).isNull();
    }

    @Test
    void aReadThatWasSupersededIsIgnoredAndBusyEndsWithTheLastRead() {
        Deferring runner = new Deferring();
        ProfilesViewModel slow = new ProfilesViewModel(fx.fleet,
                c -> disconnected.contains(c.name()) ? Optional.empty() : Optional.of(ACCESS), fx.services(), fx.launcher,
                runner);
        slow.load();
        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(runner.pending).hasSize(3);
        // retail-edge is read again after a profile was added, while its first read is still running
        fx.stores.get("retail-edge").put(ClusterProfile.create("edge-gpu", ProfileFixtures.v1(), T0, "ana"));
        slow.loadCluster(RETAIL, null);
        runner.pending.pollLast().run();
        assertThat(slow.rows()).extracting(ProfileRow::name).containsExactly("edge-gpu", "store-pos");
        // the first read ends last, with what the cluster held before: it is ignored
        fx.stores.get("retail-edge").objects.remove("edge-gpu");
        runner.runAll();
        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(slow.rows()).extracting(ProfileRow::name).containsExactly("edge-gpu", "store-pos", "line-iam");

        // a read still running when the cluster is no longer reachable ends nothing: busy follows the newest
        slow.loadCluster(FACTORY, null);
        assertThat(slow.busyProperty().get()).isTrue();
        disconnected = Set.of("factory");
        slow.loadCluster(FACTORY, null);
        assertThat(slow.busyProperty().get()).isFalse();
        runner.runAll();
        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(slow.rows()).extracting(ProfileRow::name).containsExactly("edge-gpu", "store-pos");
        assertThat(slow.notices()).extracting(ClusterNotice::message).contains(
                "Not connected to factory yet: its profiles show once the cluster is reached.");
    }

    /** Queues every task until the test runs them, as the FX runner's background threads would. */
    static final class Deferring extends AbstractTaskRunner {
        final Deque<Runnable> pending = new ArrayDeque<>();

        @Override
        protected <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done) {
            pending.add(() -> SyncTaskRunner.runNow(work, done));
        }

        @Override
        protected <T> void follow(CompletableFuture<T> future, BiConsumer<T, Throwable> done) {
            execute("", future::join, done);
        }

        void runAll() {
            while (!pending.isEmpty()) {
                pending.poll().run();
            }
        }
    }

    @Test
    void exportIsTheYamlThatApplyAccepts() {
        vm.load();
        assertThat(vm.exportYaml()).isEmpty();
        select("store-pos");
        String yaml = vm.exportYaml();
        assertThat(yaml).contains("kind: ClusterProfile");
        assertThat(ProfileMapper.fromYaml(yaml)).isEqualTo(row("store-pos").profile());
    }
}
