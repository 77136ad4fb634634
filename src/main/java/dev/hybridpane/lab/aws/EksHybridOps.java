package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The EKS operations of enabling hybrid mode: UpdateClusterConfig (remoteNetworkConfig, or resourcesVpcConfig's
 * endpointPublicAccess and endpointPrivateAccess: an EndpointAccessUpdate; at least one must stay on),
 * DescribeUpdate / ListUpdates (InProgress, then Successful after the update delay), CreateAccessEntry,
 * DeleteAccessEntry, DescribeAddon. UpdateClusterConfig checks {@link EksRemoteNetworkChecks}, refuses a second update
 * while one is in progress (ResourceInUseException), and honours clientRequestToken: the same token with the same
 * request answers the update it started; with a different request it is refused. Thread-safe.
 */
final class EksHybridOps {
    static final String REMOTE_NETWORK_UPDATE = "RemoteNetworkConfigUpdate";
    static final String ENDPOINT_ACCESS_UPDATE = "EndpointAccessUpdate";

    private final Json json;
    private final AwsState state;
    private final Clock clock;
    private final Map<String, LabUpdate> updates = new LinkedHashMap<>();
    private final Map<String, TokenUse> tokens = new HashMap<>();
    private volatile Duration delay = Duration.ofSeconds(3);

    /** A clientRequestToken's first use: the request it came with (without the token) and the update it started. */
    private record TokenUse(ObjectNode request, String updateId) {
    }

    EksHybridOps(Json json, AwsState state, Clock clock) {
        this.json = json;
        this.state = state;
        this.clock = clock;
    }

    void setDelay(Duration d) {
        this.delay = d;
    }

    /** Applies every update that is due. Call before any read of a cluster. */
    synchronized void settle() {
        Instant now = clock.instant();
        for (LabUpdate u : updates.values()) {
            if (!now.isBefore(u.due()) && !u.due().equals(Instant.MAX)) {
                state.cluster(u.region(), u.cluster()).ifPresent(c -> state.putCluster(u.type().equals(ENDPOINT_ACCESS_UPDATE)
                        ? c.withEndpointAccess(u.endpointPublic(), u.endpointPrivate())
                        : c.withRemoteNetworks(u.nodeCidrs(), u.podCidrs())));
                updates.put(u.id(), u.done());
            }
        }
    }

    private static boolean done(LabUpdate u) {
        return u.due().equals(Instant.MAX);
    }

    synchronized AwsResponse updateClusterConfig(EksService eks, AwsRequest r, LabCluster c) {
        settle();
        JsonNode body = json.read(r.body());
        JsonNode remote = body.path("remoteNetworkConfig");
        JsonNode vpcConfig = body.path("resourcesVpcConfig");
        if (!remote.isMissingNode() && !vpcConfig.isMissingNode()) {
            return eks.error(r, 400, "InvalidParameterException", "Only one type of update can be allowed.");
        }
        if (remote.isMissingNode() && (vpcConfig.isMissingNode() || (!vpcConfig.has("endpointPublicAccess")
                && !vpcConfig.has("endpointPrivateAccess")))) {
            return eks.error(r, 400, "InvalidParameterException", "The lab implements UpdateClusterConfig for"
                    + " remoteNetworkConfig and resourcesVpcConfig's endpointPublicAccess/endpointPrivateAccess only.");
        }
        String token = body.path("clientRequestToken").asText("");
        ObjectNode request = body.deepCopy();
        request.remove("clientRequestToken");
        String tokenKey = AwsState.key(c.region(), c.name()) + "/" + token;
        TokenUse used = token.isEmpty() ? null : tokens.get(tokenKey);
        if (used != null) {
            if (!used.request().equals(request)) {
                return eks.clusterError(r, 400, EksRemoteNetworkChecks.INVALID_REQUEST, c.name(), "The clientRequestToken "
                        + token + " was already used for a different request on cluster " + c.name()
                        + ". Use a new token for a new request.");
            }
            return updateResponse(eks, updates.get(used.updateId()));
        }
        if (!"ACTIVE".equals(c.status())) {
            return eks.clusterError(r, 409, "ResourceInUseException", c.name(),
                    "Cluster " + c.name() + " is in " + c.status() + " state and cannot be updated.");
        }
        if (updating(c)) {
            return eks.clusterError(r, 409, "ResourceInUseException", c.name(), "Cluster has an update in progress");
        }
        if (remote.isMissingNode()) {
            return endpointAccess(eks, r, c, vpcConfig, request, tokenKey, token);
        }
        String clusterProblem = EksRemoteNetworkChecks.clusterProblem(c);
        if (clusterProblem != null) {
            return eks.clusterError(r, 400, EksRemoteNetworkChecks.INVALID_REQUEST, c.name(), clusterProblem);
        }
        EksRemoteNetworkChecks.Outcome o = EksRemoteNetworkChecks.check(remote, c);
        if (o.refused()) {
            return eks.clusterError(r, 400, o.code(), c.name(), o.message());
        }
        if (o.nodes().equals(c.remoteNodeCidrs()) && o.pods().equals(c.remotePodCidrs())) {
            return eks.clusterError(r, 400, EksRemoteNetworkChecks.INVALID_PARAMETER, c.name(),
                    "No changes detected in the remote network configuration of cluster " + c.name() + ".");
        }
        Instant now = clock.instant();
        LabUpdate u = new LabUpdate(UUID.randomUUID().toString(), c.region(), c.name(), REMOTE_NETWORK_UPDATE, now,
                now.plus(delay), o.nodes(), o.pods());
        updates.put(u.id(), u);
        if (!token.isEmpty()) {
            tokens.put(tokenKey, new TokenUse(request, u.id()));
        }
        settle();
        return updateResponse(eks, updates.get(u.id()));
    }

