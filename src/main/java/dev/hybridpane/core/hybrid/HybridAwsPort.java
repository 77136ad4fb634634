package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.ClusterRef;
import java.util.List;
import java.util.Optional;

/**
 * The AWS calls of importing a cluster and enabling hybrid mode (EKS, IAM, IAM Roles Anywhere). Every method
 * blocks and may throw {@link AwsFailure}; lookups answer empty instead of NOT_FOUND.
 */
public interface HybridAwsPort {

    record EksUpdate(String id, String type, String status, List<String> errors) {
        public EksUpdate {
            errors = List.copyOf(errors == null ? List.of() : errors);
        }

        public boolean inProgress() {
            return "InProgress".equals(status);
        }

        public boolean successful() {
            return "Successful".equals(status);
        }
    }

    record Addon(String name, String version, String status) {
    }

    record IamRole(String name, String arn, String trustPolicy, int maxSessionDuration) {
    }

    /** {@code certificatePem}: the CA certificate bundle of a CERTIFICATE_BUNDLE source ("" when unknown or another source). */
    record TrustAnchor(String name, String arn, String id, boolean enabled, String certificatePem) {
        public TrustAnchor {
            certificatePem = certificatePem == null ? "" : certificatePem;
        }

        public TrustAnchor(String name, String arn, String id, boolean enabled) {
            this(name, arn, id, enabled, "");
        }
    }

    record RolesAnywhereProfile(String name, String arn, String id, List<String> roleArns, int durationSeconds,
            boolean acceptRoleSessionName) {
        public RolesAnywhereProfile {
            roleArns = List.copyOf(roleArns == null ? List.of() : roleArns);
        }
    }

    /** Replaces both lists in full (UpdateClusterConfig remoteNetworkConfig); returns the update. */
    EksUpdate updateRemoteNetworks(ClusterRef ref, List<String> nodeCidrs, List<String> podCidrs);

    EksUpdate describeUpdate(ClusterRef ref, String updateId);

    /** Updates of the cluster still InProgress (ListUpdates + DescribeUpdate). */
    List<EksUpdate> updatesInProgress(ClusterRef ref);

    Optional<AccessEntry> describeAccessEntry(ClusterRef ref, String principalArn);

    void createAccessEntry(ClusterRef ref, String principalArn, String type);

    List<Addon> listAddons(ClusterRef ref);

    Optional<IamRole> getRole(String roleName);

    IamRole createRole(String roleName, String trustPolicy, String description, int maxSessionDuration);

    List<String> attachedPolicyArns(String roleName);

    void attachRolePolicy(String roleName, String policyArn);

    Optional<String> getRolePolicy(String roleName, String policyName);

    void putRolePolicy(String roleName, String policyName, String document);

    void updateAssumeRolePolicy(String roleName, String trustPolicy);

    List<TrustAnchor> listTrustAnchors(String region);

    TrustAnchor createTrustAnchor(String region, String name, String certificatePem);

    List<RolesAnywhereProfile> listProfiles(String region);

    RolesAnywhereProfile createProfile(String region, String name, String roleArn, int durationSeconds);
}
