package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab AWS account's inspection API: a read-only view of what the emulator holds now and of the calls it
 * received. For tests and lab diagnostics; the console itself reads the lab only through the AWS APIs, as it
 * reads a real account. Obtain it with {@link AwsEmulator#inspect()}.
 */
public final class AwsInspection {
    private final AwsState state;
    private final IamService iam;
    private final RolesAnywhereService rolesAnywhere;
    private final Map<String, AtomicInteger> counts;
    private final IssuedSecrets.Sources secrets;

    AwsInspection(AwsState state, IamService iam, RolesAnywhereService rolesAnywhere, Map<String, AtomicInteger> counts,
            IssuedSecrets.Sources secrets) {
        this.state = state;
        this.iam = iam;
        this.rolesAnywhere = rolesAnywhere;
        this.counts = counts;
        this.secrets = secrets;
    }

    /** Every secret the account has handed out so far (for the tests' secret scanner): see {@link IssuedSecrets}. */
    public IssuedSecrets issuedSecrets() {
        return secrets.now();
    }

    /** A cluster's remote networks as DescribeCluster shows them: the node CIDRs and the pod CIDRs. */
    public record RemoteNetworks(List<String> nodeCidrs, List<String> podCidrs) {
        public RemoteNetworks {
            nodeCidrs = List.copyOf(nodeCidrs);
            podCidrs = List.copyOf(podCidrs);
        }
    }

    /** IAM role names in the account, in creation order. */
    public List<String> roleNames() {
        return iam.roleNames();
    }

    /** Roles Anywhere trust anchor names, one entry per anchor (duplicates show twice). */
    public List<String> trustAnchorNames() {
        return rolesAnywhere.anchors().stream().map(LabRolesAnywhere.Anchor::name).toList();
    }

    /** Roles Anywhere profile names, one entry per profile. */
    public List<String> profileNames() {
        return rolesAnywhere.profiles().stream().map(LabRolesAnywhere.Profile::name).toList();
    }

    /** Principal ARNs of a cluster's access entries, one per entry. */
    public List<String> accessEntryPrincipals(String region, String cluster) {
        return state.accessEntries(region, cluster).stream().map(LabAccessEntry::principalArn).toList();
    }

    /** The cluster's remote networks now; empty when the account has no such cluster. */
    public Optional<RemoteNetworks> remoteNetworks(String region, String cluster) {
        return state.cluster(region, cluster).map(c -> new RemoteNetworks(c.remoteNodeCidrs(), c.remotePodCidrs()));
    }

    /** How many requests for {@code operation} (e.g. "eks:DescribeCluster") arrived, retries and pages included. */
    public int requestCount(String operation) {
        AtomicInteger c = counts.get(operation);
        return c == null ? 0 : c.get();
    }
}
