package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import dev.hybridpane.domain.hybrid.HybridNodesIam.InlinePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Turns an {@link EnableHybridRequest} into the ordered, idempotent steps of enabling hybrid mode: (Roles Anywhere
 * trust anchor), the Hybrid Nodes role and its policies, (Roles Anywhere profile), the remote networks (followed
 * with DescribeUpdate), node access, and optionally the Cilium affinity. Each step observes before it acts.
 */
public final class EnableHybridPlanner {
    public static final String KIND = "hybrid-enable";
    static final String ROLE_ARN = "roleArn";
    static final String TRUST_ANCHOR_ARN = "trustAnchorArn";
    static final String PROFILE_ARN = "profileArn";
    static final String UPDATE_ID = "updateId";

    private final AwsPort aws;
    private final HybridAwsPort iam;
    private final ClusterAdminPort kube;
    private final Duration poll;

    public EnableHybridPlanner(AwsPort aws, HybridAwsPort iam, ClusterAdminPort kube, Duration poll) {
        this.aws = aws;
        this.iam = iam;
        this.kube = kube;
        this.poll = poll;
    }

    /** The operation; throws {@link IllegalArgumentException} listing every problem when the request is invalid. */
    public Operation plan(EnableReview review, EnableHybridRequest r) {
        Cluster c = review.cluster();
        List<String> problems = r.problems(c, review.vpcCidrs());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        ClusterRef ref = c.ref();
        String region = ref.region();
        String account = review.accountId();
        String partition = partition(c);
        List<Step> steps = new ArrayList<>();
        boolean ra = r.provider() == CredentialProvider.IAM_RA;
        if (ra) {
            steps.add(trustAnchor(region, r));
        }
        steps.add(role(partition, region, account, r));
        for (String arn : HybridNodesIam.managedPolicies(partition, r.provider())) {
            steps.add(Steps.of("iam-attach-" + arn.substring(arn.lastIndexOf('/') + 1), "iam:AttachRolePolicy " + r.roleName(),
                    List.of("PolicyArn: " + arn),
                    ctx -> iam.attachedPolicyArns(r.roleName()).contains(arn),
                    ctx -> iam.attachRolePolicy(r.roleName(), arn)));
        }
        for (InlinePolicy p : HybridNodesIam.inlinePolicies(r.provider(), region, account, c.arn())) {
            steps.add(Steps.of("iam-inline-" + p.name(), "iam:PutRolePolicy " + r.roleName() + " / " + p.name(),
                    List.of("PolicyDocument:\n" + p.document()),
                    ctx -> iam.getRolePolicy(r.roleName(), p.name()).map(d -> same(d, p.document())).orElse(false),
                    ctx -> iam.putRolePolicy(r.roleName(), p.name(), p.document())));
        }
        if (ra) {
            steps.add(profile(partition, region, account, r));
        }
        steps.add(remoteNetworks(ref, r));
        steps.add(r.access() == NodeAccess.AWS_AUTH ? awsAuth(review, r, partition, account) : accessEntry(ref, r, partition, account));
        if (r.patchCiliumAffinity()) {
            steps.add(Steps.of("cilium-affinity", "kubectl patch daemonset/cilium and deployment/cilium-operator -n kube-system",
                    List.of("nodeAffinity: eks.amazonaws.com/compute-type In [hybrid] (JSON patch)"),
                    ctx -> {
                        CniStatus s = kube.cni(review.access());
                        return !"cilium".equals(s.cni()) || s.ready();
                    },
                    ctx -> kube.patchCiliumAffinity(review.access())));
        }
        String id = KIND + "-" + region + "-" + ref.name();
        return new Operation(id, KIND, "Enable hybrid mode", ref.name() + " · " + region, steps);
    }

