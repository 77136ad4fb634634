package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    private final SsmRegistry ssm;
    private final Map<String, AtomicInteger> counts;
    private final FaultInjector faults;
    private final IssuedSecrets.Sources secrets;

    AwsInspection(AwsState state, IamService iam, RolesAnywhereService rolesAnywhere, SsmRegistry ssm,
            Map<String, AtomicInteger> counts, FaultInjector faults, IssuedSecrets.Sources secrets) {
        this.state = state;
        this.iam = iam;
        this.rolesAnywhere = rolesAnywhere;
        this.ssm = ssm;
        this.counts = counts;
        this.faults = faults;
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

    /** The descriptions of a Region's SSM activations not deleted (seeded and created), one entry per activation. */
    public List<String> activationDescriptions(String region) {
        return ssm.fleet(state, region).activations.stream().map(SsmFleet.Activation::description).toList();
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

    /** Every request that arrived, per operation ("eks:DescribeCluster"), retries and pages included; sorted. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((op, n) -> out.put(op, n.get()));
        return out;
    }

    /** The faults the emulator answered with so far (queued, sticky and rate-based), per operation and kind. */
    public Map<String, Map<Fault, Long>> injectedFaults() {
        return faults.injected();
    }

    /** How many faults of these kinds (none given: of every kind) the emulator answered with so far. */
    public long injectedFaultCount(Fault... kinds) {
        Set<Fault> wanted = kinds.length == 0 ? EnumSet.allOf(Fault.class) : EnumSet.copyOf(List.of(kinds));
        return faults.injected().values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> wanted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
