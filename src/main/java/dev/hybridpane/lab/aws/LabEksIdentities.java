package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.kube.EksIdentityLookup;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's side of EKS authentication, read from the emulator's live state: which principal owns an access key
 * ({@link LabCredentials}), each cluster's authentication mode, and what its access entries make of a principal.
 * Written from the EKS user guide ("Grant IAM users access to Kubernetes with EKS access entries", "Create access
 * entries", "Migrating existing aws-auth ConfigMap entries"):
 * <ul>
 * <li>An access entry matches the IAM principal; a session of an assumed role is matched by its role's ARN (the
 *     authenticator's canonical ARN), and {@code {{SessionName}}} / {@code {{AccountID}}} in the user name are filled
 *     from the session. An access entry's role ARN may include the role's path ("Create access entries": unlike
 *     aws-auth's); it then matches that role's sessions, whose ARN has no path (IAM Identity Center's roles are under
 *     {@code /aws-reserved/sso.amazonaws.com/}).</li>
 * <li>EC2_LINUX, EC2_WINDOWS, HYBRID_LINUX and FARGATE_LINUX entries are in the group {@code system:nodes} (EKS sets
 *     it; such entries cannot name groups). A STANDARD entry's user name defaults to the user's ARN, or for a role to
 *     {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/{{SessionName}}}; its groups are its kubernetesGroups.</li>
 * <li>bootstrapClusterCreatorAdminPermissions (true for the world's own account's clusters, see {@link EksClusterJson}):
 *     the creator's access entry has AmazonEKSClusterAdminPolicy associated at cluster scope. Those clusters were
 *     created by the account's user. Deleting that access entry removes the access, as in EKS. In CONFIG_MAP mode
 *     access entries are not used and the creator is the cluster's implicit system:masters administrator. Another
 *     account's clusters were not created by the lab user.</li>
 * </ul>
 * The lab does not model AssociateAccessPolicy; other entries have the access policies the world associates with them
 * ({@link EksAccessPolicies#associated}), or none (only RBAC through their groups).
 */
public final class LabEksIdentities implements EksIdentityLookup {
    public static final String CLUSTER_ADMIN_POLICY = EksAccessPolicies.CLUSTER_ADMIN_POLICY;
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/(.+)/([^/]+)");
    private static final List<String> NODE_TYPES = List.of("EC2_LINUX", "EC2_WINDOWS", "HYBRID_LINUX", "FARGATE_LINUX");

    private final AwsState state;
    private final LabCredentials credentials;

    LabEksIdentities(AwsState state, LabCredentials credentials) {
        this.state = state;
        this.credentials = credentials;
    }

    @Override
    public SigV4Verifier.Credentials keys() {
        return credentials;
    }

    @Override
    public Optional<String> principalArn(String accessKeyId) {
        return credentials.principalArn(accessKeyId);
    }

    @Override
    public Optional<String> authenticationMode(String region, String clusterName) {
        return state.cluster(region, clusterName).map(LabCluster::authenticationMode);
    }

    @Override
    public Optional<KubernetesUser> kubernetesUser(String region, String clusterName, String principalArn) {
        Optional<LabCluster> cluster = state.cluster(region, clusterName);
        if (cluster.isEmpty() || principalArn == null) {
            return Optional.empty();
        }
        String canonical = principalArn;
        String session = null;
        String account = state.accountId();
        Matcher m = ASSUMED_ROLE.matcher(principalArn);
        if (m.matches()) {
            canonical = "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3);
            account = m.group(2);
            session = m.group(4);
        }
        // the lab user created the world's own account's clusters; another account's clusters have another creator
        boolean creator = canonical.equals(state.userArn()) && cluster.get().account().equals(state.accountId());
        if ("CONFIG_MAP".equals(cluster.get().authenticationMode())) {
            return creator ? Optional.of(new KubernetesUser(canonical, List.of("system:masters"))) : Optional.empty();
        }
        String wanted = canonical;
        Optional<LabAccessEntry> entry = state.accessEntries(region, clusterName).stream()
                .filter(e -> e.principalArn().equals(wanted)).findFirst()
                .or(() -> state.accessEntries(region, clusterName).stream().filter(e -> sameRole(e.principalArn(), wanted))
                        .findFirst());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        LabAccessEntry e = entry.get();
        String type = e.type() == null ? "STANDARD" : e.type();
        List<String> groups = new ArrayList<>();
        String username = e.username();
        if (NODE_TYPES.contains(type)) {
            groups.add("system:nodes");
        } else {
            groups.addAll(e.kubernetesGroups());
        }
        if (username == null || username.isBlank()) {
            username = NODE_TYPES.contains(type) ? "system:node:{{SessionName}}"
                    : canonical.contains(":role/") ? "arn:aws:sts::" + account + ":assumed-role/"
                            + canonical.substring(canonical.indexOf(":role/") + 6) + "/{{SessionName}}"
                    : canonical;
        }
        username = username.replace("{{AccountID}}", account);
        if (session != null) {
            username = username.replace("{{SessionName}}", session);
        }
        return Optional.of(new KubernetesUser(username, groups, EksAccessPolicies.associated(state, cluster.get(), e)));
    }

    /**
     * Whether an access entry's role ARN names the role of {@code pathlessRoleArn} (an assumed role's role, whose session
     * ARN carries no path): same partition, account and role name, the entry's ARN with the role's path
     * ({@code role/aws-reserved/sso.amazonaws.com/REGION/AWSReservedSSO_...}), as IAM gives it. Role names are unique in an
     * account whatever their path, and EKS keeps the role's id with the entry.
     */
    static boolean sameRole(String entryArn, String pathlessRoleArn) {
        int e = entryArn.indexOf(":role/");
        int p = pathlessRoleArn.indexOf(":role/");
        if (e < 0 || p < 0 || !entryArn.substring(0, e).equals(pathlessRoleArn.substring(0, p))) {
            return false;
        }
        String name = entryArn.substring(entryArn.lastIndexOf('/') + 1);
        return name.equals(pathlessRoleArn.substring(p + 6));
    }
}
