package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import org.junit.jupiter.api.Test;

/** Reading Hybrid Nodes roles' trust policies: which service they trust, and the trust anchors their conditions name. */
class RoleTrustTest {
    static final String ANCHOR = "arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/9c1a";

    @Test
    void theGuidesPoliciesNameTheirProvider() {
        RoleTrust ssm = RoleTrust.parse(HybridNodesIam.trustPolicy("aws", CredentialProvider.SSM, "us-west-2", "111122223333", null));
        assertThat(ssm.provider()).contains(CredentialProvider.SSM);
        assertThat(ssm.trusts(CredentialProvider.IAM_RA)).isFalse();
        assertThat(ssm.trustAnchorArns()).isEmpty();
        RoleTrust ra = RoleTrust.parse(HybridNodesIam.trustPolicy("aws", CredentialProvider.IAM_RA, "us-west-2", "111122223333", ANCHOR));
        assertThat(ra.provider()).contains(CredentialProvider.IAM_RA);
        assertThat(ra.trusts(CredentialProvider.SSM)).isFalse();
        assertThat(ra.trustAnchorArns()).containsExactly(ANCHOR);
        assertThat(ra.describe()).isEqualTo("rolesanywhere.amazonaws.com");
    }

    @Test
    void serviceAsAListStatementAsAnObjectAndCaseOfTheService() {
        RoleTrust t = RoleTrust.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow",
                 "Principal":{"Service":["ec2.amazonaws.com","SSM.amazonaws.com"]},"Action":["sts:AssumeRole"]}}""");
        assertThat(t.services()).containsExactlyInAnyOrder("ec2.amazonaws.com", "ssm.amazonaws.com");
        assertThat(t.provider()).contains(CredentialProvider.SSM);
    }

    @Test
    void aServiceNamedOnlyInADenyOrANonStsStatementOrInTextIsNotTrusted() {
        RoleTrust deny = RoleTrust.parse("""
                {"Statement":[{"Effect":"Deny","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"},
                 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"aws:PrincipalTag/team":"rolesanywhere.amazonaws.com"}}}]}""");
        assertThat(deny.services()).isEmpty();
        assertThat(deny.provider()).isEmpty();
        assertThat(deny.describe()).isEqualTo("no service principal");
        RoleTrust notSts = RoleTrust.parse("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"s3:GetObject"}]}""");
        assertThat(notSts.provider()).isEmpty();
        assertThat(RoleTrust.parse("not json").provider()).isEmpty();
        assertThat(RoleTrust.parse(null).services()).isEmpty();
        assertThat(RoleTrust.parse("[1,2]").services()).isEmpty();
    }

    @Test
    void roleTrustingBothIsRolesAnywhereFirstAndWildcardActionsCount() {
        RoleTrust both = RoleTrust.parse("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":["ssm.amazonaws.com","rolesanywhere.amazonaws.com"]},
                 "Action":"*","Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:ssm:us-west-2:1:*","%s"]}}}]}"""
                .formatted(ANCHOR));
        assertThat(both.trusts(CredentialProvider.SSM)).isTrue();
        assertThat(both.provider()).contains(CredentialProvider.IAM_RA);
        assertThat(both.trustAnchorArns()).containsExactly(ANCHOR);
    }

    @Test
    void nodeNamesArePoolDashHostValidAndAtMost64() {
        assertThat(NodeCertificates.nodeName("store-a", "austin-07")).isEqualTo("store-a-austin-07");
        assertThat(NodeCertificates.nodeName("Store_A", "Austin.07")).isEqualTo("store-a-austin.07");
        String longPool = "p".repeat(50);
        String a = NodeCertificates.nodeName(longPool, "host-with-a-long-name-01");
        String b = NodeCertificates.nodeName(longPool, "host-with-a-long-name-02");
        assertThat(a).hasSizeLessThanOrEqualTo(64).matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
        assertThat(a).isNotEqualTo(b);
        assertThat(NodeCertificates.nodeName(longPool, "host-with-a-long-name-01")).as("deterministic").isEqualTo(a);
    }
}
