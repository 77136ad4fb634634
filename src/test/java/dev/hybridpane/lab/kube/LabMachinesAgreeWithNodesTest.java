package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.aws.LabMachines;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instances the lab's AWS answers with (EC2 network interfaces of the cloud nodes, SSM managed instances of the
 * hybrid nodes) are the Nodes its Kubernetes API servers hold: same instance ids, names and addresses, in the seeded
 * world and in a scaled one.
 */
class LabMachinesAgreeWithNodesTest {

    @Test
    void cloudNodesAndSsmManagedInstancesAreTheClustersNodes() {
        for (LabWorld world : List.of(LabWorld.load(), LabWorld.load().scaled(120))) {
            for (LabCluster c : world.clusters()) {
                LabNodeFactory nodes = new LabNodeFactory(c, Instant.parse("2024-06-01T09:30:00Z"));
                List<ObjectNode> cloud = nodes.cloudNodes();
                List<LabMachines.CloudNode> ec2 = LabMachines.cloudNodes(c);
                assertThat(ec2).hasSameSizeAs(cloud);
                for (int i = 0; i < cloud.size(); i++) {
                    ObjectNode node = cloud.get(i);
                    LabMachines.CloudNode machine = ec2.get(i);
                    assertThat(node.path("spec").path("providerID").asText()).as(c.name())
                            .isEqualTo("aws:///" + machine.subnet().availabilityZone() + "/" + machine.instanceId());
                    assertThat(node.path("status").path("addresses").get(0).path("address").asText()).isEqualTo(machine.ip());
                    assertThat(node.path("metadata").path("labels").path("eks.amazonaws.com/nodegroup").asText())
                            .isEqualTo(c.name() + "-default");
                }
                List<ObjectNode> hybrid = nodes.hybridNodes();
                for (LabMachines.SsmNode m : LabMachines.ssmNodes(c)) {
                    ObjectNode node = hybrid.stream().filter(n -> n.path("metadata").path("name").asText().equals(m.instanceId()))
                            .findFirst().orElseThrow(() -> new AssertionError("no Node named " + m.instanceId()));
                    assertThat(node.path("status").path("addresses").get(0).path("address").asText()).isEqualTo(m.ip());
                    assertThat(node.path("metadata").path("labels").toString()).contains(m.pool().name())
                            .contains(m.site().name()).contains("ssm");
                }
                long ssmNodes = c.sites().stream().flatMap(s -> s.pools().stream())
                        .filter(p -> p.credentialProvider().equals("ssm")).mapToLong(LabWorld.LabPool::nodes).sum();
                assertThat(LabMachines.ssmNodes(c)).hasSize((int) ssmNodes);
            }
        }
    }
}
