package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkWritePort.TargetKind;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.NotReadyDiagnosis;
import dev.hybridpane.domain.NodeLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@link FixPlan.Change} as an idempotent step: observe the change's effect, apply it only when missing. */
final class FixSteps {
    /** The labels every hybrid node carries, which a CNI's affinity must select. */
    static final Map<String, String> HYBRID_NODE = Map.of(NodeLabels.COMPUTE_TYPE, NotReadyDiagnosis.HYBRID, "kubernetes.io/os", "linux");
    static final String RULE_DESCRIPTION = "EKS hybrid nodes remote network (HybridPane)";

    private FixSteps() {
    }

    static Step step(NetworkWritePort aws, CniAffinityPort cni, String region, FixPlan.Change c, int index) {
        Map<String, String> p = c.params();
        String id = String.format("%02d-%s", index + 1, c.action());
        return switch (c.action()) {
            case NetworkFixes.CREATE_ROUTE -> route(aws, region, id, c.line(), p);
            case NetworkFixes.AUTHORIZE_443 -> Steps.of(id, c.line(), List.of("ec2:AuthorizeSecurityGroupIngress GroupId="
                    + p.get("groupId") + " tcp 443 from " + p.get("cidr")),
                    ctx -> aws.allowsHttps(region, p.get("groupId"), p.get("cidr")),
                    ctx -> aws.authorizeHttps(region, p.get("groupId"), p.get("cidr"), RULE_DESCRIPTION));
            case NetworkFixes.VPC_DNS -> Steps.of(id, c.line(), List.of("ec2:ModifyVpcAttribute VpcId=" + p.get("vpcId") + " "
                    + p.get("attribute") + "=true"),
                    ctx -> aws.vpcAttribute(region, p.get("vpcId"), p.get("attribute")),
                    ctx -> aws.enableVpcAttribute(region, p.get("vpcId"), p.get("attribute")));
            case NetworkFixes.VPN_STATIC_ROUTE -> Steps.of(id, c.line(), List.of("ec2:CreateVpnConnectionRoute VpnConnectionId="
                    + p.get("vpnConnectionId") + " DestinationCidrBlock=" + p.get("destinationCidr")),
                    ctx -> aws.vpnStaticRoute(region, p.get("vpnConnectionId"), p.get("destinationCidr")),
                    ctx -> aws.createVpnStaticRoute(region, p.get("vpnConnectionId"), p.get("destinationCidr")));
            case NetworkFixes.CNI_AFFINITY -> cniAffinity(cni, id, c.line(), p.get("namespace"), p.get("daemonSet"));
            default -> throw new IllegalArgumentException("no automatic fix for " + c.action());
        };
    }

    private static Step route(NetworkWritePort aws, String region, String id, String line, Map<String, String> p) {
        String table = p.get("routeTableId");
        String cidr = p.get("destinationCidr");
        String target = p.get("targetId");
        TargetKind kind = TargetKind.parse(p.get("targetKind")).orElseThrow();
        return Steps.of(id, line, List.of("ec2:CreateRoute RouteTableId=" + table + " DestinationCidrBlock=" + cidr + " "
                        + kind.param() + "=" + target, "(ec2:ReplaceRoute instead when a blackhole route to " + cidr + " is there)"),
                ctx -> aws.route(region, table, cidr).map(NetworkWritePort.TableRoute::active).orElse(false),
                ctx -> {
                    Optional<NetworkWritePort.TableRoute> now = aws.route(region, table, cidr);
                    if (now.isPresent()) {
                        ctx.log(table + " has an inactive route to " + cidr + " (via " + now.get().targetId()
                                + "): replacing it with " + target);
                        aws.replaceRoute(region, table, cidr, kind, target);
                    } else {
                        aws.createRoute(region, table, cidr, kind, target);
                    }
                });
    }

    private static Step cniAffinity(CniAffinityPort cni, String id, String line, String namespace, String name) {
        return Steps.of(id, line, List.of("kubectl patch daemonset " + name + " -n " + namespace + " --type json (a nodeSelectorTerm "
                        + NodeLabels.COMPUTE_TYPE + " In [hybrid] added to its required node affinity)"),
                ctx -> read(cni, namespace, name).selects(HYBRID_NODE),
                ctx -> {
                    CniDaemonSet d = read(cni, namespace, name);
                    List<String> misses = d.nodeSelectorMisses(HYBRID_NODE);
                    if (!misses.isEmpty()) {
                        throw new IllegalStateException(d.ref() + ": its nodeSelector " + String.join(", ", misses)
                                + " excludes hybrid nodes, which a patch of its affinity cannot change: edit it by hand.");
                    }
                    NotReadyDiagnosis.CniPatch patch = NotReadyDiagnosis.patch(d, HYBRID_NODE, List.of()).orElseThrow();
                    ctx.log("Patching " + d.ref() + ": " + patch.json());
                    cni.patch(namespace, name, patch.json());
                });
    }

    private static CniDaemonSet read(CniAffinityPort cni, String namespace, String name) {
        return cni.daemonSet(namespace, name).orElseThrow(() -> new IllegalStateException("There is no DaemonSet " + namespace + "/"
                + name + " in the cluster to patch."));
    }
}
