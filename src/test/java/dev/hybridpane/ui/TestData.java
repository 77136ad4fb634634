package dev.hybridpane.ui;

import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders for test records. */
public final class TestData {
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestData() {
    }

    public static Cluster cluster(String region, String name, String version, boolean hybrid, AuthenticationMode auth,
            EndpointAccess access) {
        return new Cluster(new ClusterRef(region, name), "arn:aws:eks:" + region + ":111122223333:cluster/" + name, version,
                "ACTIVE", "https://" + name + ".eks.example", access, auth, IpFamily.IPV4, "vpc-" + name,
                List.of("subnet-a", "subnet-b"), List.of("sg-1"), "sg-cluster", "172.20.0.0/16",
                hybrid ? List.of("10.200.0.0/16") : List.of(), hybrid ? List.of("10.201.0.0/16") : List.of(), "Q0E=", T0,
                Map.of());
    }

    public static ClusterNode hybrid(String name, String pool, String site, boolean ready) {
        return new ClusterNode(name, ComputeType.HYBRID, ready, ready ? "KubeletReady" : "NodeStatusUnknown",
                ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.", T0, pool, site, "ssm",
                "eks-hybrid:///" + name, "v1.31.4-eks", "10.200.1." + Math.abs(name.hashCode() % 250), "Ubuntu 22.04",
                "amd64", false);
    }

    public static ClusterNode cloud(String name) {
        return new ClusterNode(name, ComputeType.EC2, true, "KubeletReady", "", T0, "", "", "", "aws:///" + name,
                "v1.31.4-eks", "192.168.0.10", "Amazon Linux 2023", "amd64", false);
    }

    public static ClusterEvent event(String uid, String node, boolean warning, String reason) {
        return new ClusterEvent(uid, "Node", node, warning ? "Warning" : "Normal", reason, reason + " on " + node, T0, 1,
                "kubelet");
    }
}
