package dev.hybridpane.core.hybrid;

import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.HybridRequirements;
import dev.hybridpane.domain.hybrid.CidrIssue;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import dev.hybridpane.domain.hybrid.RemoteNetworkRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the administrator chose in the enable-hybrid wizard (or on the command line). The CA certificate is
 * public; the CA's private key never appears here (it stays in the user's file).
 */
public record EnableHybridRequest(List<String> nodeCidrs, List<String> podCidrs, CredentialProvider provider, String roleName,
        String caCertificatePem, String trustAnchorName, String profileName, int sessionSeconds, NodeAccess access,
        boolean patchCiliumAffinity) {

    public EnableHybridRequest {
        nodeCidrs = RemoteNetworkRules.normalise(nodeCidrs);
        podCidrs = RemoteNetworkRules.normalise(podCidrs);
        roleName = roleName == null || roleName.isBlank() ? HybridNodesIam.DEFAULT_ROLE_NAME : roleName.strip();
    }

    /** Every reason this request must not reach AWS, each one a sentence; empty when it may. */
    public List<String> problems(Cluster cluster, List<String> vpcCidrs) {
        List<String> out = new ArrayList<>();
        for (CidrIssue i : RemoteNetworkRules.validate(nodeCidrs, podCidrs, vpcCidrs, cluster.serviceCidr())) {
            if (i.error()) {
                String list = i.list() == RemoteNetworkRules.ListKind.NODES ? "Remote node CIDR" : "Remote pod CIDR";
                out.add(i.index() < 0 ? i.message() : list + " " + (i.index() + 1) + ": " + i.message());
            }
        }
        if (!roleName.matches("[\\w+=,.@-]{1,64}")) {
            out.add("Role name: 1 to 64 letters, digits or +=,.@_- characters.");
        }
        if (cluster.authenticationMode() == AuthenticationMode.CONFIG_MAP) {
            out.add("The cluster's authentication mode is CONFIG_MAP only (EKS's default, also when the cluster reports no "
                    + "accessConfig); EKS refuses access entries and hybrid nodes need API or API_AND_CONFIG_MAP. Switch it "
                    + "first (one-way): " + HybridRequirements.switchToApiAndConfigMap(cluster.ref()) + ".");
        }
        if (access == NodeAccess.AWS_AUTH && cluster.authenticationMode() == AuthenticationMode.API) {
            out.add("The aws-auth ConfigMap is ignored in API authentication mode; use an access entry.");
        }
        if (provider == CredentialProvider.IAM_RA) {
            if (caCertificatePem == null || !caCertificatePem.contains("BEGIN CERTIFICATE")) {
                out.add("Roles Anywhere needs a CA certificate (PEM): import one or generate a new CA.");
            }
            if (trustAnchorName == null || !trustAnchorName.matches("[ a-zA-Z0-9-_]{1,255}")) {
                out.add("Trust anchor name: 1 to 255 letters, digits, spaces, - or _.");
            }
            if (profileName == null || !profileName.matches("[ a-zA-Z0-9-_]{1,255}")) {
                out.add("Profile name: 1 to 255 letters, digits, spaces, - or _.");
            }
            String d = HybridNodesIam.sessionDurationProblem(sessionSeconds, HybridNodesIam.ROLE_MAX_SESSION_SECONDS);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }
}
