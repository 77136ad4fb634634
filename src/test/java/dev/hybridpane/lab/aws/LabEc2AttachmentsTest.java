package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.world.LabWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/**
 * DeleteTransitGatewayVpcAttachment and CreateTransitGatewayVpcAttachment on the lab through the SDK: retail-edge's VPC
 * detached from its transit gateway leaves its routes to it as blackholes and the attachment gone from the reads; a new
 * attachment (a new id) makes them active again.
 */
class LabEc2AttachmentsTest {
    static final String VPC = LabEc2NetworkTest.RETAIL_VPC;
    static final String TGW = LabEc2NetworkTest.RETAIL_TGW;

    AwsEmulator emulator;
    AwsClientFactory clients;
    Ec2Client ec2;

    @BeforeEach
    void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        clients = AwsClientFactory.forEndpoint(emulator.start(), LabCredentials.LAB_ACCESS_KEY_ID,
                LabCredentials.LAB_SECRET_ACCESS_KEY, "us-west-2");
        ec2 = clients.ec2("us-west-2");
    }

    @AfterEach
    void stop() {
        clients.close();
        emulator.close();
    }

    List<TransitGatewayAttachment> vpcAttachments() {
        return ec2.describeTransitGatewayAttachments(b -> b.filters(f -> f.name("resource-id").values(VPC)))
                .transitGatewayAttachments();
    }

    List<String> tgwRouteStates() {
        return ec2.describeRouteTables(b -> b.routeTableIds(LabEc2NetworkTest.RETAIL_RTB)).routeTables().get(0).routes()
                .stream().filter(r -> TGW.equals(r.transitGatewayId())).map(Route::stateAsString).toList();
    }

    @Test
    void aDeletedVpcAttachmentBlackholesTheRoutesUntilTheVpcIsAttachedAgain() {
        List<TransitGatewayAttachment> seeded = vpcAttachments();
        assertThat(seeded).hasSize(1);
        String id = seeded.get(0).transitGatewayAttachmentId();
        assertThat(tgwRouteStates()).isNotEmpty().containsOnly("active");

        TransitGatewayVpcAttachment deleted = ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(id))
                .transitGatewayVpcAttachment();
        assertThat(deleted.stateAsString()).isEqualTo("deleting");
        assertThat(deleted.vpcId()).isEqualTo(VPC);
        assertThat(deleted.transitGatewayId()).isEqualTo(TGW);
        assertThat(vpcAttachments()).isEmpty();
        assertThat(tgwRouteStates()).isNotEmpty().containsOnly("blackhole");
        Ec2Exception again = catchThrowableOfType(Ec2Exception.class,
                () -> ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(id)));
        assertThat(again).isNotNull();
        assertThat(again.awsErrorDetails().errorCode()).isEqualTo("InvalidTransitGatewayAttachmentID.NotFound");

        List<String> subnets = deleted.subnetIds();
        assertThat(subnets).isNotEmpty();
        TransitGatewayVpcAttachment made = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(TGW).vpcId(VPC)
                .subnetIds(subnets)).transitGatewayVpcAttachment();
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.transitGatewayAttachmentId()).startsWith("tgw-attach-").isNotEqualTo(id);
        assertThat(vpcAttachments()).extracting(TransitGatewayAttachment::transitGatewayAttachmentId, TransitGatewayAttachment::stateAsString)
                .containsExactly(tuple(made.transitGatewayAttachmentId(), "available"));
        assertThat(tgwRouteStates()).containsOnly("active");
        Ec2Exception duplicate = catchThrowableOfType(Ec2Exception.class, () -> ec2.createTransitGatewayVpcAttachment(
                b -> b.transitGatewayId(TGW).vpcId(VPC).subnetIds(subnets)));
        assertThat(duplicate).isNotNull();
        assertThat(duplicate.awsErrorDetails().errorCode()).isEqualTo("DuplicateTransitGatewayAttachment");
        Ec2Exception foreign = catchThrowableOfType(Ec2Exception.class, () -> ec2.createTransitGatewayVpcAttachment(
                b -> b.transitGatewayId(TGW).vpcId(VPC).subnetIds("subnet-0123456789abcdef0")));
        assertThat(foreign).isNotNull();
        assertThat(foreign.awsErrorDetails().errorCode()).isEqualTo("InvalidSubnetID.NotFound");
    }
}
