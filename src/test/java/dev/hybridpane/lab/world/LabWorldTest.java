package dev.hybridpane.lab.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world file is read from its YAML tree (not bound by Jackson): same records, same strictness. The build writes that
 * tree as JSON, which the lab reads while it matches the YAML.
 */
class LabWorldTest {
    private static final String MINIMAL = """
            accountId: "111122223333"
            userName: lab-admin
            regions: [us-west-2]
            clusters:
              - name: c1
                region: us-west-2
                version: "1.31"
                endpointPrivate: true
                cloudNodes: 2
                vpc: {id: vpc-1, name: v, cidrs: [10.0.0.0/16], subnets: [{id: subnet-1, cidr: 10.0.0.0/20}]}
            """;

    @Test
    void theShippedWorldReadsAsJacksonsRecordBindingReadsIt() throws Exception {
        LabWorld bound;
        try (InputStream in = LabWorld.class.getResourceAsStream(LabWorld.RESOURCE)) {
            bound = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, LabWorld.class);
        }
        LabWorld read = LabWorld.load();
        assertThat(read).isEqualTo(bound);
        assertThat(read.clusters()).hasSize(5);
        // four in the lab's own account (what its keys see), one in the second account
        assertThat(read.clusters(read.accountId())).extracting(LabWorld.LabCluster::name)
                .containsExactly("retail-edge", "payments", "factory-floor", "warehouse-edge");
        assertThat(read.clusters("444455556666")).extracting(LabWorld.LabCluster::name).containsExactly("staging-edge");
        assertThat(read.clusters().get(0).hybridRoles().get(1).caCertificate()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(read.clusters().get(0).sites()).extracting(LabWorld.LabSite::name).containsExactly("dallas-dc", "austin-store-112");
    }

    @Test
    void missingKeysGetTheRecordsDefaults() throws Exception {
        LabWorld w = parse(MINIMAL);
        LabWorld.LabCluster c = w.clusters().get(0);
        assertThat(c.endpointPublic()).isFalse();
        assertThat(c.endpointPrivate()).isTrue();
        assertThat(c.cloudNodes()).isEqualTo(2);
        assertThat(c.cni()).isEqualTo("vpc-cni");
        assertThat(c.sites()).isEmpty();
        assertThat(c.tags()).isEmpty();
        assertThat(c.vpc().subnets().get(0).availabilityZone()).isNull();
        assertThat(c.vpc().additionalSecurityGroupIds()).isEmpty();
    }

