package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CreateActivationResponse;

/** The lab's edge hosts reach the lab itself: nodeadm init on a lab host registers with the lab's SSM and its Node appears. */
class LabEdgeNodeadmWiringTest {
    static Lab lab;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        System.setProperty("hybridpane.lab.nodeadm.ms", "100");
        lab = Lab.start(LabWorld.load(), null);
        ssm = SsmClient.builder().endpointOverride(lab.awsEndpoint()).region(Region.US_WEST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Lab.ACCESS_KEY_ID,
                        Lab.SECRET_ACCESS_KEY))).build();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("hybridpane.lab.nodeadm.ms");
        ssm.close();
        lab.close();
    }

    @Test
    void initOnALabHostMakesANodeInRetailEdge() throws Exception {
        LabEdgeHosts hosts = lab.edgeHosts();
        CreateActivationResponse a = ssm.createActivation(b -> b.iamRole("retail-edge-hybrid-ssm").registrationLimit(1)
                .defaultInstanceName("wiring"));
        String cfg = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: retail-edge\n"
                + "    region: us-west-2\n  kubelet:\n    flags:\n      - --node-labels=hybridpane.dev/pool=wiring\n"
                + "  hybrid:\n    ssm:\n      activationCode: " + a.activationCode() + "\n      activationId: "
                + a.activationId() + "\n";
        var put = hosts.exec("dallas-16", "sudo -n install -D -m 0600 /dev/stdin /etc/hybridpane/nodeconfig.yaml",
                cfg.getBytes(StandardCharsets.UTF_8));
        assertThat(put.exit()).as(put.stderr()).isZero();
        var install = hosts.exec("dallas-16", "sudo -n nodeadm install 1.31 -p ssm -s distro", null);
        assertThat(install.exit()).as(install.stderr()).isZero();
        var init = hosts.exec("dallas-16", "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml", null);
        assertThat(init.exit()).as(init.stderr()).isZero();
        String reg = hosts.exec("dallas-16", "sudo -n cat /var/lib/amazon/ssm/registration", null).stdout();
        assertThat(reg).matches("\\{\"ManagedInstanceID\":\"mi-[0-9a-f]{17}\",\"Region\":\"us-west-2\"}");
        String node = reg.substring(22, 42);
        var client = lab.kube().client("us-west-2/retail-edge");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.nodes().withName(node).get() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var n = client.nodes().withName(node).get();
        assertThat(n).as("Node " + node).isNotNull();
        assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + node);
        assertThat(n.getMetadata().getLabels()).containsEntry("hybridpane.dev/pool", "wiring");
        assertThat(ssm.describeInstanceInformation().instanceInformationList())
                .anySatisfy(i -> assertThat(i.instanceId()).isEqualTo(node));
    }
}
