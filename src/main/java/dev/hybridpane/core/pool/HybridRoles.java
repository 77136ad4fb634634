package dev.hybridpane.core.pool;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.RoleTrust;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Hybrid Nodes role a pool's nodes assume: the roles the cluster's HYBRID_LINUX access entries name, each with what
 * its trust policy trusts (ssm.amazonaws.com: SSM; rolesanywhere.amazonaws.com: IAM Roles Anywhere). The profile's
 * credential provider must be one of them. For Roles Anywhere also the trust anchor the role's trust policy names (enabled,
 * its CA certificate the one the administrator's CA key belongs to) and the Roles Anywhere profile that lists the role.
 */
final class HybridRoles {
    private final AwsPort aws;
    private final HybridAwsPort iam;

    HybridRoles(AwsPort aws, HybridAwsPort iam) {
        this.aws = aws;
        this.iam = iam;
    }

    /** A HYBRID_LINUX access entry's role; {@code role} empty when it does not exist. */
    record Found(String name, Optional<HybridAwsPort.IamRole> role, RoleTrust trust) {
        String described() {
            return name + (role.isEmpty() ? " (the role does not exist)" : " (trusts " + trust.describe() + ")");
        }
    }

    /** The role for the provider (null when none) and, for Roles Anywhere, its anchor and profile (null when not found). */
    record Resolved(String roleName, PoolInputs.RolesAnywhere rolesAnywhere) {
    }

    List<Found> find(ClusterRef ref) {
        List<Found> out = new ArrayList<>();
        for (AccessEntry e : aws.listAccessEntries(ref)) {
            String arn = e.principalArn();
            if ("HYBRID_LINUX".equals(e.type()) && arn != null && arn.contains(":role/")) {
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                Optional<HybridAwsPort.IamRole> r = iam.getRole(name);
                out.add(new Found(name, r, RoleTrust.parse(r.map(HybridAwsPort.IamRole::trustPolicy).orElse(""))));
            }
        }
        return out;
    }

    /** Checks the provider against the roles; adds the problems found. {@code caKey} may be null (not given). */
    Resolved resolve(ClusterRef ref, String profile, CredentialProvider provider, CaKey caKey, List<ProfileProblem> problems) {
        List<Found> roles = find(ref);
        List<Found> trusting = roles.stream().filter(f -> f.role().isPresent() && f.trust().trusts(provider)).toList();
        if (trusting.isEmpty()) {
            problems.add(ProfileProblem.error("profile", mismatch(ref, profile, provider, roles)));
            return new Resolved(null, null);
        }
        if (provider != CredentialProvider.IAM_RA) {
            return new Resolved(trusting.get(0).name(), null);
        }
        List<HybridAwsPort.TrustAnchor> anchors = iam.listTrustAnchors(ref.region());
        List<HybridAwsPort.RolesAnywhereProfile> raProfiles = iam.listProfiles(ref.region());
        List<String> why = new ArrayList<>();
        PoolInputs.RolesAnywhere first = null;
        for (Found f : trusting) {
            HybridAwsPort.IamRole role = f.role().orElseThrow();
            List<String> named = f.trust().trustAnchorArns();
            Optional<HybridAwsPort.TrustAnchor> anchor = anchors.stream()
                    .filter(a -> named.isEmpty() ? role.trustPolicy().contains(a.arn()) : named.contains(a.arn())).findFirst();
            Optional<HybridAwsPort.RolesAnywhereProfile> p = raProfiles.stream().filter(x -> x.roleArns().contains(role.arn()))
                    .findFirst();
            if (anchor.isEmpty()) {
                why.add("role " + f.name() + ": no trust anchor of " + ref.region() + " is named in its trust policy"
                        + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")"));
                continue;
            }
            if (p.isEmpty()) {
                why.add("role " + f.name() + ": no Roles Anywhere profile of " + ref.region() + " lists it");
                continue;
            }
            PoolInputs.RolesAnywhere ra = new PoolInputs.RolesAnywhere(role.arn(), anchor.get(), p.get(), caKey);
            if (caKey != null && !anchor.get().certificatePem().isBlank() && caKey.matches(anchor.get().certificatePem())) {
                return check(f.name(), ra, problems);
            }
            if (first == null) {
                first = ra;
            }
        }
        if (first == null) {
            problems.add(ProfileProblem.error("cluster", "The cluster's Roles Anywhere setup is incomplete: " + String.join("; ", why)
                    + ". Run hybridpane hybrid enable --provider iam-ra again to complete it."));
            return new Resolved(trusting.get(0).name(), null);
        }
        String roleName = first.roleArn().substring(first.roleArn().lastIndexOf('/') + 1);
        if (caKey == null) {
            problems.add(ProfileProblem.error("ca-key", "Profile " + profile + " uses IAM Roles Anywhere: give the private key "
                    + "of the CA of trust anchor " + first.anchor().name() + " (--ca-key FILE), to issue each node's certificate."));
        } else if (first.anchor().certificatePem().isBlank()) {
            problems.add(ProfileProblem.error("ca-key", "Trust anchor " + first.anchor().name() + " has no CA certificate bundle "
                    + "to check the CA key against: HybridPane issues node certificates only from a CERTIFICATE_BUNDLE anchor."));
        } else {
            problems.add(ProfileProblem.error("ca-key", "The CA key does not belong to trust anchor " + first.anchor().name()
                    + "'s CA certificate (" + subject(first.anchor().certificatePem()) + "): give that CA's private key."));
        }
        return check(roleName, first, problems);
    }

    private static Resolved check(String roleName, PoolInputs.RolesAnywhere ra, List<ProfileProblem> problems) {
        if (!ra.anchor().enabled()) {
            problems.add(ProfileProblem.error("cluster", "Trust anchor " + ra.anchor().name() + " is disabled: nodes cannot get "
                    + "credentials. Enable it (aws rolesanywhere enable-trust-anchor --trust-anchor-id " + ra.anchor().id() + ")."));
        }
        if (!ra.profile().acceptRoleSessionName()) {
            problems.add(ProfileProblem.error("cluster", "Roles Anywhere profile " + ra.profile().name() + " does not accept a "
                    + "custom role session name: nodeadm names each session after its node. Turn acceptRoleSessionName on."));
        }
        return new Resolved(roleName, ra);
    }

    private static String subject(String pem) {
        return NodeCertificates.parse(pem).map(c -> c.getSubjectX500Principal().toString())
                .orElse("unreadable");
    }

    private static String mismatch(ClusterRef ref, String profile, CredentialProvider provider, List<Found> roles) {
        if (roles.isEmpty()) {
            return "Cluster " + ref.name() + " has no Hybrid Nodes role (no HYBRID_LINUX access entry names an IAM role): "
                    + "enable hybrid nodes on it first (hybridpane hybrid enable --provider " + provider.id() + ").";
        }
        CredentialProvider other = provider == CredentialProvider.SSM ? CredentialProvider.IAM_RA : CredentialProvider.SSM;
        return "Profile " + profile + " uses " + provider.label() + " (" + provider.id() + "), but no Hybrid Nodes role of "
                + "cluster " + ref.name() + " trusts " + RoleTrust.service(provider) + ": "
                + String.join("; ", roles.stream().map(Found::described).toList()) + ". Choose a profile whose credential "
                + "provider is " + other.id() + ", or set up " + provider.id() + " on the cluster (hybridpane hybrid enable "
                + "--provider " + provider.id() + ").";
    }
}