    @Test
    void aClusterIsInTheWorldsAccountUnlessItNamesAnotherWhoseNamesDoNotClash() throws Exception {
        assertThat(parse(MINIMAL).clusters().get(0).account()).isEqualTo("111122223333");
        assertThat(parse(MINIMAL).clusters().get(0).arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/c1");
        String second = MINIMAL.replace("  - name: c1\n", "  - name: c1\n    account: \"444455556666\"\n");
        LabWorld w = parse(second);
        assertThat(w.clusters().get(0).account()).isEqualTo("444455556666");
        assertThat(w.clusters("111122223333")).isEmpty();
        assertThat(w.withLiveHosts().scaled(10).clusters().get(0).account()).as("kept by the world's copies").isEqualTo("444455556666");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  - name: c1\n", "  - name: c1\n    account: \"4444\"\n")))
                .hasMessage("world.clusters[0].account: an AWS account id is 12 digits, not 4444");
        String cluster = MINIMAL.substring(MINIMAL.indexOf("  - name: c1"));
        assertThatThrownBy(() -> parse(second + cluster)).hasMessageContaining("two clusters named c1 in us-west-2");
    }

    @Test
    void anUnknownKeyFailsWithWhereItIs() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("cidr: 10.0.0.0/20", "cdir: 10.0.0.0/20")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("world.clusters[0].vpc.subnets[0]: unknown key \"cdir\"");
        assertThatThrownBy(() -> parse(MINIMAL + "colour: blue\n"))
                .hasMessage("world: unknown key \"colour\"");
    }

    @Test
    void aValueOfTheWrongTypeFailsWithWhereItIs() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("cloudNodes: 2", "cloudNodes: two")))
                .hasMessage("world.clusters[0].cloudNodes: expected a whole number, found STRING");
        assertThatThrownBy(() -> parse(MINIMAL.replace("endpointPrivate: true", "endpointPrivate: [true]")))
                .hasMessage("world.clusters[0].endpointPrivate: expected true or false, found ARRAY");
        assertThatThrownBy(() -> parse(MINIMAL.replace("regions: [us-west-2]", "regions: us-west-2")))
                .hasMessage("world.regions: expected a list, found STRING");
        assertThatThrownBy(() -> parse(MINIMAL.replace("vpc: {", "vpc: [{").replace("}]}", "}]}]")))
                .hasMessage("world.clusters[0].vpc: expected a mapping, found ARRAY");
    }

    @Test
    void aTextFieldMustBeYamlTextNotAScalarYamlWouldChange() throws Exception {
        // unquoted, YAML reads 1.30 as the number 1.3 and yes as true: refused rather than read changed
        assertThatThrownBy(() -> parse(MINIMAL.replace("version: \"1.31\"", "version: 1.30")))
                .hasMessage("world.clusters[0].version: expected text (quote it), found NUMBER");
        assertThatThrownBy(() -> parse(MINIMAL.replace("regions: [us-west-2]", "regions: [us-west-2, yes]")))
                .hasMessage("world.regions[1]: expected text (quote it), found BOOLEAN");
        assertThat(parse(MINIMAL.replace("version: \"1.31\"", "version: \"1.30\"")).clusters().get(0).version())
                .isEqualTo("1.30");
    }

    @Test
    void theBuildWroteTheWorldAsJsonAndTheLabReadsThat() throws Exception {
        byte[] yaml;
        try (InputStream in = LabWorld.class.getResourceAsStream(LabWorld.RESOURCE)) {
            yaml = in.readAllBytes();
        }
        LabWorld fromJson;
        try (InputStream json = LabWorld.class.getResourceAsStream(LabWorld.COMPILED)) {
            assertThat(json).as("world.json, written by the build's process-classes step").isNotNull();
            fromJson = WorldJson.read(json, yaml);
        }
        assertThat(fromJson).as("made from this world.yaml").isNotNull().isEqualTo(LabWorld.parse(new ByteArrayInputStream(yaml)));
        assertThat(LabWorld.load()).isEqualTo(fromJson);
    }

    @Test
    void aJsonWorldMadeFromOtherYamlIsNotRead(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("world.json");
        byte[] minimal = MINIMAL.getBytes(StandardCharsets.UTF_8);
        WorldJson.write(minimal, json);
        try (InputStream in = Files.newInputStream(json)) {
            assertThat(WorldJson.read(in, minimal)).isEqualTo(parse(MINIMAL));
        }
        // world.yaml edited after the JSON was written: the YAML is the source
        byte[] edited = MINIMAL.replace("cloudNodes: 2", "cloudNodes: 3").getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(json)) {
            assertThat(WorldJson.read(in, edited)).isNull();
        }
        assertThat(WorldJson.read(null, minimal)).isNull();
    }

    @Test
    void theBuildStepRefusesAWorldTheLabWouldRefuse(@TempDir Path dir) {
        Path json = dir.resolve("world.json");
        byte[] bad = MINIMAL.replace("cloudNodes: 2", "cloudNodes: two").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WorldJson.write(bad, json))
                .hasMessage("world.clusters[0].cloudNodes: expected a whole number, found STRING");
        assertThat(json).doesNotExist();
    }

    @Test
    void poolsNameTheProfileVersionTheyWereMadeFromAndTheClusterHoldsItsProfiles() throws Exception {
        LabWorld.LabCluster retail = LabWorld.load().clusters().get(0);
        assertThat(retail.sites().stream().flatMap(s -> s.pools().stream()).map(p -> p.name() + "=" + p.profile()))
                .containsExactly("dallas-gpu=" + new LabWorld.LabProfileRef("gpu-ssm", 1),
                        "store-pos=" + new LabWorld.LabProfileRef("pos-iam-ra", 1));
        assertThat(retail.profileObjects()).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactly("gpu-ssm", "pos-iam-ra");
        // each call hands out copies: a change to one does not reach the world
        retail.profileObjects().get(0).put("kind", "Changed");
        assertThat(retail.profileObjects().get(0).path("kind").asText()).isEqualTo("ClusterProfile");
        // scaled pools use the profile of the seeded pools with their credential provider
        LabWorld.LabCluster scaled = LabWorld.load().scaled(100).clusters().get(0);
        assertThat(scaled.sites().get(0).pools()).extracting(p -> p.credentialProvider() + "=" + p.profile().name())
                .containsExactly("ssm=gpu-ssm", "iam-ra=pos-iam-ra");
        assertThat(scaled.profileObjects()).hasSize(2);
    }

    @Test
    void aProfileOfTheWorldMustBeAClusterProfileWithAName() {
        String profile = MINIMAL + """
                    profiles:
                      - apiVersion: hybridpane.dev/v1alpha1
                        kind: ClusterProfile
                        metadata: {name: p1, namespace: hybridpane-system}
                        spec: {versions: []}
                """;
        assertThatThrownBy(() -> parse(profile.replace("kind: ClusterProfile", "kind: Profile")))
                .hasMessage("world.clusters[0].profiles[0]: expected apiVersion hybridpane.dev/v1alpha1 and kind ClusterProfile");
        assertThatThrownBy(() -> parse(profile.replace("name: p1, ", "")))
                .hasMessage("world.clusters[0].profiles[0].metadata.name: missing");
        assertThatThrownBy(() -> parse(profile.replace("spec: {versions: []}", "status: {}")))
                .hasMessage("world.clusters[0].profiles[0]: unknown key \"status\"");
        assertThatThrownBy(() -> parse(MINIMAL.replace("cloudNodes: 2", "cloudNodes: 2\n    sites: [{name: s, nodeCidr: 10.0.0.0/24, "
                + "pools: [{name: p, nodes: 1, profile: {name: x, version: one}}]}]")))
                .hasMessage("world.clusters[0].sites[0].pools[0].profile.version: expected a whole number, found STRING");
    }

    @Test
    void aVpcNamesItsGatewayVpnConnectionsAndWhatItRoutesAndAllows() throws Exception {
        String vpn = "vpc: {id: vpc-1, name: v, cidrs: [10.0.0.0/16], vpnGatewayId: vgw-1, routedCidrs: [10.9.0.0/16],"
                + " apiIngressCidrs: [], vpnConnections: [{id: vpn-1, customerGatewayId: cgw-1, customerGatewayAddress: 203.0.113.9,"
                + " site: s, tunnels: [UP, DOWN]}], subnets: [{id: subnet-1, cidr: 10.0.0.0/20}]}";
        LabWorld.LabVpc v = parse(MINIMAL.replaceFirst("vpc: \\{.*}\\n", vpn + "\n")).clusters().get(0).vpc();
        assertThat(v.vpnGatewayId()).isEqualTo("vgw-1");
        assertThat(v.routedCidrs()).containsExactly("10.9.0.0/16");
        assertThat(v.apiIngressCidrs()).isEmpty();
        assertThat(v.vpnConnections()).singleElement().satisfies(c -> {
            assertThat(c.tunnels()).containsExactly("UP", "DOWN");
            assertThat(c.staticRoutes()).as("null: every remote CIDR").isNull();
        });
        LabWorld.LabVpc plain = parse(MINIMAL).clusters().get(0).vpc();
        assertThat(plain.vpnConnections()).isEmpty();
        assertThat(plain.routedCidrs()).as("null: every remote CIDR").isNull();
        assertThatThrownBy(() -> parse(MINIMAL.replaceFirst("vpc: \\{.*}\\n", vpn.replace("[UP, DOWN]", "[UP, SIDEWAYS]") + "\n")))
                .hasMessageContaining("world.clusters[0].vpc.vpnConnections[0].tunnels: expected two of UP or DOWN");
        assertThatThrownBy(() -> parse(MINIMAL.replaceFirst("vpc: \\{.*}\\n", vpn.replace("vpnGatewayId: vgw-1,", "") + "\n")))
                .hasMessageContaining("world.clusters[0].vpc: VPN connections need either a transitGatewayId or a vpnGatewayId");
    }

    private static LabWorld parse(String yaml) throws Exception {
        return LabWorld.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSeededPoolsNameTheirHostsAndOnlyTheRunningLabMakesThemLive() {
        LabWorld w = LabWorld.load();
        List<LabWorld.LabPool> pools = w.clusters().get(0).sites().stream().flatMap(s -> s.pools().stream()).toList();
        assertThat(pools).extracting(LabWorld.LabPool::name).containsExactly("dallas-gpu", "store-pos");
        assertThat(pools.get(0).hosts()).containsExactly("dallas-18", "dallas-19", "dallas-20", "dallas-21");
        assertThat(pools.get(1).hosts()).containsExactly("austin-11", "austin-12", "austin-13", "austin-14");
        assertThat(pools).noneMatch(LabWorld.LabPool::hosted);
        assertThat(w.withLiveHosts().clusters().get(0).sites().stream().flatMap(s -> s.pools().stream()))
                .allMatch(LabWorld.LabPool::hosted);
        assertThat(w.scaled(120).withLiveHosts().clusters().get(0).sites().stream().flatMap(s -> s.pools().stream()))
                .as("--lab-scale's synthetic pools name no hosts").noneMatch(LabWorld.LabPool::hosted);
        assertThatThrownBy(() -> new LabWorld.LabPool("p", 2, "ssm", "amd64", null, null, null, List.of("h1"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 nodes but names 1 hosts");
    }
}
