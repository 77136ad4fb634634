package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabIds;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The machines of a lab cluster as AWS sees them: its cloud nodes (EC2 instances in its subnets) and its hybrid nodes
 * registered with SSM (managed instances "mi-..."). Names, addresses and ids are derived from the world exactly as the
 * lab's Kubernetes side derives its Node objects (lab/kube LabNodeFactory), so that EC2 and SSM answer with the
 * instances whose Nodes kubectl shows; {@code LabMachinesAgreeWithNodesTest} holds the two together.
 */
public final class LabMachines {

    /** A cloud node: its EC2 instance id, subnet and private address. */
    public record CloudNode(String instanceId, LabSubnet subnet, String ip) {
    }

    /** A hybrid node that registered with an SSM hybrid activation: its managed instance id, site, pool and address. */
    public record SsmNode(String instanceId, LabSite site, LabPool pool, int number, String ip) {
        /** The host's name, as the node's operator named it ("<pool>-<nn>"). */
        public String computerName() {
            return String.format("%s-%02d", pool.name(), number);
        }
    }

    private LabMachines() {
    }

    public static List<CloudNode> cloudNodes(LabCluster c) {
        List<CloudNode> out = new ArrayList<>();
        List<LabSubnet> subnets = c.vpc().subnets();
        for (int i = 0; i < c.cloudNodes(); i++) {
            LabSubnet subnet = subnets.get(i % subnets.size());
            out.add(new CloudNode(LabIds.managedInstanceId((c.name() + "#" + i).hashCode()).replace("mi-", "i-"), subnet,
                    address(subnet.cidr(), 3L * 256 + 17 + 23L * i)));
        }
        return out;
    }

    /**
     * The synthetic SSM nodes: those of pools on no edge host. A pool on the lab's edge hosts registers its instances
     * live, through the hosts' nodeadm, when the lab starts.
     */
    public static List<SsmNode> ssmNodes(LabCluster c) {
        List<SsmNode> out = new ArrayList<>();
        for (LabSite site : c.sites()) {
            int indexInSite = 0;
            for (LabPool pool : site.pools()) {
                for (int i = 1; i <= pool.nodes(); i++, indexInSite++) {
                    if ("ssm".equals(pool.credentialProvider()) && !pool.hosted()) {
                        String id = LabIds.managedInstanceId((c.name() + "/" + site.name() + "/" + pool.name() + "/" + i).hashCode());
                        out.add(new SsmNode(id, site, pool, i, address(site.nodeCidr(), 10L + indexInSite)));
                    }
                }
            }
        }
        return out;
    }


    /** {@code prefix} and lower-case hex digits up to {@code prefix}'s dash plus {@code digits}, stable for {@code seed}. */
    static String hexId(String prefix, String seed, int digits) {
        SplittableRandom r = new SplittableRandom(seed.hashCode());
        StringBuilder sb = new StringBuilder(prefix);
        int end = prefix.lastIndexOf('-') + 1 + digits;
        while (sb.length() < end) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** A locally administered MAC address, stable for {@code seed} (EC2 ENIs have "0a:..." or "02:..."). */
    static String mac(String seed) {
        SplittableRandom r = new SplittableRandom(seed.hashCode() * 31L + 7);
        StringBuilder sb = new StringBuilder("0a");
        for (int i = 0; i < 5; i++) {
            sb.append(':').append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    /** The IPv4 address {@code offset} after the network address of {@code cidr}. */
    static String address(String cidr, long offset) {
        String[] parts = cidr.substring(0, cidr.indexOf('/')).split("\\.");
        long base = 0;
        for (String p : parts) {
            base = base << 8 | Integer.parseInt(p);
        }
        long a = base + offset;
        return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }
}
