package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.ComputeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster's Kubernetes side in memory: which manifest objects exist, node counts, the CNI and aws-auth's mapRoles.
 * Every change is recorded in {@link #changes}.
 */
final class FakeClusterAdmin implements ClusterAdminPort {
    private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\S+)");
    private static final Pattern NAME = Pattern.compile("(?m)^metadata:\\n(?:  .*\\n)*?  name: (\\S+)");

    final Set<String> present = new LinkedHashSet<>();
    final List<String> changes = new ArrayList<>();
    final Map<ComputeType, Integer> nodeCounts = new EnumMap<>(Map.of(ComputeType.EC2, 2));
    final Set<String> awsAuthRoles = new LinkedHashSet<>();
    CniStatus cni = new CniStatus("cilium", false, true, false, true, true);
    RuntimeException cniFailure;

    /** Kind/name of each document, read with two patterns (enough for HybridPane's own manifest). */
    @Override
    public List<String> objectNames(String manifestYaml) {
        List<String> out = new ArrayList<>();
        for (String doc : FootprintManifest.documents(manifestYaml)) {
            Matcher kind = KIND.matcher(doc);
            Matcher name = NAME.matcher(doc);
            if (!kind.find() || !name.find()) {
                throw new IllegalStateException("no kind or name in " + doc);
            }
            out.add(kind.group(1) + "/" + name.group(1));
        }
        return out;
    }

    @Override
    public FootprintStatus footprint(ClusterAccess access, String manifestYaml) {
        List<String> names = objectNames(manifestYaml);
        return new FootprintStatus(names.stream().filter(present::contains).toList(),
                names.stream().filter(n -> !present.contains(n)).toList());
    }

    @Override
    public List<String> apply(ClusterAccess access, String manifestYaml) {
        List<String> created = footprint(access, manifestYaml).missing();
        created.forEach(n -> changes.add("apply " + n));
        present.addAll(created);
        return created;
    }

    @Override
    public Map<ComputeType, Integer> nodeCounts(ClusterAccess access) {
        return Map.copyOf(nodeCounts);
    }

    @Override
    public CniStatus cni(ClusterAccess access) {
        if (cniFailure != null) {
            throw cniFailure;
        }
        return cni;
    }

    @Override
    public void patchCiliumAffinity(ClusterAccess access) {
        changes.add("patch cilium affinity");
        cni = new CniStatus(cni.cni(), true, cni.operatorPresent(), true, cni.vpcCniPresent(), cni.vpcCniAntiAffinity());
    }

    @Override
    public boolean awsAuthMapsRole(ClusterAccess access, String roleArn) {
        return awsAuthRoles.contains(roleArn);
    }

    @Override
    public void addAwsAuthMapRole(ClusterAccess access, String roleArn) {
        changes.add("aws-auth " + roleArn);
        awsAuthRoles.add(roleArn);
    }
}
