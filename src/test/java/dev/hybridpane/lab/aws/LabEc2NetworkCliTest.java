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
 * The lab's EC2 network from the aws CLI (skipped where it is not installed), as an administrator would mend
 * warehouse-edge's planted faults and read retail-edge's transit gateway routes: the calls parse, change what the next
 * read shows, and a repeat exits non-zero with EC2's error code.
 */
class LabEc2NetworkCliTest {
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

    static AwsCli.Run aws(String region, String... args) throws Exception {
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", emulator.endpoint().toString(), "--region", region, "--output", "json"));
        return AwsCli.run(aws.get(), home, LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY,
                all.toArray(String[]::new));
    }

    static JsonNode ok(String region, String... args) throws Exception {
        AwsCli.Run run = aws(region, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.stderr()).isZero();
        return run.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(run.stdout());
    }

    static void refused(String region, String code, String... args) throws Exception {
        AwsCli.Run run = aws(region, args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
        assertThat(run.stderr()).contains("(" + code + ")").doesNotContain("Traceback");
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void anAdministratorMendsWarehouseEdgeWithTheAwsCli() throws Exception {
        String eu = "eu-central-1";
        String rtb = "rtb-0d4e5f60718293a41";
        JsonNode before = ok(eu, "ec2", "describe-route-tables", "--route-table-ids", rtb);
        assertThat(texts(before.path("RouteTables").get(0).path("Routes"), "DestinationCidrBlock"))
                .containsExactly("10.130.0.0/16", "10.210.0.0/16");
        JsonNode created = ok(eu, "ec2", "create-route", "--route-table-id", rtb, "--destination-cidr-block", "10.211.0.0/16",
                "--gateway-id", "vgw-0e8f9a0b1c2d3e4f5");
        assertThat(created.path("Return").asBoolean()).isTrue();
        refused(eu, "RouteAlreadyExists", "ec2", "create-route", "--route-table-id", rtb, "--destination-cidr-block",
                "10.211.0.0/16", "--gateway-id", "vgw-0e8f9a0b1c2d3e4f5");
        assertThat(texts(ok(eu, "ec2", "describe-route-tables", "--route-table-ids", rtb).path("RouteTables").get(0)
                .path("Routes"), "DestinationCidrBlock")).containsExactly("10.130.0.0/16", "10.210.0.0/16", "10.211.0.0/16");

        ok(eu, "ec2", "authorize-security-group-ingress", "--group-id", "sg-0b6f708192a3b4c56", "--protocol", "tcp",
                "--port", "443", "--cidr", "10.211.0.0/16");
        JsonNode groups = ok(eu, "ec2", "describe-security-groups", "--group-ids", "sg-0b6f708192a3b4c56");
        assertThat(groups.path("SecurityGroups").get(0).path("IpPermissions").get(0).path("IpRanges").findValuesAsText("CidrIp"))
                .containsExactly("10.210.0.0/16", "10.211.0.0/16");

        JsonNode vpn = ok(eu, "ec2", "describe-vpn-connections", "--vpn-connection-ids", "vpn-0f1e2d3c4b5a69788");
        assertThat(texts(vpn.path("VpnConnections").get(0).path("VgwTelemetry"), "Status")).containsExactly("UP", "DOWN");

        ok(eu, "ec2", "modify-vpc-attribute", "--vpc-id", "vpc-0d4e5f60718293a41", "--no-enable-dns-hostnames");
        assertThat(ok(eu, "ec2", "describe-vpc-attribute", "--vpc-id", "vpc-0d4e5f60718293a41", "--attribute",
                "enableDnsHostnames").path("EnableDnsHostnames").path("Value").asBoolean()).isFalse();
    }

    @Test
    void retailEdgesTransitGatewayRoutesAreSearchable() throws Exception {
        JsonNode routes = ok("us-west-2", "ec2", "search-transit-gateway-routes", "--transit-gateway-route-table-id",
                "tgw-rtb-04e5f6a7b8c9d0e1f", "--filters", "Name=type,Values=static");
        assertThat(texts(routes.path("Routes"), "DestinationCidrBlock")).containsExactly("10.200.0.0/16", "10.201.0.0/16");
        assertThat(routes.path("Routes").findValuesAsText("ResourceId")).containsOnly("vpn-07c1d2e3f4a5b6c7d");
    }
}
