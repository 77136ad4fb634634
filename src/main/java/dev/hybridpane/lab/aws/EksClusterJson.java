package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Writes a lab cluster as the {@code cluster} object of EKS DescribeCluster. */
final class EksClusterJson {
    private static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private final AwsState state;
    private final Map<String, String> apiEndpoints;
    private final String caData;

    EksClusterJson(AwsState state, Map<String, String> apiEndpoints, String caData) {
        this.state = state;
        this.apiEndpoints = apiEndpoints;
        this.caData = caData;
    }

    void write(LabCluster c, ObjectNode o) {
        String hash = UUID.nameUUIDFromBytes((c.region() + "/" + c.name()).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").toUpperCase(Locale.ROOT);
        o.put("name", c.name());
        o.put("arn", c.arn());
        o.put("createdAt", Json.epochSeconds(state.createdAt(c)));
        o.put("version", c.version());
        String endpoint = apiEndpoints.get(AwsState.key(c.region(), c.name()));
        if (endpoint != null) {
            o.put("endpoint", endpoint);
        }
        o.put("roleArn", "arn:aws:iam::" + c.account() + ":role/" + c.name() + "-cluster-role");

        ObjectNode vpc = o.putObject("resourcesVpcConfig");
        strings(vpc.putArray("subnetIds"), c.vpc().subnets().stream().map(s -> s.id()).toList());
        strings(vpc.putArray("securityGroupIds"), c.vpc().additionalSecurityGroupIds());
        vpc.put("clusterSecurityGroupId", c.vpc().clusterSecurityGroupId());
        vpc.put("vpcId", c.vpc().id());
        vpc.put("endpointPublicAccess", c.endpointPublic());
        vpc.put("endpointPrivateAccess", c.endpointPrivate());
        strings(vpc.putArray("publicAccessCidrs"), List.of("0.0.0.0/0"));

        ObjectNode net = o.putObject("kubernetesNetworkConfig");
        net.put("serviceIpv4Cidr", c.serviceCidr());
        net.put("ipFamily", c.ipFamily());
        net.putObject("elasticLoadBalancing").put("enabled", false);

        ObjectNode logging = o.putObject("logging");
        ObjectNode setup = logging.putArray("clusterLogging").addObject();
        strings(setup.putArray("types"), LOG_TYPES);
        setup.put("enabled", false);

        o.putObject("identity").putObject("oidc")
                .put("issuer", "https://oidc.eks." + c.region() + ".amazonaws.com/id/" + hash);
        o.put("status", c.status());
        o.putObject("certificateAuthority").put("data", caData);
        o.put("platformVersion", c.platformVersion());
        ObjectNode tags = o.putObject("tags");
        c.tags().forEach(tags::put);
        o.putObject("health").putArray("issues");
        ObjectNode access = o.putObject("accessConfig");
        // the world's own account's clusters were created by the lab user, with EKS's default (the creator an
        // administrator); another account's were created by its own automation, which did not keep that access
        access.put("bootstrapClusterCreatorAdminPermissions", c.account().equals(state.accountId()));
        access.put("authenticationMode", c.authenticationMode());
        o.putObject("upgradePolicy").put("supportType", "STANDARD");

        if (!c.remoteNodeCidrs().isEmpty() || !c.remotePodCidrs().isEmpty()) {
            ObjectNode remote = o.putObject("remoteNetworkConfig");
            if (!c.remoteNodeCidrs().isEmpty()) {
                strings(remote.putArray("remoteNodeNetworks").addObject().putArray("cidrs"), c.remoteNodeCidrs());
            }
            if (!c.remotePodCidrs().isEmpty()) {
                strings(remote.putArray("remotePodNetworks").addObject().putArray("cidrs"), c.remotePodCidrs());
            }
        }
    }

    private static void strings(ArrayNode arr, List<String> values) {
        values.forEach(arr::add);
    }
}
