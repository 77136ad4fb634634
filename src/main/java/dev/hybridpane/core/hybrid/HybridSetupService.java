package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.HybridRequirements;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The use cases of issue 3 on the ports: review and plan an import, review and plan enabling hybrid mode, and read
 * a cluster's hybrid configuration. Blocking; call it off the FX thread.
 */
public final class HybridSetupService {
    public static final String IMPORT_KIND = "cluster-import";

    private final AwsPort aws;
    private final HybridAwsPort hybridAws;
    private final ClusterAdminPort kube;
    private final WorkspaceStore workspace;
    private final Clock clock;
    private final Duration poll;

    public HybridSetupService(AwsPort aws, HybridAwsPort hybridAws, ClusterAdminPort kube, WorkspaceStore workspace, Clock clock,
            Duration poll) {
        this.aws = aws;
        this.hybridAws = hybridAws;
        this.kube = kube;
        this.workspace = workspace;
        this.clock = clock;
        this.poll = poll;
    }

    public ClusterAccess access(Cluster c) {
        return new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                new CachingTokens(() -> aws.eksToken(c.ref()), clock));
    }

    public List<String> vpcCidrs(Cluster c) {
        if (c.vpcId() == null) {
            return List.of();
        }
        return aws.describeNetwork(c.region(), c.vpcId(), c.subnetIds(), List.of()).vpc().cidrs();
    }

    public ImportReview reviewImport(ClusterRef ref) {
        Cluster c = aws.describeCluster(ref);
        ClusterAccess access = access(c);
        List<Check> checks = new ArrayList<>(HybridRequirements.evaluate(c, vpcCidrs(c)));
        checks.removeIf(k -> k.id().equals(HybridRequirements.REMOTE_NETWORKS) && !c.hybridEnabled());
        List<HybridAwsPort.Addon> addons = hybridAws.listAddons(ref);
        checks.add(addons.stream().anyMatch(a -> a.name().equals("vpc-cni"))
                ? Check.pass("vpc-cni", "VPC CNI add-on", "Installed (" + version(addons) + "); it keeps serving cloud nodes.")
                : Check.fail("vpc-cni", "VPC CNI add-on", "Not installed as an EKS add-on. Install it: "
                        + "aws eks create-addon --cluster-name " + ref.name() + " --addon-name vpc-cni."));
        Map<ComputeType, Integer> counts = kube.nodeCounts(access);
        int cloud = counts.entrySet().stream().filter(e -> e.getKey().isCloud()).mapToInt(Map.Entry::getValue).sum();
        checks.add(cloud > 0 ? Check.pass("cloud-node", "Cloud nodes", cloud + " cloud node(s) run CoreDNS and the controllers.")
                : Check.fail("cloud-node", "Cloud nodes", "No cloud node: add a managed node group with at least one node, "
                        + "so that CoreDNS and webhooks have somewhere to run besides hybrid nodes."));
        String manifest = FootprintManifest.yaml();
        boolean known = workspace.list().stream().anyMatch(w -> w.region().equals(ref.region()) && w.name().equals(ref.name()));
        return new ImportReview(c, access, checks, manifest, kube.objectNames(manifest), kube.footprint(access, manifest), known);
    }

    private static String version(List<HybridAwsPort.Addon> addons) {
        return addons.stream().filter(a -> a.name().equals("vpc-cni")).map(HybridAwsPort.Addon::version).findFirst().orElse("?");
    }

    /** Apply every manifest object that is missing, then record the cluster in the workspace. */
    public Operation planImport(ImportReview review) {
        Cluster c = review.cluster();
        List<Step> steps = new ArrayList<>();
        List<String> docs = FootprintManifest.documents(review.manifest());
        for (String doc : docs) {
            String name = kube.objectNames(doc).get(0);
            steps.add(Steps.of("apply-" + name.toLowerCase(Locale.ROOT).replace('/', '-'), "kubectl apply " + name,
                    List.of(), ctx -> kube.footprint(review.access(), doc).complete(), ctx -> kube.apply(review.access(), doc)));
        }
        steps.add(Steps.of("workspace", "Record " + c.name() + " in this workstation's workspace", List.of("workspace.json: "
                + c.arn()), ctx -> workspace.list().stream().anyMatch(w -> w.region().equals(c.region()) && w.name().equals(c.name())
                        && FootprintManifest.MANIFEST_VERSION.equals(w.manifestVersion())),
                ctx -> workspace.put(new WorkspaceStore.ImportedCluster(c.region(), c.name(), c.arn(), clock.instant(),
                        FootprintManifest.MANIFEST_VERSION))));
        return new Operation(IMPORT_KIND + "-" + c.region() + "-" + c.name(), IMPORT_KIND, "Import cluster",
                c.name() + " · " + c.region(), steps);
    }

    /** Only the workspace step: the user applies the manifest with kubectl or GitOps, and we wait for it. */
    public boolean footprintComplete(ImportReview review) {
        return footprint(review).complete();
    }

    /** Which objects of the manifest the cluster has now (read again; for waiting while the user applies it). */
    public FootprintStatus footprint(ImportReview review) {
        return kube.footprint(review.access(), review.manifest());
    }

    public EnableReview reviewEnable(ClusterRef ref) {
        Cluster c = aws.describeCluster(ref);
        ClusterAccess access = access(c);
        CniStatus cni = null;
        String error = null;
        try {
            cni = kube.cni(access);
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        return new EnableReview(c, access, vpcCidrs(c), cni, error);
    }

    public Operation planEnable(EnableReview review, EnableHybridRequest request) {
        return new EnableHybridPlanner(aws, hybridAws, kube, poll).plan(review, request);
    }

    /** The cluster's hybrid configuration, one item per part; a part that cannot be read says why. */
    public List<HybridStatusItem> hybridStatus(ClusterRef ref, String roleName) {
        return new HybridStatusReader(aws, hybridAws, kube, this).read(ref, roleName);
    }

    /** The cluster's hybrid configuration, for the role the last enable-hybrid run on it used (else the default name). */
    public List<HybridStatusItem> hybridStatus(ClusterRef ref, EnableJournals journals) {
        return hybridStatus(ref, journals.roleName(ref));
    }
}
