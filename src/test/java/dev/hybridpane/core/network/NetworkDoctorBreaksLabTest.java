package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.lab.edge.NodeadmBackend.NodeadmBackendException;
import dev.hybridpane.lab.kube.LabKube;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.RemoteNodeNetwork;
import software.amazon.awssdk.services.eks.model.RemotePodNetwork;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rolesanywhere.RolesAnywhereClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Each kind of check the doctor emits, broken on the lab the way an administrator's colleague would break it (through
 * the EC2, EKS and Roles Anywhere APIs with the SDK, and kubectl-like edits of the cluster with fabric8), caught with the
 * status the issue asks for, then put back: the check returns to what it was on the healthy lab, so rows stay independent.
 */
class NetworkDoctorBreaksLabTest {
    static final String RETAIL = "retail-edge";
    static final String OREGON = "us-west-2";
    static final String NODES = "10.200.0.0/16";
    static final String PODS = "10.201.0.0/16";
    static final String RTB = NetworkDoctorLabTest.RETAIL_RTB;
    static final String TGW_RTB = "tgw-rtb-04e5f6a7b8c9d0e1f";
    static final String VPC = NetworkDoctorLabTest.RETAIL_VPC;
    static final String SG = NetworkDoctorLabTest.RETAIL_SG;
    static final String VPN = NetworkDoctorLabTest.RETAIL_VPN;
    static final String IGW = "igw-0a1b2c3d4e5f60718";
    static final String ANCHOR = "c0de8a53-e517-351f-a5fe-732df5f2c841";
    static final String SSM_ROLE = "retail-edge-hybrid-ssm";
    static final String RA_ROLE = "retail-edge-hybrid-ra";
    static final String CILIUM = "kube-system/cilium";
    static final String POS_NODE = "store-pos-01";

    /**
     * A colleague's change: made, caught as {@code status} with {@code says} in the summary of the check {@code id} names
     * (asked after the change: an activation's id is known only then), then undone.
     */
    record Break(String name, String cluster, String region, Supplier<String> id, DoctorStatus status, String says,
                 Runnable make, Runnable undo) {
        Break(String name, String id, DoctorStatus status, String says, Runnable make, Runnable undo) {
            this(name, RETAIL, OREGON, () -> id, status, says, make, undo);
        }
    }

    static DoctorLab doctorLab;
    static Ec2Client ec2;
    static Ec2Client frankfurt;
    static EksClient eks;
    static RolesAnywhereClient rolesAnywhere;
    static SsmClient ssm;
    static IamClient iam;
    static KubernetesClient kube;
    static final Map<String, DoctorReport> HEALTHY = new HashMap<>();

    @BeforeAll
    static void start() {
        doctorLab = DoctorLab.start();
        ec2 = doctorLab.clients.ec2(OREGON);
        frankfurt = doctorLab.clients.ec2("eu-central-1");
        eks = doctorLab.clients.eks(OREGON);
        rolesAnywhere = doctorLab.clients.rolesAnywhere(OREGON);
        ssm = doctorLab.clients.ssm(OREGON);
        iam = doctorLab.clients.iam();
        doctorLab.lab.aws().setUpdateDelay(Duration.ZERO);
        kube = doctorLab.lab.kube().client(LabKube.key(OREGON, RETAIL));
    }

    @AfterAll
    static void stop() {
        if (doctorLab != null) {
            doctorLab.close();
        }
    }

    static DoctorReport healthy(String cluster, String region) {
        return HEALTHY.computeIfAbsent(cluster, c -> doctorLab.run(cluster, region));
    }

    static String vpnAttachment() {
        return ec2.describeTransitGatewayAttachments(b -> { }).transitGatewayAttachments().stream()
                .filter(a -> VPN.equals(a.resourceId())).findFirst().orElseThrow().transitGatewayAttachmentId();
    }

    static String ssmRoleArn() {
        return eks.listAccessEntries(b -> b.clusterName(RETAIL)).accessEntries().stream().filter(a -> a.endsWith(":role/" + SSM_ROLE))
                .findFirst().orElseThrow();
    }

