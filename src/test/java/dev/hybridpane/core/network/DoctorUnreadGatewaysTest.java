package dev.hybridpane.core.network;

import static dev.hybridpane.core.network.NetworkDoctorTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import org.junit.jupiter.api.Test;

/**
 * A read that tells which gateways (and so which VPN connections) are the VPC's, or which route tables carry the pod
 * CIDRs, denied: the checks that needed it say which permission is missing instead of vanishing or staying vague.
 */
class DoctorUnreadGatewaysTest {
    final FakeNetworkWorld w = new FakeNetworkWorld();

    DoctorReport run() {
        return w.doctor().run(new NetworkDoctor.Request("payments", "us-west-2", false), null, null);
    }

    @Test
    void theVpnCheckIsUnknownNamingTheReadThatFindsTheVpcsGatewaysNotLeftOut() {
        assertEquals(DoctorStatus.PASS, check(run(), "aws.vpn@vpn-1").status());
        for (String read : new String[] {"ec2:DescribeTransitGatewayAttachments", "ec2:DescribeRouteTables"}) {
            FakeNetworkWorld denied = new FakeNetworkWorld();
            denied.deny(read);
            DoctorReport r = denied.doctor().run(new NetworkDoctor.Request("payments", "us-west-2", false), null, null);
            DoctorCheck vpn = check(r, "aws.vpn");
            assertEquals(DoctorStatus.UNKNOWN, vpn.status(), read);
            assertEquals("unknown: missing permission " + read, vpn.summary());
        }
    }

    @Test
    void podCidrsWhoseRoutesCannotBeReadNameTheMissingPermission() {
        w.deny("ec2:DescribeRouteTables");
        DoctorReport r = run();
        DoctorCheck any = r.checks().stream().filter(c -> c.id().startsWith("cluster.pod-cidrs@")).findFirst().orElseThrow();
        assertEquals(DoctorStatus.UNKNOWN, any.status());
        assertEquals("unknown: missing permission ec2:DescribeRouteTables", any.summary());
    }
}
