package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS account with one cluster, in memory, behind both AWS ports. Every call is recorded in {@link #calls}, every
 * change also in {@link #changes}, so tests can say what a plan or a re-run did. An EKS update stays InProgress for
 * {@link #describesUntilDone} DescribeUpdate calls, then ends with {@link #updateOutcome}.
 */
final class FakeHybridAws implements AwsPort, HybridAwsPort {
    static final String ACCOUNT = "111122223333";
    static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    final List<String> calls = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    Cluster cluster;
    List<String> vpcCidrs = List.of("10.100.0.0/16");
    final Map<String, IamRole> roles = new LinkedHashMap<>();
    final Map<String, List<String>> attached = new LinkedHashMap<>();
    final Map<String, Map<String, String>> inline = new LinkedHashMap<>();
    final List<TrustAnchor> anchors = new ArrayList<>();
    final List<RolesAnywhereProfile> profiles = new ArrayList<>();
    final Map<String, AccessEntry> accessEntries = new LinkedHashMap<>();
    final List<Addon> addons = new ArrayList<>(List.of(new Addon("vpc-cni", "v1.19.0-eksbuild.1", "ACTIVE")));
    final Map<String, EksUpdate> updates = new LinkedHashMap<>();
    final Map<String, Integer> describes = new LinkedHashMap<>();
    final Map<String, Networks> pendingNetworks = new LinkedHashMap<>();
    int describesUntilDone = 1;
    String updateOutcome = "Successful";
    List<String> updateErrors = List.of();

    /** The remote networks an update sets once it succeeds. */
    record Networks(List<String> nodeCidrs, List<String> podCidrs) {
    }

    FakeHybridAws(AuthenticationMode mode) {
        cluster = cluster(mode, List.of(), List.of());
    }

    static Cluster cluster(AuthenticationMode mode, List<String> nodeCidrs, List<String> podCidrs) {
        return new Cluster(PAYMENTS, "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/payments", "1.31", "ACTIVE",
                "https://payments.example", EndpointAccess.PUBLIC, mode, IpFamily.IPV4, "vpc-1", List.of("subnet-1"),
                List.of(), "sg-c", "172.20.0.0/16", nodeCidrs, podCidrs, "Q0E=", Instant.EPOCH, Map.of());
    }

    /** The account's partition: its cluster ARN's (aws, aws-cn, aws-us-gov), as AWS answers in that partition. */
    String partition() {
        return Arns.partitionOf(cluster.arn());
    }

    private void call(String c) {
        calls.add(c);
    }

    private void change(String c) {
        calls.add(c);
        changes.add(c);
    }

    // AwsPort

    @Override
    public CallerIdentity callerIdentity() {
        call("sts:GetCallerIdentity");
        return new CallerIdentity(ACCOUNT, "arn:" + partition() + ":iam::" + ACCOUNT + ":user/admin", "AIDA");
    }

    @Override
    public List<String> listClusters(String region) {
        call("eks:ListClusters " + region);
        return List.of(cluster.name());
    }

    @Override
    public Cluster describeCluster(ClusterRef ref) {
        call("eks:DescribeCluster " + ref.name());
        return cluster;
    }

    @Override
    public List<AccessEntry> listAccessEntries(ClusterRef ref) {
        call("eks:ListAccessEntries " + ref.name());
        return List.copyOf(accessEntries.values());
    }

    @Override
    public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
        call("ec2:DescribeVpcs " + vpcId);
        return new ClusterNetwork(new ClusterNetwork.Vpc(vpcId, vpcCidrs, "main"), List.of(), List.of(), List.of());
    }

    @Override
    public EksToken eksToken(ClusterRef ref) {
        call("sts:presign " + ref.name());
        return new EksToken("k8s-aws-v1.fake", Instant.now().plusSeconds(840));
    }

    @Override
    public void close() {
    }

    // HybridAwsPort

    @Override
    public EksUpdate updateRemoteNetworks(ClusterRef ref, List<String> nodeCidrs, List<String> podCidrs) {
        change("eks:UpdateClusterConfig " + ref.name() + " " + nodeCidrs + " " + podCidrs);
        String id = "update-" + (updates.size() + 1);
        EksUpdate u = new EksUpdate(id, "RemoteNetworkConfigUpdate", "InProgress", List.of());
        updates.put(id, u);
        describes.put(id, 0);
        pendingNetworks.put(id, new Networks(List.copyOf(nodeCidrs), List.copyOf(podCidrs)));
        return u;
    }

    @Override
    public EksUpdate describeUpdate(ClusterRef ref, String updateId) {
        call("eks:DescribeUpdate " + updateId);
        EksUpdate u = updates.get(updateId);
        if (!u.inProgress()) {
            return u;
        }
        int n = describes.merge(updateId, 1, Integer::sum);
        if (n < describesUntilDone) {
            return u;
        }
        EksUpdate done = new EksUpdate(updateId, u.type(), updateOutcome, updateErrors);
        updates.put(updateId, done);
        Networks networks = pendingNetworks.remove(updateId);
        if (done.successful() && networks != null) {
            cluster = cluster(cluster.authenticationMode(), networks.nodeCidrs(), networks.podCidrs());
        }
        return done;
    }

    @Override
    public List<EksUpdate> updatesInProgress(ClusterRef ref) {
        call("eks:ListUpdates " + ref.name());
        return updates.values().stream().filter(EksUpdate::inProgress).toList();
    }

    @Override
    public Optional<AccessEntry> describeAccessEntry(ClusterRef ref, String principalArn) {
        call("eks:DescribeAccessEntry " + principalArn);
        return Optional.ofNullable(accessEntries.get(principalArn));
    }

    @Override
    public void createAccessEntry(ClusterRef ref, String principalArn, String type) {
        change("eks:CreateAccessEntry " + principalArn + " " + type);
        accessEntries.put(principalArn, new AccessEntry(principalArn, type, null, List.of()));
    }

    @Override
    public List<Addon> listAddons(ClusterRef ref) {
        call("eks:ListAddons " + ref.name());
        return List.copyOf(addons);
    }

    @Override
    public Optional<IamRole> getRole(String roleName) {
        call("iam:GetRole " + roleName);
        return Optional.ofNullable(roles.get(roleName));
    }

    @Override
    public IamRole createRole(String roleName, String trustPolicy, String description, int maxSessionDuration) {
        change("iam:CreateRole " + roleName);
        IamRole role = new IamRole(roleName, "arn:" + partition() + ":iam::" + ACCOUNT + ":role/" + roleName, trustPolicy, maxSessionDuration);
        roles.put(roleName, role);
        return role;
    }

    @Override
    public List<String> attachedPolicyArns(String roleName) {
        call("iam:ListAttachedRolePolicies " + roleName);
        return List.copyOf(attached.getOrDefault(roleName, List.of()));
    }

    @Override
    public void attachRolePolicy(String roleName, String policyArn) {
        change("iam:AttachRolePolicy " + roleName + " " + policyArn);
        attached.computeIfAbsent(roleName, k -> new ArrayList<>()).add(policyArn);
    }

    @Override
    public Optional<String> getRolePolicy(String roleName, String policyName) {
        call("iam:GetRolePolicy " + roleName + " " + policyName);
        return Optional.ofNullable(inline.getOrDefault(roleName, Map.of()).get(policyName));
    }

    @Override
    public void putRolePolicy(String roleName, String policyName, String document) {
        change("iam:PutRolePolicy " + roleName + " " + policyName);
        inline.computeIfAbsent(roleName, k -> new LinkedHashMap<>()).put(policyName, document);
    }

    @Override
    public void updateAssumeRolePolicy(String roleName, String trustPolicy) {
        change("iam:UpdateAssumeRolePolicy " + roleName);
        IamRole r = roles.get(roleName);
        roles.put(roleName, new IamRole(r.name(), r.arn(), trustPolicy, r.maxSessionDuration()));
    }

    @Override
    public List<TrustAnchor> listTrustAnchors(String region) {
        call("rolesanywhere:ListTrustAnchors " + region);
        return List.copyOf(anchors);
    }

    @Override
    public TrustAnchor createTrustAnchor(String region, String name, String certificatePem) {
        change("rolesanywhere:CreateTrustAnchor " + name);
        TrustAnchor a = new TrustAnchor(name, "arn:" + partition() + ":rolesanywhere:" + region + ":" + ACCOUNT + ":trust-anchor/ta-" + anchors.size(),
                "ta-" + anchors.size(), true);
        anchors.add(a);
        return a;
    }

    @Override
    public List<RolesAnywhereProfile> listProfiles(String region) {
        call("rolesanywhere:ListProfiles " + region);
        return List.copyOf(profiles);
    }

    @Override
    public RolesAnywhereProfile createProfile(String region, String name, String roleArn, int durationSeconds) {
        change("rolesanywhere:CreateProfile " + name + " " + roleArn + " " + durationSeconds);
        RolesAnywhereProfile p = new RolesAnywhereProfile(name, "arn:" + partition() + ":rolesanywhere:" + region + ":" + ACCOUNT + ":profile/p-"
                + profiles.size(), "p-" + profiles.size(), List.of(roleArn), durationSeconds, true);
        profiles.add(p);
        return p;
    }
}