    /** An EndpointAccessUpdate: what the request leaves out stays as it is; both off, or no change, is refused. */
    private AwsResponse endpointAccess(EksService eks, AwsRequest r, LabCluster c, JsonNode vpcConfig, ObjectNode request,
            String tokenKey, String token) {
        boolean pub = vpcConfig.path("endpointPublicAccess").asBoolean(c.endpointPublic());
        boolean priv = vpcConfig.path("endpointPrivateAccess").asBoolean(c.endpointPrivate());
        if (!pub && !priv) {
            return eks.clusterError(r, 400, EksRemoteNetworkChecks.INVALID_PARAMETER, c.name(),
                    "Cluster endpoint access must have public access, private access, or both enabled.");
        }
        if (pub == c.endpointPublic() && priv == c.endpointPrivate()) {
            return eks.clusterError(r, 400, EksRemoteNetworkChecks.INVALID_PARAMETER, c.name(),
                    "Cluster is already at the desired configuration with endpointPrivateAccess: " + priv
                            + " , endpointPublicAccess: " + pub + ", and Public Endpoint Restrictions: [0.0.0.0/0]");
        }
        Instant now = clock.instant();
        LabUpdate u = new LabUpdate(UUID.randomUUID().toString(), c.region(), c.name(), ENDPOINT_ACCESS_UPDATE, now,
                now.plus(delay), List.of(), List.of(), pub, priv);
        updates.put(u.id(), u);
        if (!token.isEmpty()) {
            tokens.put(tokenKey, new TokenUse(request, u.id()));
        }
        settle();
        return updateResponse(eks, updates.get(u.id()));
    }

    synchronized AwsResponse describeUpdate(EksService eks, AwsRequest r, LabCluster c, String id) {
        settle();
        LabUpdate u = updates.get(id);
        if (u == null || !u.cluster().equals(c.name())) {
            return eks.error(r, 404, "ResourceNotFoundException", "No update found for ID: " + id + ".");
        }
        return updateResponse(eks, u);
    }

    /** Whether an update of the cluster is in progress (DescribeCluster then says UPDATING, as EKS does). */
    synchronized boolean updating(LabCluster c) {
        settle();
        return updates.values().stream().anyMatch(u -> !done(u) && u.cluster().equals(c.name()) && u.region().equals(c.region()));
    }

    /** The cluster's update IDs, oldest first (ListUpdates pages them). */
    synchronized List<String> updateIds(LabCluster c) {
        settle();
        return updates.values().stream().filter(u -> u.cluster().equals(c.name()) && u.region().equals(c.region()))
                .map(LabUpdate::id).toList();
    }

