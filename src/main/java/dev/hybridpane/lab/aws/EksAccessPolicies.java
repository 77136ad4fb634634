package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EKS access policies, as the EKS API reference and the user guide ("Review access policy permissions", "Associate
 * access policies with access entries") describe them:
 * <ul>
 * <li>ListAccessPolicies (GET /access-policies): the policies EKS offers, {@code name} and
 *     {@code arn:aws:eks::aws:cluster-access-policy/NAME}, in the order of the user guide's {@code aws eks
 *     list-access-policies} output (the lab lists the ones the guide documents, not every one EKS has added since);</li>
 * <li>ListAssociatedAccessPolicies (GET /clusters/NAME/access-entries/PRINCIPAL/access-policies): an access entry's
 *     policies, each at cluster scope, with {@code clusterName} and {@code principalArn} beside them. The creator of a
 *     cluster of the world's own account has AmazonEKSClusterAdminPolicy (bootstrapClusterCreatorAdminPermissions,
 *     which EKS applies when it creates the cluster); other entries have the policies the world gives them.</li>
 * </ul>
 * Both page as every EKS list does (maxResults 1-100, opaque tokens bound to the call).
 */
final class EksAccessPolicies {
    static final String CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
    private static final List<String> OFFERED = List.of("AmazonAIOpsAssistantPolicy", "AmazonARCRegionSwitchScalingPolicy",
            "AmazonEKSAdminPolicy", "AmazonEKSAdminViewPolicy", "AmazonEKSAutoNodePolicy", "AmazonEKSBlockStorageClusterPolicy",
            "AmazonEKSBlockStoragePolicy", CLUSTER_ADMIN_POLICY, "AmazonEKSEditPolicy", "AmazonEKSHybridPolicy",
            "AmazonEKSLoadBalancingClusterPolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingClusterPolicy",
            "AmazonEKSNetworkingPolicy", "AmazonEKSViewPolicy", "AmazonEMRJobPolicy");

    private EksAccessPolicies() {
    }

    static String arn(String policyName) {
        return "arn:aws:eks::aws:cluster-access-policy/" + policyName;
    }

    /**
     * The access policies associated with an entry of a cluster (names, cluster scope): the creator's bootstrap
     * AmazonEKSClusterAdminPolicy where the cluster is in the world's own account (its creator being the lab user), then
     * the entry's own.
     */
    static List<String> associated(AwsState state, LabCluster c, LabAccessEntry e) {
        List<String> out = new ArrayList<>();
        if (c.account().equals(state.accountId()) && e.principalArn().equals(state.userArn())) {
            out.add(CLUSTER_ADMIN_POLICY);
        }
        e.accessPolicies().stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }

    static AwsResponse listAccessPolicies(EksService eks, AwsRequest r, int pageSize) {
        Pages<String> page = Pages.of("eks:ListAccessPolicies", OFFERED, r.param("nextToken").orElse(null), pageSize);
        ObjectNode body = eks.json.object();
        ArrayNode list = body.putArray("accessPolicies");
        page.items().forEach(n -> list.addObject().put("name", n).put("arn", arn(n)));
        if (page.next() != null) {
            body.put("nextToken", page.next());
        }
        return eks.ok(body);
    }

    static AwsResponse listAssociated(EksService eks, AwsRequest r, LabCluster c, AwsState state, Instant associatedAt,
            int pageSize) {
        String principal = r.segments().get(3);
        Optional<LabAccessEntry> entry = state.accessEntries(c.region(), c.name()).stream()
                .filter(e -> e.principalArn().equals(principal)).findFirst();
        if (entry.isEmpty()) {
            return eks.error(r, 404, "ResourceNotFoundException", "The specified access entry resource is not found.");
        }
        List<String> policies = associated(state, c, entry.get());
        Pages<String> page = Pages.of("eks:ListAssociatedAccessPolicies " + c.region() + "/" + c.name() + "/" + principal,
                policies, r.param("nextToken").orElse(null), pageSize);
        ObjectNode body = eks.json.object();
        body.put("clusterName", c.name()).put("principalArn", principal);
        ArrayNode list = body.putArray("associatedAccessPolicies");
        for (String p : page.items()) {
            ObjectNode o = list.addObject().put("policyArn", arn(p));
            o.putObject("accessScope").put("type", "cluster").putArray("namespaces");
            o.put("associatedAt", Json.epochSeconds(associatedAt)).put("modifiedAt", Json.epochSeconds(associatedAt));
        }
        if (page.next() != null) {
            body.put("nextToken", page.next());
        }
        return eks.ok(body);
    }
}
