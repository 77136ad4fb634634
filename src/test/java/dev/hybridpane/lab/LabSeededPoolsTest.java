package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

/**
 * The lab's world is coherent from the first start: its seeded pools are HybridNodePool objects over lab edge hosts that
 * the lab's simulated nodeadm installed and initialised, so that the inventory, the pools, the Nodes and SSM agree.
 */
class LabSeededPoolsTest {
    static final ResourceDefinitionContext POOLS = context("HybridNodePool", "hybridnodepools");
    static final ResourceDefinitionContext HOSTS = context("EdgeHost", "edgehosts");
    static final ResourceDefinitionContext SITES = context("Site", "sites");
    static Lab lab;
    static KubernetesClient kube;
    static SsmClient ssm;

    static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("hybridpane.dev").withVersion("v1alpha1").withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        kube = lab.kube().client("us-west-2/retail-edge");
        ssm = SsmClient.builder().endpointOverride(lab.awsEndpoint()).region(Region.US_WEST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Lab.ACCESS_KEY_ID,
                        Lab.SECRET_ACCESS_KEY))).build();
    }

    @AfterAll
    static void stop() {
        ssm.close();
        lab.close();
    }

    static GenericKubernetesResource pool(String name) {
        return kube.genericKubernetesResources(POOLS).inNamespace("hybridpane-system").withName(name).get();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void eachSeededPoolIsAPoolObjectWhoseMembersAreItsHostsReadyNodes() {
        for (String name : List.of("dallas-gpu", "store-pos")) {
            GenericKubernetesResource p = pool(name);
            assertThat(p).as(name).isNotNull();
            Map<String, Object> spec = map(p.getAdditionalProperties().get("spec"));
            Map<String, Object> status = map(p.getAdditionalProperties().get("status"));
            List<String> hosts = list(spec.get("hosts")).stream().map(h -> (String) h.get("host")).toList();
            assertThat(hosts).hasSize(4);
            assertThat(status).containsEntry("phase", "Running").containsEntry("ready", "4/4");
            assertThat(map(status.get("nodes"))).containsEntry("ready", 4).containsEntry("total", 4);
            List<Map<String, Object>> members = list(status.get("members"));
            assertThat(members.stream().map(m -> (String) m.get("host")).toList()).isEqualTo(hosts);
            for (Map<String, Object> m : members) {
                Node n = kube.nodes().withName((String) m.get("node")).get();
                assertThat(n).as(m.toString()).isNotNull();
                assertThat(n.getMetadata().getLabels()).containsEntry("hybridpane.dev/pool", name)
                        .containsEntry("hybridpane.dev/site", (String) spec.get("site"))
                        .containsEntry("hybridpane.dev/profile", (String) map(spec.get("profile")).get("name"))
                        .containsEntry("hybridpane.dev/profile-version", "1");
                assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + m.get("node"));
                assertThat(n.getStatus().getConditions()).anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
            }
        }
        assertThat(list(map(pool("dallas-gpu").getAdditionalProperties().get("status")).get("members")))
                .allSatisfy(m -> assertThat((String) m.get("node")).matches("mi-[0-9a-f]{17}"));
        assertThat(list(map(pool("store-pos").getAdditionalProperties().get("status")).get("members")))
                .extracting(m -> m.get("node")).containsExactly("store-pos-01", "store-pos-02", "store-pos-03", "store-pos-04");
    }

    @Test
    void theHybridNodesAreExactlyThePoolsMembersAndSsmKnowsTheSsmOnes() {
        Set<String> members = new TreeSet<>();
        Set<String> ssmMembers = new TreeSet<>();
        for (String name : List.of("dallas-gpu", "store-pos")) {
            list(map(pool(name).getAdditionalProperties().get("status")).get("members")).forEach(m -> {
                members.add((String) m.get("node"));
                if (name.equals("dallas-gpu")) {
                    ssmMembers.add((String) m.get("node"));
                }
            });
        }
        Set<String> hybrid = kube.nodes().withLabel("eks.amazonaws.com/compute-type", "hybrid").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(hybrid).isEqualTo(members);
        List<InstanceInformation> instances = ssm.describeInstanceInformation().instanceInformationList();
        Set<String> ids = instances.stream().map(InstanceInformation::instanceId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ids).containsAll(ssmMembers);
        for (InstanceInformation i : instances) {
            if (ssmMembers.contains(i.instanceId())) {
                Node n = kube.nodes().withName(i.instanceId()).get();
                assertThat(i.ipAddress()).isEqualTo(n.getStatus().getAddresses().get(0).getAddress());
                assertThat(i.platformName()).isEqualTo("Ubuntu");
            }
        }
        assertThat(ssm.describeActivations().activationList()).anySatisfy(a -> {
            assertThat(a.defaultInstanceName()).isEqualTo("dallas-gpu");
            assertThat(a.registrationLimit()).isEqualTo(4);
            assertThat(a.registrationsCount()).isEqualTo(4);
        });
    }

    @Test
    void theInventoryHoldsThePoolsHostsInPoolAndTheirSites() {
        List<GenericKubernetesResource> hosts = kube.genericKubernetesResources(HOSTS).inNamespace("hybridpane-system").list()
                .getItems();
        assertThat(hosts).extracting(h -> h.getMetadata().getName()).containsExactlyInAnyOrder("dallas-18", "dallas-19",
                "dallas-20", "dallas-21", "austin-11", "austin-12", "austin-13", "austin-14");
        for (GenericKubernetesResource h : hosts) {
            Map<String, Object> spec = map(h.getAdditionalProperties().get("spec"));
            Map<String, Object> status = map(h.getAdditionalProperties().get("status"));
            String name = h.getMetadata().getName();
            assertThat(spec).containsEntry("address", "127.0.0.1").containsEntry("sudo", "passwordless")
                    .containsEntry("port", lab.hostFleet().port(name));
            assertThat(status).containsEntry("phase", "InPool")
                    .containsEntry("pool", name.startsWith("dallas") ? "dallas-gpu" : "store-pos")
                    .containsEntry("kubeletVersion", "v1.31.7-eks-473151a");
        }
        assertThat(kube.genericKubernetesResources(SITES).inNamespace("hybridpane-system").list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("dallas-dc", "austin-store-112");
    }

    @Test
    void theHostsWereInstalledByNodeadmAndKeepTheirFilesOverSsh() {
        LabEdgeHosts edge = lab.edgeHosts();
        assertThat(edge.hosts().stream().filter(h -> h.name().equals("dallas-18")).findFirst().orElseThrow().port())
                .isEqualTo(lab.hostFleet().port("dallas-18"));
        var tracker = edge.exec("dallas-18", "sudo -n cat /opt/nodeadm/tracker", null);
        assertThat(tracker.exit()).isZero();
        assertThat(tracker.stdout()).contains("Ssm: true");
        assertThat(edge.exec("dallas-18", "cat /etc/hybridpane/nodeconfig.yaml", null).exit())
                .as("the NodeConfig is 0600: not readable without sudo").isNotZero();
        assertThat(edge.exec("dallas-18", "sudo -n nodeadm config check -c file:///etc/hybridpane/nodeconfig.yaml", null)
                .exit()).isZero();
        assertThat(edge.exec("austin-11", "systemctl is-active kubelet", null).stdout()).isEqualTo("active\n");
        assertThat(edge.exec("austin-11", "sudo -n cat /etc/iam/pki/server.pem", null).stdout()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void afterTheSeededPoolsDallasStillHasAtLeastSixFreeUbuntuHosts() {
        Set<String> taken = new TreeSet<>();
        kube.genericKubernetesResources(POOLS).inNamespace("hybridpane-system").list().getItems().forEach(p ->
                list(map(p.getAdditionalProperties().get("spec")).get("hosts")).forEach(h -> taken.add((String) h.get("host"))));
        List<String> free = new ArrayList<>();
        for (LabHostProfile p : LabHostProfile.world()) {
            if (p.site().equals("dallas-dc") && p.distro().startsWith("ubuntu-2") && !p.distro().equals("ubuntu-20.04")
                    && p.sudoPassword() == null && p.kubelet() == null && p.behaviour() == LabHostProfile.Behaviour.NORMAL
                    && !taken.contains(p.name())) {
                free.add(p.name());
            }
        }
        assertThat(free).hasSizeGreaterThanOrEqualTo(6);
    }

    static boolean ready(String node) {
        return kube.nodes().withName(node).get().getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    @Test
    void theSimulationTakesALiveNodeAwayAndItsKubeletStaysSilentUntilItComesBack() throws Exception {
        LabSimulation sim = new LabSimulation(lab.kube().server("us-west-2/retail-edge"));
        String name = sim.tick();
        assertThat(name).as("a seeded pool's node").isNotNull();
        assertThat(ready(name)).isFalse();
        lab.nodeadmBackend().kubelets().tick();
        assertThat(ready(name)).as("its kubelet posts nothing while it is away").isFalse();
        assertThat(sim.tick()).isEqualTo(name);
        assertThat(ready(name)).isTrue();
        lab.nodeadmBackend().kubelets().tick();
        assertThat(ready(name)).as("its kubelet posts again").isTrue();
    }
}
