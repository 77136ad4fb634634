package dev.hybridpane.ui;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AwsProfiles and AwsPort over a map of profile to clusters. */
public final class FakeAws implements AwsProfiles {
    public final Map<String, List<Cluster>> clustersByProfile = new LinkedHashMap<>();
    public final List<String> regions = new ArrayList<>(List.of("us-east-1", "us-west-2"));
    public final List<String> opened = new ArrayList<>();
    public final List<String> closedPorts = new ArrayList<>();
    public boolean accessEntriesDenied;
    /** eks:ListClusters fails in these regions with these failures. */
    public final Map<String, AwsFailure> listFailures = new LinkedHashMap<>();
    /** Each profile's own region, as the aws CLI would choose it. */
    public final Map<String, String> defaultRegions = new LinkedHashMap<>();

    @Override
    public Map<String, String> defaultRegions() {
        return Map.copyOf(defaultRegions);
    }

    @Override
    public List<String> profiles() {
        return List.copyOf(clustersByProfile.keySet());
    }

    @Override
    public List<String> availableRegions() {
        return List.copyOf(regions);
    }

    @Override
    public AwsPort open(String profile) {
        opened.add(profile);
        List<Cluster> clusters = clustersByProfile.getOrDefault(profile, List.of());
        return new AwsPort() {
            @Override
            public CallerIdentity callerIdentity() {
                return new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/admin", "AID");
            }

            @Override
            public List<String> listClusters(String region) {
                if (listFailures.containsKey(region)) {
                    throw listFailures.get(region);
                }
                return clusters.stream().filter(c -> c.region().equals(region)).map(Cluster::name).toList();
            }

            @Override
            public Cluster describeCluster(ClusterRef ref) {
                return clusters.stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow();
            }

            @Override
            public List<AccessEntry> listAccessEntries(ClusterRef ref) {
                if (accessEntriesDenied) {
                    throw new AwsFailure(FailureKind.ACCESS_DENIED, "eks:ListAccessEntries", "AccessDeniedException",
                            "Not allowed to call eks:ListAccessEntries on " + ref.name() + ".", null);
                }
                return List.of(new AccessEntry("arn:aws:iam::111122223333:role/HybridNodesRole", "HYBRID_LINUX",
                        "system:node:{{SessionName}}", List.of()));
            }

            @Override
            public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
                return new ClusterNetwork(new ClusterNetwork.Vpc(vpcId, List.of("192.168.0.0/16"), "main"),
                        List.of(new ClusterNetwork.Subnet("subnet-a", "192.168.1.0/24", region + "a", "private-a"),
                                new ClusterNetwork.Subnet("subnet-b", "192.168.2.0/24", region + "b", "private-b")),
                        List.of(new ClusterNetwork.RouteTable("rtb-1", List.of(
                                new ClusterNetwork.Route("192.168.0.0/16", "local", "active"),
                                new ClusterNetwork.Route("10.200.0.0/16", "tgw-123", "active")), List.of("subnet-a"))),
                        List.of(new ClusterNetwork.SecurityGroup("sg-1", "cluster", "cluster SG", List.of(
                                new ClusterNetwork.IngressRule("tcp", 443, 443, List.of("10.200.0.0/16"))))));
            }

            @Override
            public EksToken eksToken(ClusterRef ref) {
                throw new UnsupportedOperationException("not used by the fake cluster port");
            }

            @Override
            public void close() {
                closedPorts.add(profile);
            }
        };
    }
}
