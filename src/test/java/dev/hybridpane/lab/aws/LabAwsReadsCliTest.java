package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws CLI's everyday reads of IAM, EKS, EC2 and SSM against the lab (skipped where the aws CLI is not installed),
 * signed with the lab's key pair: its paginators follow the lab's Marker / NextToken / nextToken across small pages
 * (--page-size), --max-items hands back a token that --starting-token resumes from, and refusals exit non-zero with
 * AWS's error code.
 */
class LabAwsReadsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static AwsEmulator emulator;
    static Optional<Path> aws;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        aws = AwsCli.find();
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static AwsCli.Run aws(String... args) throws Exception {
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "us-west-2", "--output", "json"));
        return AwsCli.run(aws.get(), home, LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY,
                all.toArray(String[]::new));
    }

    static JsonNode ok(String... args) throws Exception {
        AwsCli.Run run = aws(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.stderr()).isZero();
        return JSON.readTree(run.stdout());
    }

    static void refused(String code, String... args) throws Exception {
        AwsCli.Run run = aws(args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
        assertThat(run.stderr()).contains("(" + code + ")").doesNotContain("Traceback");
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void iamListsPageByMarker() throws Exception {
        JsonNode roles = ok("iam", "list-roles", "--page-size", "1");
        assertThat(texts(roles.path("Roles"), "RoleName")).containsExactly("retail-edge-hybrid-ra", "retail-edge-hybrid-ssm",
                "warehouse-edge-hybrid-ssm");
        JsonNode inline = ok("iam", "list-role-policies", "--role-name", "retail-edge-hybrid-ssm", "--page-size", "1");
        assertThat(inline.path("PolicyNames").toString()).isEqualTo("[\"EKSDescribeClusterPolicy\",\"EKSHybridSSMPolicy\"]");
        JsonNode attached = ok("iam", "list-attached-role-policies", "--role-name", "retail-edge-hybrid-ssm", "--page-size", "1");
        assertThat(texts(attached.path("AttachedPolicies"), "PolicyArn"))
                .containsExactly(ManagedPolicies.ECR_PULL_ONLY, ManagedPolicies.SSM_MANAGED_INSTANCE_CORE);
        JsonNode first = ok("iam", "list-policies", "--scope", "AWS", "--max-items", "2");
        assertThat(first.path("Policies")).hasSize(2);
        String token = first.path("NextToken").asText();
        assertThat(token).isNotEmpty();
        JsonNode rest = ok("iam", "list-policies", "--scope", "AWS", "--starting-token", token);
        List<String> names = new ArrayList<>(texts(first.path("Policies"), "PolicyName"));
        names.addAll(texts(rest.path("Policies"), "PolicyName"));
        assertThat(names).containsExactlyInAnyOrder("AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore",
                "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy");
        refused("NoSuchEntity", "iam", "list-role-policies", "--role-name", "nobody");
        refused("ValidationError", "iam", "list-policies", "--scope", "Everything");
    }

    @Test
    void eksListsNodegroupsAndClusterVersions() throws Exception {
        assertThat(ok("eks", "list-nodegroups", "--cluster-name", "retail-edge").path("nodegroups").toString())
                .isEqualTo("[\"retail-edge-default\"]");
        JsonNode paged = ok("eks", "describe-cluster-versions", "--include-all", "--page-size", "1");
        JsonNode whole = ok("eks", "describe-cluster-versions", "--include-all");
        assertThat(texts(paged.path("clusterVersions"), "clusterVersion"))
                .isEqualTo(texts(whole.path("clusterVersions"), "clusterVersion")).contains("1.31", "1.35");
        JsonNode supported = ok("eks", "describe-cluster-versions");
        supported.path("clusterVersions").forEach(v -> assertThat(v.path("versionStatus").asText())
                .isIn("STANDARD_SUPPORT", "EXTENDED_SUPPORT"));
        assertThat(supported.path("clusterVersions").findValues("defaultVersion")).filteredOn(JsonNode::asBoolean).hasSize(1);
        refused("ResourceNotFoundException", "eks", "list-nodegroups", "--cluster-name", "no-such-cluster");
        refused("InvalidParameterException", "eks", "describe-cluster-versions", "--version-status", "SOMETIMES");
    }

    @Test
    void ec2DescribesNetworkInterfacesVpcAttributesTransitGatewaysAndVpns() throws Exception {
        JsonNode enis = ok("ec2", "describe-network-interfaces", "--page-size", "5");
        assertThat(enis.path("NetworkInterfaces").size()).isGreaterThan(5);
        assertThat(texts(enis.path("NetworkInterfaces"), "NetworkInterfaceId")).doesNotHaveDuplicates();
        JsonNode eks = ok("ec2", "describe-network-interfaces", "--filters", "Name=description,Values=Amazon EKS retail-edge");
        assertThat(eks.path("NetworkInterfaces")).hasSize(3);
        eks.path("NetworkInterfaces").forEach(n -> {
            assertThat(n.path("InterfaceType").asText()).isEqualTo("interface");
            assertThat(n.path("Attachment").path("DeviceIndex").asInt()).isEqualTo(1);
            assertThat(n.path("Groups").findValuesAsText("GroupId")).contains("sg-0c1a2b3c4d5e6f701");
        });
        JsonNode dns = ok("ec2", "describe-vpc-attribute", "--vpc-id", "vpc-0a1b2c3d4e5f60718", "--attribute",
                "enableDnsHostnames");
        assertThat(dns.path("EnableDnsHostnames").path("Value").asBoolean()).isTrue();
        assertThat(dns.path("VpcId").asText()).isEqualTo("vpc-0a1b2c3d4e5f60718");
        refused("InvalidParameterValue", "ec2", "describe-vpc-attribute", "--vpc-id", "vpc-0a1b2c3d4e5f60718", "--attribute",
                "enableEverything");
        refused("InvalidVpcID.NotFound", "ec2", "describe-vpc-attribute", "--vpc-id", "vpc-0000000000000000f", "--attribute",
                "enableDnsSupport");
        assertThat(texts(ok("ec2", "describe-transit-gateways").path("TransitGateways"), "TransitGatewayId"))
                .containsExactly("tgw-04e5f6a7b8c9d0e1f");
        assertThat(texts(ok("ec2", "describe-transit-gateway-attachments", "--page-size", "5")
                .path("TransitGatewayAttachments"), "ResourceId")).containsExactly("vpc-0a1b2c3d4e5f60718",
                        "vpn-07c1d2e3f4a5b6c7d", "3f6d1c2e-8a4b-4e71-9c5d-0b2a7e9f4d18");
        assertThat(texts(ok("ec2", "describe-vpn-connections").path("VpnConnections"), "VpnConnectionId"))
                .containsExactly("vpn-07c1d2e3f4a5b6c7d");
        assertThat(ok("ec2", "describe-vpn-gateways").path("VpnGateways")).isEmpty();
        refused("InvalidVpnGatewayID.NotFound", "ec2", "describe-vpn-gateways", "--vpn-gateway-ids", "vgw-0123456789abcdef0");
    }

    @Test
    void ssmDescribesManagedInstancesAndActivations() throws Exception {
        JsonNode instances = ok("ssm", "describe-instance-information", "--page-size", "5");
        assertThat(instances.path("InstanceInformationList")).hasSize(4);
        instances.path("InstanceInformationList").forEach(i -> {
            assertThat(i.path("InstanceId").asText()).matches("mi-0[0-9a-f]{16}");
            assertThat(i.path("ResourceType").asText()).isEqualTo("ManagedInstance");
            assertThat(i.path("PlatformType").asText()).isEqualTo("Linux");
        });
        JsonNode first = ok("ssm", "describe-instance-information", "--max-items", "3");
        assertThat(first.path("InstanceInformationList")).hasSize(3);
        JsonNode rest = ok("ssm", "describe-instance-information", "--starting-token", first.path("NextToken").asText());
        assertThat(rest.path("InstanceInformationList")).hasSize(1);
        JsonNode activations = ok("ssm", "describe-activations");
        assertThat(texts(activations.path("ActivationList"), "IamRole")).containsExactly("retail-edge-hybrid-ssm");
        assertThat(texts(instances.path("InstanceInformationList"), "ActivationId"))
                .containsOnly(activations.path("ActivationList").get(0).path("ActivationId").asText());
        refused("InvalidInstanceId", "ssm", "describe-instance-information", "--filters",
                "Key=InstanceIds,Values=mi-0000000000000000f");
        refused("InvalidFilterKey", "ssm", "describe-instance-information", "--filters", "Key=Colour,Values=blue");
    }
}