    private AwsResponse updateResponse(EksService eks, LabUpdate u) {
        ObjectNode body = json.object();
        ObjectNode o = body.putObject("update");
        o.put("id", u.id());
        o.put("status", done(u) ? "Successful" : "InProgress");
        o.put("type", u.type());
        ArrayNode params = o.putArray("params");
        if (u.type().equals(ENDPOINT_ACCESS_UPDATE)) {
            params.addObject().put("type", "EndpointPublicAccess").put("value", String.valueOf(u.endpointPublic()));
            params.addObject().put("type", "EndpointPrivateAccess").put("value", String.valueOf(u.endpointPrivate()));
        } else {
            params.addObject().put("type", "RemoteNodeNetworks").put("value", "[{\"cidrs\":" + strings(u.nodeCidrs()) + "}]");
            params.addObject().put("type", "RemotePodNetworks").put("value", "[{\"cidrs\":" + strings(u.podCidrs()) + "}]");
        }
        o.put("createdAt", Json.epochSeconds(u.createdAt()));
        o.putArray("errors");
        return eks.ok(body);
    }

    private String strings(List<String> values) {
        ArrayNode a = json.object().putArray("x");
        values.forEach(a::add);
        return json.write(a);
    }

    AwsResponse createAccessEntry(EksService eks, AwsRequest r, LabCluster c, ObjectNode describe) {
        JsonNode body = json.read(r.body());
        String principal = body.path("principalArn").asText("");
        String type = body.path("type").asText("STANDARD");
        if (!principal.startsWith("arn:aws:iam::")) {
            return eks.error(r, 400, "InvalidParameterException", "The principalArn parameter format is not valid");
        }
        synchronized (state) {
            if (state.accessEntries(c.region(), c.name()).stream().anyMatch(e -> e.principalArn().equals(principal))) {
                return eks.error(r, 409, "ResourceInUseException", "The specified access entry resource is already in use on this cluster.");
            }
            List<String> groups = new ArrayList<>();
            body.path("kubernetesGroups").forEach(g -> groups.add(g.asText()));
            if ("HYBRID_LINUX".equals(type) && !groups.isEmpty()) {
                return eks.error(r, 400, "InvalidParameterException", "kubernetesGroups cannot be set for type HYBRID_LINUX.");
            }
            String user = "HYBRID_LINUX".equals(type) ? "system:node:{{SessionName}}"
                    : "EC2_LINUX".equals(type) ? "system:node:{{EC2PrivateDNSName}}" : body.path("username").asText(principal);
            state.putAccessEntry(c.region(), c.name(), new LabAccessEntry(principal, type, user, groups));
        }
        return null;
    }

    AwsResponse deleteAccessEntry(EksService eks, AwsRequest r, LabCluster c, String principal) {
        if (!state.removeAccessEntry(c.region(), c.name(), principal)) {
            return eks.error(r, 404, "ResourceNotFoundException", "The specified access entry resource is not found.");
        }
        return eks.ok(json.object());
    }

    AwsResponse describeAddon(EksService eks, AwsRequest r, LabCluster c, String name) {
        if (!c.addons().contains(name)) {
            return eks.error(r, 404, "ResourceNotFoundException", "No addon: " + name + " found in cluster: " + c.name());
        }
        ObjectNode body = json.object();
        ObjectNode o = body.putObject("addon");
        o.put("addonName", name);
        o.put("clusterName", c.name());
        o.put("status", "ACTIVE");
        o.put("addonVersion", switch (name) {
            case "vpc-cni" -> "v1.19.2-eksbuild.1";
            case "coredns" -> "v1.11.4-eksbuild.2";
            case "kube-proxy" -> "v" + c.version() + ".3-eksbuild.2";
            default -> "v1.3.4-eksbuild.1";
        });
        o.put("addonArn", "arn:aws:eks:" + c.region() + ":" + c.account() + ":addon/" + c.name() + "/" + name + "/lab");
        o.putObject("health").putArray("issues");
        return eks.ok(body);
    }
}
