package dev.hybridpane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ARNs in the caller's partition: read from an ARN AWS gave, else from the region. */
class ArnsTest {
    @Test
    void thePartitionIsReadFromTheCallersArn() {
        assertThat(Arns.partitionOf("arn:aws-cn:iam::111122223333:user/ana")).isEqualTo("aws-cn");
        assertThat(Arns.partitionOf("arn:aws-us-gov:sts::111122223333:assumed-role/Admin/ana")).isEqualTo("aws-us-gov");
        assertThat(Arns.partitionOf("arn:aws:eks:us-west-2:111122223333:cluster/payments")).isEqualTo("aws");
        assertThat(Arns.partitionOf("not an arn")).isEmpty();
        assertThat(Arns.partitionOf(null)).isEmpty();
        assertThat(Arns.accountOf("arn:aws-cn:eks:cn-north-1:111122223333:cluster/payments")).isEqualTo("111122223333");
        assertThat(Arns.accountOf("payments")).isEmpty();
    }

    @Test
    void withoutAnArnTheRegionTellsThePartition() {
        assertThat(Arns.partition("cn-northwest-1", null, "x")).isEqualTo("aws-cn");
        assertThat(Arns.partition("us-gov-east-1")).isEqualTo("aws-us-gov");
        assertThat(Arns.partition("eu-central-1", "")).isEqualTo("aws");
        assertThat(Arns.partition("us-west-2", "arn:aws-cn:iam::1:user/a")).as("an ARN wins").isEqualTo("aws-cn");
    }

    @Test
    void buildsRolesManagedPoliciesAndServiceArnsInThePartition() {
        assertThat(Arns.iamRole("aws-cn", "111122223333", "AmazonEKSHybridNodesRole"))
                .isEqualTo("arn:aws-cn:iam::111122223333:role/AmazonEKSHybridNodesRole");
        assertThat(Arns.managedPolicy("aws-us-gov", "AmazonSSMManagedInstanceCore"))
                .isEqualTo("arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assertThat(Arns.of("aws-cn", "ssm", "cn-north-1", "111122223333", "*")).isEqualTo("arn:aws-cn:ssm:cn-north-1:111122223333:*");
    }
}
