package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the parts of a cluster's hybrid configuration for the detail pane; each part fails on its own. */
final class HybridStatusReader {
    private final AwsPort aws;
    private final HybridAwsPort iam;
    private final ClusterAdminPort kube;
    private final HybridSetupService setup;

    HybridStatusReader(AwsPort aws, HybridAwsPort iam, ClusterAdminPort kube, HybridSetupService setup) {
        this.aws = aws;
        this.iam = iam;
        this.kube = kube;
        this.setup = setup;
    }

    List<HybridStatusItem> read(ClusterRef ref, String roleName) {
        List<HybridStatusItem> out = new ArrayList<>();
        Cluster c = aws.describeCluster(ref);
        if (c.remoteNodeCidrs().isEmpty()) {
            out.add(new HybridStatusItem("Remote networks", CheckStatus.FAIL, "not set", "Hybrid mode is off: no remote node networks."));
        } else {
            String v = "nodes " + String.join(", ", c.remoteNodeCidrs()) + (c.remotePodCidrs().isEmpty() ? ""
                    : "; pods " + String.join(", ", c.remotePodCidrs()));
            out.add(new HybridStatusItem("Remote networks", c.remotePodCidrs().isEmpty() ? CheckStatus.WARN : CheckStatus.PASS, v,
                    c.remotePodCidrs().isEmpty() ? "No pod networks: webhooks on hybrid nodes are unreachable." : "Set on the cluster."));
        }
        // the roles the cluster admits hybrid nodes with; without such an entry, the role HybridPane would create
        List<String> fromEntries = part(out, "Access entries", () -> hybridRoleNames(ref));
        if (fromEntries == null || fromEntries.isEmpty()) {
            if (!readRole(out, ref, roleName, false)) {
                return out;
            }
        } else {
            for (String name : fromEntries) {
                readRole(out, ref, name, true);
            }
        }
        CniStatus cni = part(out, "CNI", () -> kube.cni(setup.access(c)));
        if (cni != null) {
            out.add(new HybridStatusItem("CNI", cni.ready() ? CheckStatus.PASS : "none".equals(cni.cni()) ? CheckStatus.FAIL
                    : CheckStatus.WARN, cni.cni(), cni.summary()));
        }
        return out;
    }

    /** The names of the IAM roles in the cluster's HYBRID_LINUX access entries, in their order. */
    private List<String> hybridRoleNames(ClusterRef ref) {
        List<String> names = new ArrayList<>();
        for (AccessEntry e : aws.listAccessEntries(ref)) {
            String arn = e.principalArn();
            if ("HYBRID_LINUX".equals(e.type()) && arn != null && arn.contains(":role/")) {
                // a role ARN may carry a path (role/path/name): the name is the last part
                names.add(arn.substring(arn.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    /**
     * One role's items: the role, its credential provider, its access entry and for Roles Anywhere its trust
     * anchor and profile. False when the role could not be read or does not exist.
     */
    private boolean readRole(List<HybridStatusItem> out, ClusterRef ref, String roleName, boolean inAccessEntry) {
        Optional<HybridAwsPort.IamRole> role = part(out, "Hybrid nodes role", () -> iam.getRole(roleName));
        if (role == null) {
            return false;
        }
        if (role.isEmpty()) {
            out.add(new HybridStatusItem("Hybrid nodes role", CheckStatus.FAIL, roleName, inAccessEntry
                    ? "A HYBRID_LINUX access entry names this role, but it does not exist: nodes cannot get credentials."
                    : "The role does not exist yet."));
            return false;
        }
        HybridAwsPort.IamRole r = role.get();
        out.add(new HybridStatusItem("Hybrid nodes role", CheckStatus.PASS, r.arn(),
                inAccessEntry ? "Exists; a HYBRID_LINUX access entry of the cluster names it." : "Exists."));
        boolean ra = r.trustPolicy().contains("rolesanywhere.amazonaws.com");
        boolean ssm = r.trustPolicy().contains("ssm.amazonaws.com");
        out.add(new HybridStatusItem("Credential provider", ra || ssm ? CheckStatus.PASS : CheckStatus.WARN,
                ra ? "IAM Roles Anywhere" : ssm ? "SSM hybrid activations" : "unknown",
                ra || ssm ? "From the role's trust policy." : "The role trusts neither SSM nor Roles Anywhere."));
        Optional<AccessEntry> entry = part(out, "Access entry", () -> iam.describeAccessEntry(ref, r.arn()));
        if (entry != null) {
            out.add(entry.map(e -> new HybridStatusItem("Access entry", "HYBRID_LINUX".equals(e.type()) ? CheckStatus.PASS
                    : CheckStatus.FAIL, e.type(), "HYBRID_LINUX".equals(e.type()) ? "Hybrid nodes can join."
                            : "Hybrid nodes need type HYBRID_LINUX."))
                    .orElse(new HybridStatusItem("Access entry", CheckStatus.FAIL, "none",
                            "No access entry for the role: kubelets get Unauthorized (unless aws-auth maps the role).")));
        }
        if (ra) {
            List<HybridAwsPort.TrustAnchor> anchors = part(out, "Trust anchor", () -> iam.listTrustAnchors(ref.region()));
            if (anchors != null) {
                Optional<HybridAwsPort.TrustAnchor> a = anchors.stream().filter(t -> r.trustPolicy().contains(t.arn())).findFirst();
                out.add(a.map(t -> new HybridStatusItem("Trust anchor", t.enabled() ? CheckStatus.PASS : CheckStatus.WARN, t.name(),
                        t.enabled() ? "Named in the role's trust policy." : "Disabled."))
                        .orElse(new HybridStatusItem("Trust anchor", CheckStatus.FAIL, "none",
                                "No trust anchor of this region is named in the role's trust policy.")));
            }
            List<HybridAwsPort.RolesAnywhereProfile> profiles = part(out, "Roles Anywhere profile", () -> iam.listProfiles(ref.region()));
            if (profiles != null) {
                Optional<HybridAwsPort.RolesAnywhereProfile> p = profiles.stream().filter(x -> x.roleArns().contains(r.arn())).findFirst();
                out.add(p.map(x -> new HybridStatusItem("Roles Anywhere profile", x.acceptRoleSessionName() ? CheckStatus.PASS
                        : CheckStatus.FAIL, x.name() + " (" + x.durationSeconds() + " s)", x.acceptRoleSessionName()
                                ? "acceptRoleSessionName is on." : "acceptRoleSessionName is off: nodes cannot assume the role."))
                        .orElse(new HybridStatusItem("Roles Anywhere profile", CheckStatus.FAIL, "none", "No profile lists the role.")));
            }
        }
        return true;
    }

    /** Runs a read; on failure adds a WARN item with the reason and answers null. */
    private static <T> T part(List<HybridStatusItem> out, String title, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            out.add(new HybridStatusItem(title, CheckStatus.WARN, "unknown", e.getMessage()));
            return null;
        }
    }
}
