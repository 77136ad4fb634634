package dev.hybridpane.core.network;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork.IngressRule;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Security groups: the cluster security group or an additional one allows TCP 443 from every remote node and pod CIDR
 * (the kubelets and pods on hybrid nodes call the API server; webhooks answer from pods).
 */
final class SecurityGroupChecks {
    private SecurityGroupChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        Cluster c = reads.cluster();
        List<SecurityGroup> groups = reads.securityGroups();
        List<String> evidence = new ArrayList<>();
        for (SecurityGroup g : groups) {
            evidence.add(g.id() + " (" + g.name() + ")" + (g.id().equals(c.clusterSecurityGroupId()) ? " cluster security group"
                    : " additional"));
            g.ingress().forEach(r -> evidence.add("  " + g.id() + " in " + protocol(r) + " " + ports(r) + " from "
                    + (r.cidrs().isEmpty() ? "(security groups only)" : String.join(", ", r.cidrs()))));
        }
        List<DoctorCheck> out = new ArrayList<>();
        for (String cidr : c.remoteNodeCidrs()) {
            out.add(check(reads, groups, evidence, cidr, false));
        }
        for (String cidr : c.remotePodCidrs()) {
            out.add(check(reads, groups, evidence, cidr, true));
        }
        return out;
    }

    static boolean allows443(IngressRule r, String cidr) {
        boolean proto = "-1".equals(r.protocol()) || "tcp".equalsIgnoreCase(r.protocol()) || "6".equals(r.protocol());
        boolean port = "-1".equals(r.protocol()) || r.fromPort() == -1 || r.fromPort() <= 443 && r.toPort() >= 443;
        return proto && port && r.cidrs().stream().anyMatch(x -> Cidrs.contains(x, cidr));
    }

    private static DoctorCheck check(DoctorReads reads, List<SecurityGroup> groups, List<String> evidence, String cidr,
            boolean pod) {
        Cluster c = reads.cluster();
        String id = "aws.sg-443@" + cidr;
        String title = pod ? "API access from remote pods" : "API access from remote nodes";
        List<String> subjects = new ArrayList<>(List.of(c.vpcId()));
        Sites.of(reads, cidr).ifPresent(s -> subjects.add("site:" + s));
        for (SecurityGroup g : groups) {
            for (IngressRule r : g.ingress()) {
                if (allows443(r, cidr)) {
                    return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.PASS,
                            g.id() + " allows TCP 443 from " + cidr + " (" + protocol(r) + " " + ports(r) + " from "
                                    + String.join(", ", r.cidrs()) + ").", evidence, DoctorFix.NONE);
                }
            }
        }
        String group = c.clusterSecurityGroupId() != null && !c.clusterSecurityGroupId().isBlank()
                ? c.clusterSecurityGroupId() : groups.isEmpty() ? "" : groups.get(0).id();
        String why = pod ? " Webhooks served by pods on hybrid nodes and pods calling the API fail."
                : " The kubelets of hybrid nodes cannot reach the API server.";
        DoctorFix fix = group.isEmpty() ? DoctorFix.manual("Give the cluster a security group that allows TCP 443 from "
                + cidr + ".", "") : DoctorFix.automatic("authorize-443", Map.of("groupId", group, "cidr", cidr),
                "Allow TCP 443 from " + cidr + " in " + group + ".");
        return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL,
                "No security group of the cluster allows TCP 443 from " + cidr + "." + why, evidence, fix);
    }

    private static String protocol(IngressRule r) {
        return "-1".equals(r.protocol()) ? "all" : r.protocol();
    }

    private static String ports(IngressRule r) {
        if ("-1".equals(r.protocol()) || r.fromPort() == -1) {
            return "all ports";
        }
        return r.fromPort() == r.toPort() ? String.valueOf(r.fromPort()) : r.fromPort() + "-" + r.toPort();
    }
}