    static void tgwRoute(String cidr, boolean blackhole) {
        ec2.deleteTransitGatewayRoute(b -> b.transitGatewayRouteTableId(TGW_RTB).destinationCidrBlock(cidr));
        if (blackhole) {
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(TGW_RTB).destinationCidrBlock(cidr).blackhole(true));
        } else {
            String attachment = vpnAttachment();
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(TGW_RTB).destinationCidrBlock(cidr)
                    .transitGatewayAttachmentId(attachment));
        }
    }

    static void sg443(String cidr, boolean allow) {
        if (allow) {
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(SG).ipPermissions(p -> p.ipProtocol("tcp").fromPort(443).toPort(443)
                    .ipRanges(x -> x.cidrIp(cidr))));
        } else {
            ec2.revokeSecurityGroupIngress(b -> b.groupId(SG).ipPermissions(p -> p.ipProtocol("tcp").fromPort(443).toPort(443)
                    .ipRanges(x -> x.cidrIp(cidr))));
        }
    }

    static Resource<GenericKubernetesResource> ciliumNode(String name) {
        return kube.genericKubernetesResources("cilium.io/v2", "CiliumNode").withName(name);
    }

    @SuppressWarnings("unchecked")
    static void podCidrs(String node, List<String> cidrs) {
        ciliumNode(node).edit(n -> {
            Map<String, Object> ipam = (Map<String, Object>) ((Map<String, Object>) n.getAdditionalProperties().get("spec")).get("ipam");
            ipam.put("podCIDRs", cidrs);
            return n;
        });
    }

    static final Map<String, Object> SAVED = new HashMap<>();

    static void ciliumAffinity(boolean reachHybrid) {
        kube.apps().daemonSets().inNamespace("kube-system").withName("cilium").edit(ds -> {
            Affinity a = ds.getSpec().getTemplate().getSpec().getAffinity();
            if (!reachHybrid) {
                SAVED.put("affinity", a);
                a = new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("eks.amazonaws.com/compute-type")
                        .withOperator("NotIn").withValues("hybrid").endMatchExpression().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
            } else {
                a = (Affinity) SAVED.remove("affinity");
            }
            ds.getSpec().getTemplate().getSpec().setAffinity(a);
            return ds;
        });
    }

    static void ciliumPool(String value) {
        kube.configMaps().inNamespace("kube-system").withName("cilium-config").edit(cm -> {
            if (value == null) {
                SAVED.put("pool", cm.getData().remove("cluster-pool-ipv4-cidr"));
            } else {
                SAVED.putIfAbsent("pool", cm.getData().get("cluster-pool-ipv4-cidr"));
                cm.getData().put("cluster-pool-ipv4-cidr", value);
            }
            return cm;
        });
    }

    static void restoreCiliumPool() {
        kube.configMaps().inNamespace("kube-system").withName("cilium-config").edit(cm -> {
            cm.getData().put("cluster-pool-ipv4-cidr", (String) SAVED.remove("pool"));
            return cm;
        });
    }

    /** Cilium's BGP control plane as its chart installs it (the CRD), and one cluster config peering with the site. */
    static final CustomResourceDefinition BGP_CRD = new CustomResourceDefinitionBuilder().withNewMetadata()
            .withName("ciliumbgpclusterconfigs.cilium.io").endMetadata().withNewSpec().withGroup("cilium.io").withScope("Cluster")
            .withNewNames().withKind("CiliumBGPClusterConfig").withPlural("ciliumbgpclusterconfigs")
            .withSingular("ciliumbgpclusterconfig").withListKind("CiliumBGPClusterConfigList").endNames()
            .addNewVersion().withName("v2alpha1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
            .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
            .endSpec().build();

    static void bgp(boolean on) {
        if (on) {
            kube.apiextensions().v1().customResourceDefinitions().resource(BGP_CRD).create();
            kube.genericKubernetesResources("cilium.io/v2alpha1", "CiliumBGPClusterConfig").resource(
                    new GenericKubernetesResourceBuilder().withApiVersion("cilium.io/v2alpha1").withKind("CiliumBGPClusterConfig")
                            .withNewMetadata().withName("dallas-dc").endMetadata()
                            .addToAdditionalProperties("spec", Map.of("bgpInstances", List.of(Map.of("name", "site",
                                    "localASN", 65001, "peers", List.of(Map.of("name", "dallas-router", "peerASN", 65000,
                                            "peerAddress", "10.200.0.1")))))).build()).create();
        } else {
            kube.apiextensions().v1().customResourceDefinitions().withName(BGP_CRD.getMetadata().getName()).delete();
        }
    }

    /** UpdateClusterConfig of the remote networks, waited for until it succeeded. */
    static void remoteNetworks(List<String> pods) {
        String update = eks.updateClusterConfig(b -> b.name(RETAIL).clientRequestToken(UUID.randomUUID().toString())
                .remoteNetworkConfig(n -> n.remoteNodeNetworks(RemoteNodeNetwork.builder().cidrs(NODES).build())
                        .remotePodNetworks(pods.stream().map(p -> RemotePodNetwork.builder().cidrs(p).build()).toList())))
                .update().id();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"Successful".equals(eks.describeUpdate(b -> b.name(RETAIL).updateId(update)).update().statusAsString())) {
            assertThat(System.nanoTime()).as("update " + update + " succeeded").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** UpdateClusterConfig of the endpoint's access, waited for until it succeeded. */
    static void endpointAccess(boolean publicAccess, boolean privateAccess) {
        String update = eks.updateClusterConfig(b -> b.name(RETAIL).resourcesVpcConfig(v -> v.endpointPublicAccess(publicAccess)
                .endpointPrivateAccess(privateAccess))).update().id();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"Successful".equals(eks.describeUpdate(b -> b.name(RETAIL).updateId(update)).update().statusAsString())) {
            assertThat(System.nanoTime()).as("update " + update + " succeeded").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The VPC's attachment to its transit gateway deleted (as `aws ec2 delete-transit-gateway-vpc-attachment`), or made again. */
    @SuppressWarnings("unchecked")
    static void vpcAttachment(boolean attached) {
        if (!attached) {
            String id = ec2.describeTransitGatewayAttachments(b -> b.filters(f -> f.name("resource-id").values(VPC)))
                    .transitGatewayAttachments().get(0).transitGatewayAttachmentId();
            SAVED.put("subnets", ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(id))
                    .transitGatewayVpcAttachment().subnetIds());
        } else {
            ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(NetworkDoctorLabTest.RETAIL_TGW).vpcId(VPC)
                    .subnetIds((List<String>) SAVED.remove("subnets")));
        }
    }

    static void ciliumDaemonSet(boolean present) {
        var daemonSets = kube.apps().daemonSets().inNamespace("kube-system");
        if (!present) {
            SAVED.put("ds", daemonSets.withName("cilium").get());
            daemonSets.withName("cilium").delete();
            return;
        }
        DaemonSet ds = (DaemonSet) SAVED.remove("ds");
        ds.getMetadata().setResourceVersion(null);
        ds.getMetadata().setUid(null);
        ds.getMetadata().setCreationTimestamp(null);
        ds.setStatus(null);
        daemonSets.resource(ds).create();
    }

    /**
     * A colleague's own activation for a few spare hosts (as `aws ssm create-activation` with the EKS guide's cluster tag),
     * used up by the one host that registered with it (the SSM agent's registration).
     */
    static void spentActivation() {
        String arn = eks.describeCluster(b -> b.name(RETAIL)).cluster().arn();
        var created = ssm.createActivation(b -> b.iamRole(SSM_ROLE).defaultInstanceName("spare-racks").registrationLimit(1)
                .tags(t -> t.key(SsmHygiene.CLUSTER_TAG).value(arn)));
        SAVED.put("activation", created.activationId());
        try {
            SAVED.put("instance", doctorLab.lab.aws().nodeadm().registerSsm(OREGON, created.activationId(),
                    created.activationCode(), "spare-01", "10.200.9.9").instanceId());
        } catch (NodeadmBackendException e) {
            throw new AssertionError(e);
        }
    }

    static void removeActivation() {
        ssm.deregisterManagedInstance(b -> b.instanceId((String) SAVED.remove("instance")));
        ssm.deleteActivation(b -> b.activationId((String) SAVED.get("activation")));
    }

    /** The Roles Anywhere role's trust policy without its aws:SourceArn condition (any anchor of the account may be used). */
    static void anyAnchorTrusted(boolean any) {
        if (any) {
            SAVED.put("trust", URLDecoder.decode(iam.getRole(b -> b.roleName(RA_ROLE)).role().assumeRolePolicyDocument(),
                    StandardCharsets.UTF_8));
            iam.updateAssumeRolePolicy(b -> b.roleName(RA_ROLE).policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"rolesanywhere.amazonaws.com\"},\"Action\":["
                    + "\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]}]}"));
        } else {
            iam.updateAssumeRolePolicy(b -> b.roleName(RA_ROLE).policyDocument((String) SAVED.remove("trust")));
        }
    }

    static List<Break> breaks() {
        return List.of(
                new Break("a route deleted", "aws.routes@" + RTB + ":" + PODS, DoctorStatus.FAIL, "has no route for the remote pod "
                        + "network " + PODS, () -> ec2.deleteRoute(b -> b.routeTableId(RTB).destinationCidrBlock(PODS)),
                        () -> ec2.createRoute(b -> b.routeTableId(RTB).destinationCidrBlock(PODS)
                                .transitGatewayId(NetworkDoctorLabTest.RETAIL_TGW))),
                new Break("a route pointed at the VPC's internet gateway", "aws.routes@" + RTB + ":" + PODS, DoctorStatus.FAIL,
                        "to " + IGW + " (internetGateway), not to a transit gateway", () -> ec2.replaceRoute(b -> b.routeTableId(RTB)
                        .destinationCidrBlock(PODS).gatewayId(IGW)), () -> ec2.replaceRoute(b -> b.routeTableId(RTB)
                        .destinationCidrBlock(PODS).transitGatewayId(NetworkDoctorLabTest.RETAIL_TGW))),
                new Break("a transit gateway route deleted", "aws.tgw-routes@" + TGW_RTB + ":" + NODES, DoctorStatus.FAIL,
                        "has no route for " + NODES, () -> ec2.deleteTransitGatewayRoute(b -> b.transitGatewayRouteTableId(TGW_RTB)
                        .destinationCidrBlock(NODES)), () -> ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(TGW_RTB)
                        .destinationCidrBlock(NODES).transitGatewayAttachmentId(vpnAttachment()))),
                new Break("a transit gateway route made a blackhole", "aws.tgw-routes@" + TGW_RTB + ":" + PODS, DoctorStatus.FAIL,
                        "routes " + PODS + " as blackhole", () -> tgwRoute(PODS, true), () -> tgwRoute(PODS, false)),
                new Break("the VPC's transit gateway attachment deleted", "aws.tgw-attachment@" + NetworkDoctorLabTest.RETAIL_TGW,
                        DoctorStatus.FAIL, VPC + " is not attached to it", () -> vpcAttachment(false), () -> vpcAttachment(true)),
                new Break("the VPC's transit gateway attachment deleted: its routes are blackholes", "aws.routes@" + RTB + ":" + PODS,
                        DoctorStatus.FAIL, "which is a blackhole", () -> vpcAttachment(false), () -> vpcAttachment(true)),
                new Break("one tunnel down", "aws.vpn@" + VPN, DoctorStatus.WARN, "1 of 2 tunnels UP",
                        () -> doctorLab.lab.aws().setVpnTunnel(OREGON, VPN, 2, false),
                        () -> doctorLab.lab.aws().setVpnTunnel(OREGON, VPN, 2, true)),
                new Break("a static VPN route deleted", "warehouse-edge", "eu-central-1",
                        () -> "aws.vpn-routes@" + NetworkDoctorLabTest.WAREHOUSE_VPN + ":10.210.0.0/16", DoctorStatus.FAIL,
                        "has no static route for 10.210.0.0/16", () -> frankfurt.deleteVpnConnectionRoute(b -> b
                        .vpnConnectionId(NetworkDoctorLabTest.WAREHOUSE_VPN).destinationCidrBlock("10.210.0.0/16")),
                        () -> frankfurt.createVpnConnectionRoute(b -> b.vpnConnectionId(NetworkDoctorLabTest.WAREHOUSE_VPN)
                                .destinationCidrBlock("10.210.0.0/16"))),
                new Break("443 from the node network revoked", "aws.sg-443@" + NODES, DoctorStatus.FAIL,
                        "allows TCP 443 from " + NODES, () -> sg443(NODES, false), () -> sg443(NODES, true)),
                new Break("DNS resolution turned off (hostnames first, as EC2 requires)", "aws.vpc-dns@" + VPC + ":enableDnsSupport",
                        DoctorStatus.FAIL, "DNS resolution is off", () -> {
                            ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsHostnames(v -> v.value(false)));
                            ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsSupport(v -> v.value(false)));
                        }, () -> {
                            ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsSupport(v -> v.value(true)));
                            ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsHostnames(v -> v.value(true)));
                        }),
                new Break("DNS hostnames turned off", "aws.vpc-dns@" + VPC + ":enableDnsHostnames", DoctorStatus.FAIL,
                        "DNS hostnames is off", () -> ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsHostnames(v -> v.value(false))),
                        () -> ec2.modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsHostnames(v -> v.value(true)))),
                new Break("the endpoint made public and private", "aws.endpoint-access@" + RETAIL, DoctorStatus.WARN,
                        "The endpoint is public and private", () -> endpointAccess(true, true), () -> endpointAccess(false, true)),
                new Break("the SSM role's access entry deleted", "aws.access-entry@" + SSM_ROLE, DoctorStatus.FAIL,
                        "has no access entry", () -> {
                            String arn = ssmRoleArn();
                            SAVED.put("arn", arn);
                            eks.deleteAccessEntry(b -> b.clusterName(RETAIL).principalArn(arn));
                        }, () -> eks.createAccessEntry(b -> b.clusterName(RETAIL).principalArn((String) SAVED.remove("arn"))
                        .type("HYBRID_LINUX"))),
                new Break("the trust anchor disabled", "aws.trust-anchor@" + ANCHOR, DoctorStatus.FAIL, "is disabled",
                        () -> rolesAnywhere.disableTrustAnchor(b -> b.trustAnchorId(ANCHOR)),
                        () -> rolesAnywhere.enableTrustAnchor(b -> b.trustAnchorId(ANCHOR))),
                new Break("the Roles Anywhere role trusting any anchor", "aws.trust-anchor", DoctorStatus.WARN,
                        "name no trust anchor in their trust policy", () -> anyAnchorTrusted(true), () -> anyAnchorTrusted(false)),
                new Break("a node's pod CIDR moved outside the remote pod network", "cluster.pod-cidrs@" + POS_NODE,
                        DoctorStatus.FAIL, "10.99.2.0/25 is outside every remote pod network",
                        () -> podCidrs(POS_NODE, List.of("10.99.2.0/25")), () -> podCidrs(POS_NODE, List.of("10.201.2.0/25"))),
                new Break("Cilium's BGP control plane peering with the site", "cluster.pod-routes", DoctorStatus.PASS,
                        "advertises the nodes' pod CIDRs over BGP (CiliumBGPClusterConfig/dallas-dc)", () -> bgp(true),
                        () -> bgp(false)),
                new Break("cilium's affinity excluding hybrid nodes", "cluster.cni-affinity@" + CILIUM, DoctorStatus.FAIL,
                        "does not reach", () -> ciliumAffinity(false), () -> ciliumAffinity(true)),
                new Break("cilium's IPAM pool outside the remote pod network", "cluster.cni-ipam@" + CILIUM, DoctorStatus.FAIL,
                        "allocates pod CIDRs from 10.99.0.0/16", () -> ciliumPool("10.99.0.0/16"), () -> restoreCiliumPool()),
                new Break("cilium's IPAM pool list removed", "cluster.cni-ipam@" + CILIUM, DoctorStatus.WARN,
                        "No IPAM pod CIDR list", () -> ciliumPool(null), () -> restoreCiliumPool()),
                new Break("the cilium DaemonSet deleted", "cluster.cni-affinity", DoctorStatus.FAIL, "No Cilium or Calico DaemonSet",
                        () -> ciliumDaemonSet(false), () -> ciliumDaemonSet(true)),
                new Break("the remote pod network removed from the cluster", "cluster.remote-pod-networks", DoctorStatus.WARN,
                        "has no remote pod network", () -> remoteNetworks(List.of()), () -> remoteNetworks(List.of(PODS))),
                new Break("a colleague's activation used up", RETAIL, OREGON, () -> "aws.ssm-activation@" + SAVED.remove("activation"),
                        DoctorStatus.WARN, "(spare-racks) is used up", () -> spentActivation(), () -> removeActivation()));
    }

    @Test
    void aColleaguesActivationPastItsExpiryWarns() {
        String arn = eks.describeCluster(b -> b.name(RETAIL)).cluster().arn();
        String id = ssm.createActivation(b -> b.iamRole(SSM_ROLE).defaultInstanceName("spare-racks").registrationLimit(2)
                .expirationDate(Instant.now().plus(Duration.ofHours(1))).tags(t -> t.key(SsmHygiene.CLUSTER_TAG).value(arn)))
                .activationId();
        DoctorReport now;
        DoctorReport later;
        try {
            now = doctorLab.run(RETAIL, OREGON);
            // two hours on, as the doctor's clock sees it
            later = DoctorLab.run(DoctorLab.doctor(doctorLab.clients, Clock.offset(Clock.systemUTC(), Duration.ofHours(2))),
                    RETAIL, OREGON);
        } finally {
            ssm.deleteActivation(b -> b.activationId(id));
        }
        DoctorCheck usable = DoctorLab.check(now, "aws.ssm-activation@" + id);
        assertThat(usable.status()).isEqualTo(DoctorStatus.PASS);
        assertThat(usable.summary()).contains("can register 2 more hosts");
        DoctorCheck expired = DoctorLab.check(later, "aws.ssm-activation@" + id);
        assertThat(expired.status()).as(ReportText.render(later)).isEqualTo(DoctorStatus.WARN);
        assertThat(expired.summary()).contains("(spare-racks) is expired");
    }

    @TestFactory
    Stream<DynamicTest> eachBreakIsCaughtThenUndoneAndTheLabIsHealthyAgain() {
        Stream<DynamicTest> rows = breaks().stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            DoctorReport before = healthy(b.cluster(), b.region());
            DoctorReport broken;
            b.make().run();
            try {
                broken = doctorLab.run(b.cluster(), b.region());
            } finally {
                b.undo().run();
            }
            String id = b.id().get();
            assertThat(DoctorLab.find(before, id).map(DoctorCheck::status)).as("on the healthy lab").isNotEqualTo(
                    Optional.of(b.status()));
            DoctorCheck c = DoctorLab.check(broken, id);
            assertThat(c.status()).as(ReportText.render(broken)).isEqualTo(b.status());
            assertThat(c.summary()).contains(b.says());
        }));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("every break undone: the same report as before", () -> {
            for (String[] cluster : new String[][] {{RETAIL, OREGON}, {"warehouse-edge", "eu-central-1"}}) {
                DoctorReport now = doctorLab.run(cluster[0], cluster[1]);
                assertThat(statuses(now)).as(ReportText.render(now)).isEqualTo(statuses(healthy(cluster[0], cluster[1])));
            }
        }));
        return Stream.concat(rows, after);
    }

    static Map<String, DoctorStatus> statuses(DoctorReport r) {
        Map<String, DoctorStatus> m = new TreeMap<>();
        r.checks().forEach(c -> m.put(c.id(), c.status()));
        return m;
    }
}
