package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.lab.aws.Fault;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every AWS read the doctor makes, denied on the lab (the emulator answers AccessDenied / UnauthorizedOperation as the
 * service does): the checks that needed it are UNKNOWN with "unknown: missing permission service:Action", and every
 * other check of the report still runs with the status it has when nothing is denied.
 */
class NetworkDoctorDeniedLabTest {
    /**
     * One denied read: the cluster, the operation, the checks that turn UNKNOWN naming it (an id, or a prefix ending in
     * "@" for every check of that kind) and the check kinds it may change otherwise (whose reads it feeds).
     */
    record Denied(String cluster, String region, String operation, List<String> unknown, List<String> alsoChanged) {
        Denied(String operation, List<String> unknown, List<String> alsoChanged) {
            this("retail-edge", "us-west-2", operation, unknown, alsoChanged);
        }
    }

    static final List<Denied> READS = List.of(
            new Denied("ec2:DescribeRouteTables", List.of("aws.routes", "aws.transit-gateway", "aws.vpn", "aws.dx",
                    "cluster.pod-cidrs@"), List.of("aws.tgw-")),
            new Denied("ec2:DescribeTransitGatewayAttachments", List.of("aws.transit-gateway", "aws.vpn", "aws.dx"),
                    List.of("aws.tgw-")),
            new Denied("ec2:DescribeTransitGateways", List.of("aws.transit-gateway"), List.of("aws.tgw-")),
            new Denied("ec2:SearchTransitGatewayRoutes", List.of("aws.transit-gateway"), List.of("aws.tgw-")),
            new Denied("ec2:DescribeVpnConnections", List.of("aws.vpn"), List.of()),
            new Denied("directconnect:DescribeVirtualInterfaces", List.of("aws.dx@"), List.of()),
            new Denied("directconnect:DescribeDirectConnectGateways", List.of("aws.dx@"), List.of()),
            new Denied("warehouse-edge", "eu-central-1", "ec2:DescribeVpnGateways",
                    List.of("aws.transit-gateway", "aws.vpn"), List.of("aws.vpn-routes@", "aws.routes@")),
            new Denied("ec2:DescribeSecurityGroups", List.of("aws.sg-443"), List.of()),
            new Denied("ec2:DescribeVpcAttribute", List.of("aws.vpc-dns@" + NetworkDoctorLabTest.RETAIL_VPC + ":enableDnsSupport",
                    "aws.vpc-dns@" + NetworkDoctorLabTest.RETAIL_VPC + ":enableDnsHostnames"), List.of()),
            new Denied("eks:ListAccessEntries", List.of("aws.access-entry", "aws.trust-anchor"), List.of()),
            new Denied("eks:DescribeAccessEntry", List.of("aws.access-entry", "aws.trust-anchor"), List.of()),
            new Denied("ssm:DescribeActivations", List.of("aws.ssm-activation"), List.of("aws.access-entry")),
            new Denied("rolesanywhere:ListTrustAnchors", List.of("aws.trust-anchor"), List.of()),
            new Denied("iam:GetRole", List.of("aws.trust-anchor"), List.of()));

    static DoctorLab doctorLab;
    static final Map<String, DoctorReport> BASELINE = new HashMap<>();

    @BeforeAll
    static void start() {
        doctorLab = DoctorLab.start();
    }

    @AfterAll
    static void stop() {
        if (doctorLab != null) {
            doctorLab.close();
        }
    }

    @AfterEach
    void clearFaults() {
        doctorLab.lab.aws().clearFaults();
    }

    static DoctorReport baseline(String cluster, String region) {
        return BASELINE.computeIfAbsent(cluster, c -> doctorLab.run(cluster, region));
    }

    @TestFactory
    Stream<DynamicTest> aDeniedReadMakesItsChecksUnknownNamingThePermissionAndTheRestStillRuns() {
        return READS.stream().map(d -> DynamicTest.dynamicTest(d.operation() + " denied on " + d.cluster(), () -> {
            DoctorReport before = baseline(d.cluster(), d.region());
            doctorLab.lab.aws().setFault(d.operation(), Fault.ACCESS_DENIED);
            DoctorReport r;
            try {
                r = doctorLab.run(d.cluster(), d.region());
            } finally {
                doctorLab.lab.aws().clearFaults();
            }
            String text = ReportText.render(r);
            String why = "unknown: missing permission " + d.operation();
            for (String id : d.unknown()) {
                List<DoctorCheck> matching = r.checks().stream()
                        .filter(c -> id.endsWith("@") ? c.id().startsWith(id) : c.id().equals(id)).toList();
                assertThat(matching).as(id + " in\n" + text).isNotEmpty();
                assertThat(matching).as(text).allSatisfy(c -> {
                    assertThat(c.status()).as(c.id()).isEqualTo(DoctorStatus.UNKNOWN);
                    assertThat(c.summary()).as(c.id()).isEqualTo(why);
                });
            }
            List<String> touched = Stream.concat(d.unknown().stream(), d.alsoChanged().stream()).toList();
            List<DoctorCheck> untouched = before.checks().stream()
                    .filter(c -> touched.stream().noneMatch(t -> c.id().equals(t) || c.id().startsWith(t.endsWith("@")
                            || t.endsWith("-") ? t : t + "@"))).toList();
            assertThat(untouched).as("the rest of the report").hasSizeGreaterThan(5);
            for (DoctorCheck c : untouched) {
                assertThat(DoctorLab.find(r, c.id()).map(DoctorCheck::status)).as(c.id() + " still checked in\n" + text)
                        .contains(c.status());
            }
        }));
    }
}
