package dev.hybridpane.ui.profiles.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.MemoryProfiles;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.ExtraFile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.OsMode;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.profiles.ProfilesServices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile wizard's view model, step by step, on an in-memory store with the synchronous runner. */
class ProfileWizardViewModelTest {
    static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
    static final String ANA = "arn:aws:iam::111122223333:user/ana";
    /** Control plane 1.31, remote pod network 10.201.0.0/16. */
    static final Cluster CLUSTER = TestData.cluster("us-west-2", "retail-edge", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);

    final MemoryProfiles store = new MemoryProfiles();
    final ProfilesServices services = new ProfilesServices((ref, access) -> store, () -> ANA, Clock.fixed(T0, ZoneOffset.UTC));
    final ProfileWizards wizards = new ProfileWizards(services,
            c -> Optional.of(new ClusterAccess.KubeconfigContext("retail-edge")), new SyncTaskRunner());
    final List<ClusterProfile> saved = new ArrayList<>();

    static ProfileLayers layers(String k8s) {
        return new ProfileLayers(OsLayer.agent(List.of("chrony"), List.of("time.example.com"), Map.of("net.core.somaxconn", "1024"),
                List.of(new ExtraFile("/etc/motd", "hello\n", "0644")), ""),
                new KubernetesLayer(k8s, CredentialProvider.SSM, ContainerdSource.NONE, Map.of("maxPods", 110L),
                        List.of("--node-labels=tier=edge"), ""),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    static ClusterProfile storePos() {
        return ClusterProfile.create("store-pos", layers("1.30"), T0.minusSeconds(3600), "bo");
    }

    ProfileWizardViewModel newProfile() {
        wizards.newProfile(CLUSTER, saved::add);
        return (ProfileWizardViewModel) wizards.openProperty().get();
    }

    ProfileWizardViewModel newVersion(ClusterProfile base) {
        wizards.newVersion(CLUSTER, base, saved::add);
        return (ProfileWizardViewModel) wizards.openProperty().get();
    }

    @Test
    void theNameIsCheckedAsTypedAndMustNotTakeAnExistingOne() {
        store.put(storePos());
        ProfileWizardViewModel vm = newProfile();
        ProfileNameStepViewModel p = vm.profile();
        assertThat(vm.currentProperty().get()).isSameAs(vm.profileStep());
        assertThat(vm.canNextProperty().get()).as("no name yet").isFalse();
        assertThat(p.nameErrorProperty().get()).as("nothing said before typing").isNull();

        p.nameProperty().set("Store POS");
        assertThat(p.nameErrorProperty().get()).contains("lower-case letters");
        assertThat(vm.canNextProperty().get()).isFalse();
        p.nameProperty().set("store-pos");
        assertThat(p.nameErrorProperty().get()).contains("already has a profile named store-pos");
        assertThat(vm.canNextProperty().get()).isFalse();
        p.nameProperty().set("");
        assertThat(p.nameErrorProperty().get()).isEqualTo("Enter a profile name.");
        p.nameProperty().set("kiosk");
        assertThat(p.nameErrorProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.osStep());
    }

    @Test
    void aNewVersionShowsTheNameAndItsBaseReadOnlyAndStartsFromTheLatestLayers() {
        ProfileWizardViewModel vm = newVersion(storePos());
        assertThat(vm.profile().profileName()).isEqualTo("store-pos");
        assertThat(vm.profile().basedOn()).contains("Based on version 1").contains("bo").contains("version 2");
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(vm.layers()).as("the steps hold the latest version as it is").isEqualTo(layers("1.30"));
        assertThat(vm.os().sysctlProperty().get()).isEqualTo("net.core.somaxconn=1024");
        assertThat(vm.kubernetes().kubeletConfigProperty().get()).contains("maxPods: 110");
    }

    @Test
    void osErrorsAppearUnderTheirFieldAndBlockNextWhileWarningsDoNot() {
        ProfileWizardViewModel vm = newProfile();
        vm.profile().nameProperty().set("kiosk");
        vm.next();
        OsLayerStepViewModel os = vm.os();
        assertThat(vm.canNextProperty().get()).as("an empty agent layer is fine").isTrue();

        os.packagesProperty().set("chrony\n\nbad package!");
        assertThat(os.errorProperty(OsLayerStepViewModel.PACKAGES).get()).startsWith("Line 3: 'bad package!'");
        assertThat(os.errorProperty(OsLayerStepViewModel.NTP).get()).isNull();
        assertThat(vm.canNextProperty().get()).isFalse();
        os.packagesProperty().set("chrony");
        assertThat(vm.canNextProperty().get()).isTrue();

        os.sysctlProperty().set("net.ipv4.ip_forward=0\nnot a line");
        assertThat(os.errorProperty(OsLayerStepViewModel.SYSCTL).get()).isEqualTo("Line 2: write key=value, such as "
                + "net.core.somaxconn=1024.");
        assertThat(os.warningProperty(OsLayerStepViewModel.SYSCTL).get()).contains("nodeadm sets net.ipv4.ip_forward=1");
        assertThat(vm.canNextProperty().get()).isFalse();
        os.sysctlProperty().set("net.ipv4.ip_forward=0");
        assertThat(os.errorProperty(OsLayerStepViewModel.SYSCTL).get()).isNull();
        assertThat(vm.canNextProperty().get()).as("a warning does not block").isTrue();

        os.addFile();
        ExtraFileViewModel f = os.files().get(0);
        f.pathProperty().set("etc/relative");
        f.permissionsProperty().set("999");
        assertThat(f.errorProperty().get()).contains("must be an absolute file path").contains("'999' is not octal");
        assertThat(vm.canNextProperty().get()).isFalse();
        f.pathProperty().set("/etc/hybrid.conf");
        f.permissionsProperty().set("0600");
        assertThat(f.errorProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();

        os.cloudConfigProperty().set("runcmd:\n  - echo hi");
        assertThat(os.errorProperty(OsLayerStepViewModel.CLOUD_CONFIG).get()).contains("must begin with the line #cloud-config");
        assertThat(vm.canNextProperty().get()).isFalse();
        os.cloudConfigProperty().set("#cloud-config\nruncmd:\n  - echo hi\n");
        assertThat(vm.canNextProperty().get()).isTrue();
    }

    @Test
    void applianceModeNeedsAnImageAndGeneratesTheArgFileAndUserData() {
        ProfileWizardViewModel vm = newProfile();
        vm.profile().nameProperty().set("kiosk");
        vm.next();
        OsLayerStepViewModel os = vm.os();
        os.packagesProperty().set("chrony");
        os.modeProperty().set(OsMode.APPLIANCE);
        assertThat(os.errorProperty(OsLayerStepViewModel.IMAGE).get()).contains("needs the provider image's reference");
        assertThat(vm.canNextProperty().get()).isFalse();
        os.imageProperty().set("registry.example.com/edge/ubuntu-nodeadm");
        assertThat(os.errorProperty(OsLayerStepViewModel.IMAGE).get()).isNull();
        assertThat(os.warningProperty(OsLayerStepViewModel.IMAGE).get()).contains("names no tag or digest");
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(os.argFileProperty().get()).isEqualTo("K8S_DISTRIBUTION=nodeadm\nK8S_VERSION=1.31\n");
        vm.kubernetes().versionProperty().set("1.30");
        assertThat(os.argFileProperty().get()).as("follows the Kubernetes step").contains("K8S_VERSION=1.30");
        assertThat(os.installerUserData()).isEqualTo(OsLayer.installerUserData()).contains("/eks-hybrid");
        assertThat(vm.layers().os()).as("only the chosen mode is stored")
                .isEqualTo(OsLayer.appliance("registry.example.com/edge/ubuntu-nodeadm"));
    }

    @Test
    void kubernetesErrorsAppearUnderTheirFieldAndTheSkewNamesBothVersions() {
        ProfileWizardViewModel vm = toStep("kiosk", 2);
        KubernetesLayerStepViewModel k = vm.kubernetes();
        assertThat(vm.currentProperty().get()).isSameAs(vm.kubernetesStep());
        assertThat(k.versionProperty().get()).as("the control plane's minor").isEqualTo("1.31");
        assertThat(k.versions()).contains("1.31", "1.32").doesNotHaveDuplicates();
        assertThat(k.warningProperty(KubernetesLayerStepViewModel.CONTAINERD).get()).as("distro on RHEL").contains("RHEL");
        assertThat(vm.canNextProperty().get()).as("a warning does not block").isTrue();

        k.versionProperty().set("1.32");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.VERSION).get()).contains("1.32").contains("1.31")
                .contains("retail-edge");
        assertThat(vm.canNextProperty().get()).isFalse();
        k.versionProperty().set("1.31");
        assertThat(vm.canNextProperty().get()).isTrue();

        k.kubeletFlagsProperty().set("--max-pods=50\n--hostname-override=pos-1");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.FLAGS).get()).startsWith("Line 2: nodeadm refuses --hostname-override");
        assertThat(vm.canNextProperty().get()).isFalse();
        k.kubeletFlagsProperty().set("--node-labels=tier=edge");
        k.kubeletConfigProperty().set("maxPods: [110");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG).get()).startsWith("Not valid YAML or JSON");
        assertThat(vm.canNextProperty().get()).isFalse();
        k.kubeletConfigProperty().set("- maxPods: 110");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG).get()).contains("is a map");
        k.kubeletConfigProperty().set("data: !!binary aGVsbG8=");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG).get()).contains("holds a byte[]");
        assertThat(vm.canNextProperty().get()).isFalse();
        k.kubeletConfigProperty().set("{\"maxPods\": 110}");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG).get()).isNull();
        assertThat(vm.layers().kubernetes().kubeletConfig()).isEqualTo(Map.of("maxPods", 110L));
        k.containerdConfigProperty().set("[plugins\nx = ");
        assertThat(k.errorProperty(KubernetesLayerStepViewModel.TOML).get()).contains("not valid TOML");
        assertThat(vm.canNextProperty().get()).isFalse();
        k.containerdConfigProperty().set("version = 2\n");
        k.providerProperty().set(CredentialProvider.IAM_RA);
        assertThat(k.warningProperty(KubernetesLayerStepViewModel.PROVIDER).get()).contains("IAM Roles Anywhere");
        k.containerdProperty().set(ContainerdSource.NONE);
        assertThat(k.warningProperty(KubernetesLayerStepViewModel.CONTAINERD).get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
    }

    @Test
    void networkErrorsAppearUnderTheirFieldAndThePodCidrsStartFromTheCluster() {
        ProfileWizardViewModel vm = toStep("kiosk", 3);
        NetworkLayerStepViewModel n = vm.network();
        assertThat(vm.currentProperty().get()).isSameAs(vm.networkStep());
        assertThat(n.podCidrsProperty().get()).as("the cluster's remote pod networks").isEqualTo("10.201.0.0/16");
        assertThat(vm.canNextProperty().get()).isTrue();

        n.versionProperty().set("latest");
        assertThat(n.errorProperty(NetworkLayerStepViewModel.VERSION).get()).contains("'latest' is not a version");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.versionProperty().set("1.17.6");
        n.podCidrsProperty().set("10.201.0.0/16\n10.201.128.0/17");
        assertThat(n.errorProperty(NetworkLayerStepViewModel.POD_CIDRS).get()).startsWith("Line 2: 10.201.128.0/17 overlaps");
        assertThat(vm.canNextProperty().get()).isFalse();
        n.podCidrsProperty().set("10.202.0.0/16");
        assertThat(n.errorProperty(NetworkLayerStepViewModel.POD_CIDRS).get()).isNull();
        assertThat(n.warningProperty(NetworkLayerStepViewModel.POD_CIDRS).get()).contains("not within the remote pod networks");
        n.podCidrsProperty().set("");
        assertThat(n.errorProperty(NetworkLayerStepViewModel.POD_CIDRS).get()).contains("Cilium's cluster-pool IPAM needs");
        n.cniProperty().set(CniKind.CUSTOM);
        assertThat(n.errorProperty(NetworkLayerStepViewModel.POD_CIDRS).get()).isNull();
        n.cniProperty().set(CniKind.CALICO);
        n.hybridAffinityProperty().set(false);
        assertThat(n.warningProperty(NetworkLayerStepViewModel.AFFINITY).get()).contains("Without the hybrid node affinity");
        assertThat(vm.canNextProperty().get()).isTrue();
        n.bgpProperty().set(true);
        assertThat(vm.layers().network()).isEqualTo(new NetworkLayer(CniKind.CALICO, "1.17.6", false, List.of(), true));
    }

    /** A new profile named {@code name}, moved on {@code nexts} steps with the defaults. */
    ProfileWizardViewModel toStep(String name, int nexts) {
        ProfileWizardViewModel vm = newProfile();
        vm.profile().nameProperty().set(name);
        for (int i = 0; i < nexts; i++) {
            assertThat(vm.canNextProperty().get()).as("step " + vm.currentProperty().get().title()).isTrue();
            vm.next();
        }
        return vm;
    }

    @Test
    void reviewShowsTheObjectAndSaveStoresANewProfile() {
        ProfileWizardViewModel vm = toStep("kiosk", 4);
        assertThat(vm.currentProperty().get()).isSameAs(vm.reviewStep());
        assertThat(vm.nextTextProperty().get()).isEqualTo("Save");
        assertThat(vm.yamlProperty().get()).contains("kind: ClusterProfile").contains("name: kiosk")
                .contains("createdBy: " + ANA).contains("version: \"1.31\"");
        assertThat(ProfileMapper.fromYaml(vm.yamlProperty().get()).latest().layers()).isEqualTo(vm.layers());
        assertThat(vm.warnings()).anySatisfy(w -> assertThat(w.field()).isEqualTo("kubernetes.containerdSource"));
        assertThat(vm.diffProperty().get()).isEmpty();
        assertThat(store.writes).as("nothing stored before Save").isEmpty();

        vm.next();
        assertThat(store.writes).containsExactly("create kiosk");
        assertThat(store.objects.get("kiosk").profile().latest().layers()).isEqualTo(vm.layers());
        assertThat(store.objects.get("kiosk").profile().latest().createdBy()).isEqualTo(ANA);
        assertThat(saved).extracting(ClusterProfile::name).containsExactly("kiosk");
        assertThat(wizards.openProperty().get()).as("closed after a plain save").isNull();
    }

    @Test
    void aNewVersionReviewsTheDiffAndIsStoredAsVersionTwo() {
        store.put(storePos());
        ProfileWizardViewModel vm = newVersion(storePos());
        vm.next();
        vm.os().packagesProperty().set("chrony\nhtop");
        vm.next();
        vm.kubernetes().versionProperty().set("1.31");
        vm.next();
        vm.next();
        assertThat(vm.diffProperty().get()).contains("os.packages: +htop").contains("kubernetes.version: 1.30 → 1.31");
        assertThat(vm.yamlProperty().get()).contains("version: 2").contains("createdBy: bo");
        vm.next();
        assertThat(store.writes).containsExactly("update store-pos v2");
        assertThat(store.objects.get("store-pos").profile().versions()).hasSize(2);
        assertThat(store.objects.get("store-pos").profile().latest().kubernetes().version()).isEqualTo("1.31");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).latest().number()).isEqualTo(2);
        assertThat(wizards.openProperty().get()).isNull();
    }

    @Test
    void identicalContentIsUnchangedAndNothingIsWritten() {
        store.put(storePos());
        ProfileWizardViewModel vm = newVersion(storePos());
        vm.next();
        vm.next();
        vm.next();
        vm.next();
        assertThat(vm.diffProperty().get()).isEqualTo("No changes from version 1: saving stores nothing.");
        vm.next();
        assertThat(store.writes).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEqualTo("No changes: version 1 already holds this; nothing was stored.");
        assertThat(vm.nextTextProperty().get()).isEqualTo("Close");
        assertThat(vm.canBackProperty().get()).isFalse();
        assertThat(saved).as("nothing was saved").isEmpty();
        vm.next();
        assertThat(wizards.openProperty().get()).isNull();
    }

    @Test
    void aRivalSaveMeanwhileIsDescribedAndTheContentIsStillSavedOnTop() {
        store.put(storePos());
        ProfileWizardViewModel vm = newVersion(storePos());
        vm.next();
        vm.next();
        vm.kubernetes().versionProperty().set("1.31");
        vm.next();
        vm.next();
        store.beforeNextWrite = () -> store.put(storePos().save(withPackages("chrony", "tcpdump"), T0, "carla").profile());
        vm.next();
        assertThat(store.writes).containsExactly("update store-pos v3");
        ClusterProfile now = store.objects.get("store-pos").profile();
        assertThat(now.version(2).orElseThrow().createdBy()).as("the rival's version kept").isEqualTo("carla");
        assertThat(now.latest().kubernetes().version()).isEqualTo("1.31");
        assertThat(vm.outcomeProperty().get()).contains("changed while you edited it: version 2 by carla")
                .contains("os.packages: +tcpdump").contains("saved on top of it as version 3 of store-pos");
        assertThat(saved).extracting(p -> p.latest().number()).containsExactly(3);
        assertThat(vm.nextTextProperty().get()).isEqualTo("Close");
        assertThat(wizards.openProperty().get()).as("stays open to say so").isSameAs(vm);
        vm.next();
        assertThat(wizards.openProperty().get()).isNull();
    }

    @Test
    void aProfileCreatedMeanwhileUnderTheSameNameIsSaidAndYoursIsSavedOnTop() {
        ProfileWizardViewModel vm = toStep("kiosk", 4);
        store.beforeNextWrite = () -> store.put(ClusterProfile.create("kiosk", layers("1.30"), T0, "bo"));
        vm.next();
        assertThat(store.writes).as("the create met a 409; the update went on top").containsExactly("update kiosk v2");
        ClusterProfile now = store.objects.get("kiosk").profile();
        assertThat(now.version(1).orElseThrow().createdBy()).isEqualTo("bo");
        assertThat(now.latest().layers()).isEqualTo(vm.layers());
        assertThat(vm.outcomeProperty().get()).isEqualTo("Profile kiosk was created in cluster retail-edge while you were "
                + "typing yours: version 1 by bo.\n\nYour content was saved on top of it as version 2 of kiosk.");
        assertThat(saved).extracting(p -> p.latest().number()).containsExactly(2);
    }

    @Test
    void aFailedSaveIsSaidOnReviewAndSaveCanBeTriedAgain() {
        ProfileWizardViewModel vm = toStep("kiosk", 4);
        store.beforeNextWrite = () -> {
            throw new ProfileStoreException("The Kubernetes API of retail-edge did not answer.", null);
        };
        vm.next();
        assertThat(vm.errorProperty().get()).isEqualTo("Profile kiosk was not saved: The Kubernetes API of retail-edge "
                + "did not answer.");
        assertThat(store.writes).isEmpty();
        assertThat(vm.busyProperty().get()).isEmpty();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Save");
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(saved).isEmpty();
        vm.next();
        assertThat(store.writes).containsExactly("create kiosk");
        assertThat(wizards.openProperty().get()).isNull();
    }

    static ProfileLayers withPackages(String... packages) {
        ProfileLayers l = layers("1.30");
        OsLayer os = l.os();
        return new ProfileLayers(OsLayer.agent(List.of(packages), os.ntpServers(), os.sysctl(), os.files(), os.cloudConfig()),
                l.kubernetes(), l.network());
    }

    @Test
    void aClusterThatIsNotConnectedSaysSoAndCannotGoOn() {
        ProfileWizards offline = new ProfileWizards(services, c -> Optional.empty(), new SyncTaskRunner());
        offline.newProfile(CLUSTER, saved::add);
        ProfileWizardViewModel vm = (ProfileWizardViewModel) offline.openProperty().get();
        vm.profile().nameProperty().set("kiosk");
        assertThat(vm.errorProperty().get()).contains("Not connected to retail-edge");
        assertThat(vm.canNextProperty().get()).as("the names could not be read").isFalse();
        vm.close();
        assertThat(offline.openProperty().get()).isNull();
    }
}
