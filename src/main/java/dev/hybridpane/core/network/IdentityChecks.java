package dev.hybridpane.core.network;

import dev.hybridpane.core.hybrid.HybridAwsPort.TrustAnchor;
import dev.hybridpane.core.pool.ActivationPort.Activation;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.pool.RoleTrust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Identity: a HYBRID_LINUX access entry for each role hybrid nodes assume (the roles of the cluster's SSM activations, or
 * at least one when pools exist); the cluster's SSM activations not expired or used up; the Roles Anywhere trust anchors
 * the hybrid roles trust enabled. Each is its own probe, so one denied service leaves the others readable.
 */
final class IdentityChecks {
    private IdentityChecks() {
    }

    /** The partition of the cluster's ARN (the caller's: aws, aws-cn, aws-us-gov), else its region's. */
    static String partition(Cluster c) {
        return Arns.partition(c.region(), c.arn());
    }

    static String roleName(String nameOrArn) {
        return nameOrArn == null ? "" : nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    static List<DoctorCheck> accessEntries(DoctorReads reads) {
        Cluster c = reads.cluster();
        List<AccessEntry> entries = reads.accessEntries();
        List<String> evidence = entries.stream().map(e -> e.principalArn() + ": " + e.type()).toList();
        Set<String> roles = new LinkedHashSet<>();
        try {
            reads.activationsOfCluster().forEach(a -> roles.add(roleName(a.iamRole())));
        } catch (RuntimeException e) {
            // activations unreadable: the activation probe says so; the entries are still checked below
        }
        List<DoctorCheck> out = new ArrayList<>();
        for (String role : roles) {
            Optional<AccessEntry> e = entries.stream().filter(x -> roleName(x.principalArn()).equals(role)
                    && x.principalArn().contains(":role/")).findFirst();
            String id = "aws.access-entry@" + role;
            if (e.isPresent() && "HYBRID_LINUX".equals(e.get().type())) {
                out.add(new DoctorCheck(id, "aws", "Access entry for hybrid nodes", List.of(), DoctorStatus.PASS,
                        "The role " + role + " has a HYBRID_LINUX access entry.", evidence, DoctorFix.NONE));
            } else {
                out.add(new DoctorCheck(id, "aws", "Access entry for hybrid nodes", List.of(), DoctorStatus.FAIL,
                        "The role " + role + " that hybrid nodes assume has " + e.map(x -> "a " + x.type() + " access entry,"
                                + " not HYBRID_LINUX").orElse("no access entry") + ": its nodes cannot join the cluster.",
                        evidence, DoctorFix.manual("Create a HYBRID_LINUX access entry for " + role + ".",
                        "aws eks create-access-entry --region " + c.region() + " --cluster-name " + c.name()
                                + " --principal-arn " + Arns.iamRole(partition(c), "ACCOUNT_ID", role) + " --type HYBRID_LINUX")));
            }
        }
        boolean anyHybrid = entries.stream().anyMatch(e -> "HYBRID_LINUX".equals(e.type()));
        if (roles.isEmpty() && c.hybridEnabled()) {
            out.add(new DoctorCheck("aws.access-entry", "aws", "Access entry for hybrid nodes", List.of(),
                    anyHybrid ? DoctorStatus.PASS : DoctorStatus.FAIL, anyHybrid
                    ? "The cluster has a HYBRID_LINUX access entry for its Hybrid Nodes role."
                    : "The cluster has no HYBRID_LINUX access entry: hybrid nodes cannot join it.", evidence,
                    anyHybrid ? DoctorFix.NONE : DoctorFix.manual("Create a HYBRID_LINUX access entry for the Hybrid Nodes"
                            + " role.", "aws eks create-access-entry --region " + c.region() + " --cluster-name " + c.name()
                            + " --principal-arn " + Arns.iamRole(partition(c), "ACCOUNT_ID", "HYBRID_NODES_ROLE")
                            + " --type HYBRID_LINUX")));
        }
        return out;
    }

    static List<DoctorCheck> activations(DoctorReads reads) {
        Instant now = reads.clock().instant();
        List<DoctorCheck> out = new ArrayList<>();
        for (Activation a : reads.activationsOfCluster()) {
            String id = "aws.ssm-activation@" + a.id();
            String who = a.defaultInstanceName().isBlank() ? "" : " (" + a.defaultInstanceName() + ")";
            List<String> subjects = a.defaultInstanceName().isBlank() ? List.of() : List.of("pool:" + a.defaultInstanceName());
            List<String> evidence = List.of(a.id() + who + ": role " + a.iamRole() + ", " + a.registrationsCount() + " of "
                    + a.registrationLimit() + " registrations used, expires " + a.expirationDate()
                    + (a.expired() ? " (expired)" : ""));
            if (a.usable(now)) {
                out.add(new DoctorCheck(id, "aws", "SSM activation", subjects, DoctorStatus.PASS, "The activation " + a.id() + who
                        + " can register " + (a.registrationLimit() - a.registrationsCount()) + " more hosts.", evidence,
                        DoctorFix.NONE));
                continue;
            }
            boolean expired = a.expired() || a.expirationDate() != null && !a.expirationDate().isAfter(now);
            int waiting = hostsToJoin(reads, a.defaultInstanceName());
            if (waiting == 0) {
                // pool creation makes one activation for exactly its hosts: once they joined, a spent one is normal
                out.add(new DoctorCheck(id, "aws", "SSM activation", subjects, DoctorStatus.PASS, "The activation " + a.id()
                        + who + " is " + (expired ? "expired" : "used up") + ", and no host of its pool waits to register: "
                        + "nothing needs it (SSM hygiene cleans spent activations).", evidence, DoctorFix.NONE));
                continue;
            }
            out.add(new DoctorCheck(id, "aws", "SSM activation", subjects, DoctorStatus.WARN, "The activation " + a.id() + who
                    + " is " + (expired ? "expired" : "used up") + (waiting > 0 ? " while " + waiting + " host(s) of its pool have "
                    + "not joined" : "") + ": registered nodes keep working, but no new host can register with it.", evidence, DoctorFix.manual("Add hosts through a new activation (pool apply"
                    + " creates one); clean spent activations with SSM hygiene.",
                    "hybridpane pool orphans --cluster " + reads.cluster().name() + " --region " + reads.region() + " --apply")));
        }
        return out;
    }

    /**
     * How many hosts of the activation's pool (SSM names it as the default instance name) have no node yet; -1 when that
     * cannot be told (no such pool, or the cluster's pools could not be read).
     */
    private static int hostsToJoin(DoctorReads reads, String pool) {
        if (pool.isBlank()) {
            return -1;
        }
        try {
            return reads.pools().stream().filter(p -> p.pool().name().equals(pool)).findFirst()
                    .map(p -> Math.max(0, p.pool().hosts().size() - Math.max(p.status().total(), p.status().members().size())))
                    .orElse(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static List<DoctorCheck> trustAnchors(DoctorReads reads) {
        List<String> anchors = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (AccessEntry e : reads.accessEntries()) {
            if (!"HYBRID_LINUX".equals(e.type())) {
                continue;
            }
            String role = roleName(e.principalArn());
            RoleTrust trust = RoleTrust.parse(reads.role(role).map(r -> r.trustPolicy()).orElse(""));
            if (trust.services().contains(RoleTrust.ROLES_ANYWHERE_SERVICE)) {
                roles.add(role);
                trust.trustAnchorArns().stream().filter(a -> !anchors.contains(a)).forEach(anchors::add);
            }
        }
        if (roles.isEmpty()) {
            return List.of();
        }
        List<TrustAnchor> known = reads.trustAnchors();
        List<String> evidence = new ArrayList<>();
        known.forEach(t -> evidence.add(t.arn() + " (" + t.name() + "): " + (t.enabled() ? "enabled" : "disabled")));
        List<DoctorCheck> out = new ArrayList<>();
        if (anchors.isEmpty()) {
            out.add(new DoctorCheck("aws.trust-anchor", "aws", "Roles Anywhere trust anchor", List.of(), DoctorStatus.WARN,
                    "The Roles Anywhere role(s) " + roles + " name no trust anchor in their trust policy (aws:SourceArn):"
                            + " any anchor of the account may be used.", evidence, DoctorFix.NONE));
        }
        for (String arn : anchors) {
            Optional<TrustAnchor> t = known.stream().filter(x -> x.arn().equals(arn)).findFirst();
            String id = "aws.trust-anchor@" + arn.substring(arn.lastIndexOf('/') + 1);
            if (t.isEmpty()) {
                out.add(new DoctorCheck(id, "aws", "Roles Anywhere trust anchor", List.of(), DoctorStatus.FAIL, "The trust anchor "
                        + arn + " that " + roles + " trust does not exist in " + reads.region() + ".", evidence,
                        DoctorFix.manual("Create the trust anchor again from the CA (hybridpane hybrid enable) or fix the"
                                + " role's trust policy.", "")));
            } else if (!t.get().enabled()) {
                out.add(new DoctorCheck(id, "aws", "Roles Anywhere trust anchor", List.of(), DoctorStatus.FAIL, "The trust anchor "
                        + t.get().name() + " is disabled: hybrid nodes cannot get credentials.", evidence,
                        DoctorFix.manual("Enable the trust anchor.", "aws rolesanywhere enable-trust-anchor --region "
                                + reads.region() + " --trust-anchor-id " + t.get().id())));
            } else {
                out.add(new DoctorCheck(id, "aws", "Roles Anywhere trust anchor", List.of(), DoctorStatus.PASS, "The trust anchor "
                        + t.get().name() + " is enabled.", evidence, DoctorFix.NONE));
            }
        }
        return out;
    }
}