    private Step trustAnchor(String region, EnableHybridRequest r) {
        return Steps.of("ra-trust-anchor", "rolesanywhere:CreateTrustAnchor " + r.trustAnchorName(),
                List.of("region: " + region, "source: CERTIFICATE_BUNDLE (your CA certificate, " + r.caCertificatePem().strip().lines().count()
                        + " PEM lines; the private key stays on this workstation)", "enabled: true"),
                ctx -> iam.listTrustAnchors(region).stream().filter(t -> t.name().equals(r.trustAnchorName())).findFirst()
                        .map(t -> record(ctx, TRUST_ANCHOR_ARN, t.arn())).orElse(false),
                ctx -> ctx.put(TRUST_ANCHOR_ARN, iam.createTrustAnchor(region, r.trustAnchorName(), r.caCertificatePem()).arn()));
    }

    private Step role(String partition, String region, String account, EnableHybridRequest r) {
        String shownTrust = HybridNodesIam.trustPolicy(partition, r.provider(), region, account, null);
        return Steps.of("iam-role", "iam:CreateRole " + r.roleName(),
                List.of("MaxSessionDuration: " + HybridNodesIam.ROLE_MAX_SESSION_SECONDS, "AssumeRolePolicyDocument:\n" + shownTrust),
                ctx -> {
                    Optional<HybridAwsPort.IamRole> role = iam.getRole(r.roleName());
                    role.ifPresent(x -> ctx.put(ROLE_ARN, x.arn()));
                    return role.map(x -> same(x.trustPolicy(), trust(ctx, r, partition, region, account))).orElse(false);
                },
                ctx -> {
                    String trust = trust(ctx, r, partition, region, account);
                    if (iam.getRole(r.roleName()).isPresent()) {
                        ctx.log("The role exists with another trust policy; replacing it (iam:UpdateAssumeRolePolicy)");
                        iam.updateAssumeRolePolicy(r.roleName(), trust);
                        ctx.put(ROLE_ARN, iam.getRole(r.roleName()).orElseThrow().arn());
                    } else {
                        ctx.put(ROLE_ARN, iam.createRole(r.roleName(), trust, "EKS Hybrid Nodes (created by HybridPane)",
                                HybridNodesIam.ROLE_MAX_SESSION_SECONDS).arn());
                    }
                });
    }

    private static String trust(StepContext ctx, EnableHybridRequest r, String partition, String region, String account) {
        String anchor = r.provider() == CredentialProvider.IAM_RA ? ctx.require(TRUST_ANCHOR_ARN) : null;
        return HybridNodesIam.trustPolicy(partition, r.provider(), region, account, anchor);
    }

    private Step profile(String partition, String region, String account, EnableHybridRequest r) {
        return Steps.of("ra-profile", "rolesanywhere:CreateProfile " + r.profileName(),
                List.of("region: " + region, "roleArns: [" + roleArn(partition, account, r) + "]", "durationSeconds: " + r.sessionSeconds(),
                        "acceptRoleSessionName: true", "enabled: true"),
                ctx -> iam.listProfiles(region).stream().filter(p -> p.name().equals(r.profileName())).findFirst()
                        .map(p -> record(ctx, PROFILE_ARN, p.arn())).orElse(false),
                ctx -> {
                    int max = iam.getRole(r.roleName()).map(HybridAwsPort.IamRole::maxSessionDuration).orElse(3600);
                    String problem = HybridNodesIam.sessionDurationProblem(r.sessionSeconds(), max);
                    if (problem != null) {
                        throw new IllegalStateException(problem);
                    }
                    ctx.put(PROFILE_ARN, iam.createProfile(region, r.profileName(), ctx.require(ROLE_ARN), r.sessionSeconds()).arn());
                });
    }

