package dev.hybridpane.domain.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridNodesIamTest {
    private final ObjectMapper json = new ObjectMapper();
    private static final String CLUSTER = "arn:aws:eks:us-west-2:111122223333:cluster/payments";

    @Test
    void ssmRoleHasTheReferencePolicies() throws Exception {
        assertThat(HybridNodesIam.managedPolicies("aws", CredentialProvider.SSM)).containsExactly(
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        var inline = HybridNodesIam.inlinePolicies(CredentialProvider.SSM, "us-west-2", "111122223333", CLUSTER);
        assertThat(inline).hasSize(2);
        JsonNode describe = json.readTree(inline.get(0).document()).path("Statement").get(0);
        assertThat(describe.path("Action").get(0).asText()).isEqualTo("eks:DescribeCluster");
        assertThat(describe.path("Resource").asText()).isEqualTo("*");
        JsonNode ssm = json.readTree(inline.get(1).document()).path("Statement");
        assertThat(ssm.get(0).path("Action").asText()).isEqualTo("ssm:DescribeInstanceInformation");
        assertThat(ssm.get(1).path("Action").asText()).isEqualTo("ssm:DeregisterManagedInstance");
        assertThat(ssm.get(1).path("Resource").asText()).isEqualTo("arn:aws:ssm:us-west-2:111122223333:managed-instance/*");
        assertThat(ssm.get(1).path("Condition").path("StringEquals").path("ssm:resourceTag/EKSClusterARN").asText()).isEqualTo(CLUSTER);
    }

    @Test
    void ssmTrustPolicy() throws Exception {
        JsonNode s = json.readTree(HybridNodesIam.trustPolicy("aws", CredentialProvider.SSM, "us-west-2", "111122223333", null))
                .path("Statement").get(0);
        assertThat(s.path("Principal").path("Service").asText()).isEqualTo("ssm.amazonaws.com");
        assertThat(s.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(s.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo("111122223333");
        assertThat(s.path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo("arn:aws:ssm:us-west-2:111122223333:*");
    }

    @Test
    void rolesAnywhereTrustPolicyAndPolicies() throws Exception {
        String anchor = "arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/abc";
        JsonNode st = json.readTree(HybridNodesIam.trustPolicy("aws", CredentialProvider.IAM_RA, "us-west-2", "111122223333", anchor))
                .path("Statement");
        assertThat(st.get(0).path("Principal").path("Service").asText()).isEqualTo("rolesanywhere.amazonaws.com");
        assertThat(List.of(st.get(0).path("Action").get(0).asText(), st.get(0).path("Action").get(1).asText()))
                .containsExactly("sts:TagSession", "sts:SetSourceIdentity");
        assertThat(st.get(0).path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo(anchor);
        assertThat(st.get(1).path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(st.get(1).path("Condition").path("StringEquals").path("sts:RoleSessionName").asText())
                .isEqualTo("${aws:PrincipalTag/x509Subject/CN}");
        assertThat(HybridNodesIam.managedPolicies("aws", CredentialProvider.IAM_RA))
                .containsExactly("arn:aws:iam::aws:policy/" + HybridNodesIam.ECR_PULL_ONLY);
        assertThat(HybridNodesIam.inlinePolicies(CredentialProvider.IAM_RA, "us-west-2", "1", CLUSTER)).hasSize(1);
    }

    @Test
    void chinaAndGovCloudCallersGetTheirPartitionInEveryArn() throws Exception {
        String cn = "arn:aws-cn:eks:cn-north-1:111122223333:cluster/payments";
        assertThat(HybridNodesIam.managedPolicies("aws-cn", CredentialProvider.SSM)).containsExactly(
                "arn:aws-cn:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore");
        JsonNode ssm = json.readTree(HybridNodesIam.inlinePolicies(CredentialProvider.SSM, "cn-north-1", "111122223333", cn).get(1)
                .document()).path("Statement");
        assertThat(ssm.get(1).path("Resource").asText()).isEqualTo("arn:aws-cn:ssm:cn-north-1:111122223333:managed-instance/*");
        JsonNode trust = json.readTree(HybridNodesIam.trustPolicy("aws-us-gov", CredentialProvider.SSM, "us-gov-west-1",
                "111122223333", null)).path("Statement").get(0);
        assertThat(trust.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws-us-gov:ssm:us-gov-west-1:111122223333:*");
        assertThat(HybridNodesIam.managedPolicies("aws-us-gov", CredentialProvider.IAM_RA))
                .containsExactly("arn:aws-us-gov:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly");
        for (CredentialProvider p : CredentialProvider.values()) {
            String all = String.join("\n", HybridNodesIam.managedPolicies("aws-cn", p)) + HybridNodesIam.trustPolicy("aws-cn", p,
                    "cn-north-1", "111122223333", "arn:aws-cn:rolesanywhere:cn-north-1:111122223333:trust-anchor/x")
                    + HybridNodesIam.inlinePolicies(p, "cn-north-1", "111122223333", cn);
            assertThat(all).as(p.name()).doesNotContain("arn:aws:");
        }
    }

    @Test
    void sessionDuration() {
        assertThat(HybridNodesIam.sessionDurationProblem(3600, 43200)).isNull();
        assertThat(HybridNodesIam.sessionDurationProblem(43201, 43200)).contains("12 hours");
        assertThat(HybridNodesIam.sessionDurationProblem(7200, 3600)).contains("maximum session duration");
        assertThat(HybridNodesIam.sessionDurationProblem(60, 3600)).contains("900");
    }

    @Test
    void ciliumValuesFollowTheReference() throws Exception {
        assertThat(CiliumValues.maskSize(110)).isEqualTo(25);
        assertThat(CiliumValues.maskSize(250)).isEqualTo(24);
        assertThat(CiliumValues.maskSize(14)).isEqualTo(28);
        JsonNode v = new ObjectMapper(new YAMLFactory()).readTree(CiliumValues.values(List.of("10.201.0.0/16", "10.202.0.0/16"), 110, 2));
        String expr = "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0";
        for (JsonNode root : List.of(v, v.path("operator"))) {
            assertThat(root.at(expr + "/key").asText()).isEqualTo("eks.amazonaws.com/compute-type");
            assertThat(root.at(expr + "/operator").asText()).isEqualTo("In");
            assertThat(root.at(expr + "/values/0").asText()).isEqualTo("hybrid");
        }
        assertThat(v.at("/ipam/mode").asText()).isEqualTo("cluster-pool");
        assertThat(v.at("/ipam/operator/clusterPoolIPv4MaskSize").asInt()).isEqualTo(25);
        assertThat(v.at("/ipam/operator/clusterPoolIPv4PodCIDRList/1").asText()).isEqualTo("10.202.0.0/16");
        assertThat(v.at("/operator/replicas").asInt()).isEqualTo(2);
        assertThat(v.at("/envoy/enabled").asBoolean(true)).isFalse();
        assertThat(CiliumValues.helmCommand("1.17.6-0")).isEqualTo("helm install cilium oci://public.ecr.aws/eks/cilium/cilium "
                + "--version 1.17.6-0 --namespace kube-system --values cilium-values.yaml");
    }
}
