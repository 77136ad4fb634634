package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabHybridRole;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Systems Manager holds for a region's hybrid nodes that use SSM: one hybrid activation per SSM pool (created
 * with the cluster's SSM Hybrid Nodes role and the EKS user guide's tag EKSClusterARN, registration limit the pool's
 * size, expired long ago as activations do after their default 24 hours), and one managed instance per node of the
 * pool, registered with it: the node's "mi-..." id (the Node's name in Kubernetes), its address in the site's node
 * CIDR, PlatformType Linux, ResourceType ManagedInstance.
 */
final class SsmFleet {

    record Activation(String id, String description, String defaultInstanceName, String iamRole, int registrationLimit,
            int registrationsCount, Instant created, Instant expires, Map<String, String> tags) {
    }

    record ManagedInstance(String id, String ip, String computerName, String platformName, String platformVersion,
            Activation activation, Instant registered) {
    }

    /** A released SSM Agent version; the lab's instances report it. */
    static final String AGENT_VERSION = "3.3.1802.0";

    final List<Activation> activations = new ArrayList<>();
    final List<ManagedInstance> instances = new ArrayList<>();

    SsmFleet(AwsState state, String region) {
        for (LabCluster c : state.clusters(region)) {
            String role = c.hybridRoles().stream().filter(h -> "ssm".equals(h.credentialProvider()))
                    .map(LabHybridRole::name).findFirst().orElse(null);
            if (role == null) {
                continue;
            }
            Instant clusterCreated = state.createdAt(c);
            Map<String, Activation> byPool = new LinkedHashMap<>();
            for (LabSite site : c.sites()) {
                for (LabPool pool : site.pools()) {
                    if (!"ssm".equals(pool.credentialProvider()) || pool.hosted()) {
                        // a pool on the lab's edge hosts: its activation and instances are live, made at the lab's start
                        continue;
                    }
                    Instant created = clusterCreated.plus(Duration.ofDays(1 + byPool.size()));
                    String id = UUID.nameUUIDFromBytes((c.arn(state.accountId()) + "/" + site.name() + "/" + pool.name())
                            .getBytes(StandardCharsets.UTF_8)).toString();
                    Activation a = new Activation(id, "EKS hybrid nodes of " + c.name() + ": " + site.name() + "/" + pool.name(),
                            pool.name(), role, pool.nodes(), pool.nodes(), created, created.plus(Duration.ofHours(24)),
                            Map.of(HybridNodesRoleGuide.SSM_TAG_KEY, c.arn(state.accountId())));
                    byPool.put(site.name() + "/" + pool.name(), a);
                    activations.add(a);
                }
            }
            for (LabMachines.SsmNode n : LabMachines.ssmNodes(c)) {
                Activation a = byPool.get(n.site().name() + "/" + n.pool().name());
                String os = n.pool().osImage() == null ? "Linux" : n.pool().osImage();
                instances.add(new ManagedInstance(n.instanceId(), n.ip(), n.computerName(), platformName(os), platformVersion(os),
                        a, a.created().plus(Duration.ofMinutes(10L + n.number()))));
            }
        }
    }

    /** "Ubuntu 22.04.5 LTS" is Ubuntu, "Amazon Linux 2023.6.20250303" is Amazon Linux: the words before the version. */
    static String platformName(String osImage) {
        int digit = firstDigit(osImage);
        return (digit < 0 ? osImage : osImage.substring(0, digit)).trim();
    }

    /** Ubuntu's major.minor ("22.04"), other distributions' major version ("2023", "9"). */
    static String platformVersion(String osImage) {
        int digit = firstDigit(osImage);
        if (digit < 0) {
            return "";
        }
        String[] parts = osImage.substring(digit).split("[ ]")[0].split("\\.");
        return osImage.startsWith("Ubuntu") && parts.length > 1 ? parts[0] + "." + parts[1] : parts[0];
    }

    private static int firstDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