    private Step remoteNetworks(ClusterRef ref, EnableHybridRequest r) {
        return Steps.of("eks-remote-networks", "eks:UpdateClusterConfig " + ref.name() + " remoteNetworkConfig",
                List.of("remoteNodeNetworks: [{cidrs: " + r.nodeCidrs() + "}]", "remotePodNetworks: [{cidrs: " + r.podCidrs() + "}]",
                        "then eks:DescribeUpdate until Successful"),
                ctx -> {
                    for (HybridAwsPort.EksUpdate u : iam.updatesInProgress(ref)) {
                        ctx.log("Waiting for the cluster's update " + u.id() + " (" + u.type() + ") already in progress");
                        follow(ctx, ref, u.id());
                    }
                    Cluster now = aws.describeCluster(ref);
                    return sameSet(now.remoteNodeCidrs(), r.nodeCidrs()) && sameSet(now.remotePodCidrs(), r.podCidrs());
                },
                ctx -> {
                    HybridAwsPort.EksUpdate u = iam.updateRemoteNetworks(ref, r.nodeCidrs(), r.podCidrs());
                    ctx.put(UPDATE_ID, u.id());
                    ctx.log("Update " + u.id() + " started; following it with eks:DescribeUpdate");
                    follow(ctx, ref, u.id());
                });
    }

    private void follow(StepContext ctx, ClusterRef ref, String updateId) throws InterruptedException {
        String last = null;
        while (true) {
            HybridAwsPort.EksUpdate u = iam.describeUpdate(ref, updateId);
            if (!u.status().equals(last)) {
                ctx.log("Update " + updateId + ": " + u.status());
                last = u.status();
            }
            if (u.successful()) {
                return;
            }
            if (!u.inProgress()) {
                throw new IllegalStateException("EKS update " + updateId + " ended " + u.status()
                        + (u.errors().isEmpty() ? "" : ": " + String.join("; ", u.errors())));
            }
            ctx.pause(poll);
        }
    }

    private Step accessEntry(ClusterRef ref, EnableHybridRequest r, String partition, String account) {
        return Steps.of("eks-access-entry", "eks:CreateAccessEntry " + ref.name(),
                List.of("principalArn: " + roleArn(partition, account, r), "type: HYBRID_LINUX"),
                ctx -> {
                    Optional<AccessEntry> e = iam.describeAccessEntry(ref, ctx.require(ROLE_ARN));
                    if (e.isPresent() && !"HYBRID_LINUX".equals(e.get().type())) {
                        throw new IllegalStateException("The role already has an access entry of type " + e.get().type()
                                + "; hybrid nodes need HYBRID_LINUX. Delete that entry or choose another role.");
                    }
                    return e.isPresent();
                },
                ctx -> iam.createAccessEntry(ref, ctx.require(ROLE_ARN), "HYBRID_LINUX"));
    }

    private Step awsAuth(EnableReview review, EnableHybridRequest r, String partition, String account) {
        return Steps.of("aws-auth", "kubectl edit configmap/aws-auth -n kube-system (mapRoles)",
                List.of("rolearn: " + roleArn(partition, account, r), "username: system:node:{{SessionName}}",
                        "groups: [system:bootstrappers, system:nodes]"),
                ctx -> kube.awsAuthMapsRole(review.access(), ctx.require(ROLE_ARN)),
                ctx -> kube.addAwsAuthMapRole(review.access(), ctx.require(ROLE_ARN)));
    }

    static String roleArn(String partition, String account, EnableHybridRequest r) {
        return Arns.iamRole(partition, account, r.roleName());
    }

    /**
     * The partition every ARN of the plan is in (aws, aws-cn, aws-us-gov): the cluster ARN's, as DescribeCluster
     * reported it while reviewing (always the caller's own partition: no call crosses partitions; planning calls nothing),
     * else the region's.
     */
    static String partition(Cluster c) {
        return Arns.partition(c.ref().region(), c.arn());
    }

    private static boolean record(StepContext ctx, String key, String value) {
        ctx.put(key, value);
        return true;
    }

    static boolean same(String a, String b) {
        return a != null && b != null && a.replaceAll("\\s", "").equals(b.replaceAll("\\s", ""));
    }

    static boolean sameSet(List<String> a, List<String> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }
}
