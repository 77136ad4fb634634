package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's own reading of EKS's rules for {@code UpdateClusterConfig remoteNetworkConfig}, written from the EKS API
 * reference (RemoteNetworkConfigRequest, RemoteNodeNetwork, RemotePodNetwork) and the user guide's hybrid nodes pages,
 * not from the console's code:
 * <ul>
 * <li>each list holds at most one item, whose {@code cidrs} name at least one block;</li>
 * <li>each block is an IPv4 CIDR in decimal dotted-quad notation, inside RFC 1918 (10.0.0.0/8, 172.16.0.0/12,
 * 192.168.0.0/16; the docs name no other range), sized /8 to /32, with no host bits set;</li>
 * <li>no block overlaps the cluster's VPC CIDRs, its Kubernetes service CIDR, or another block (node or pod);</li>
 * <li>a list that is not given stays as it is; remote pod networks need remote node networks; the whole
 * configuration is removed with both lists empty, the documented way to disable hybrid nodes;</li>
 * <li>at most {@value #MAX_CIDRS_PER_LIST} blocks per list (the only figure published; the API reference gives none);</li>
 * <li>the cluster uses IPv4 and the API or API_AND_CONFIG_MAP authentication mode.</li>
 * </ul>
 * Refusals carry EKS's exception names with messages modelled on EKS's.
 */
final class EksRemoteNetworkChecks {
    static final int MAX_CIDRS_PER_LIST = 15;
    static final String INVALID_PARAMETER = "InvalidParameterException";
    static final String INVALID_REQUEST = "InvalidRequestException";

    private static final String NODES = "remoteNodeNetworks";
    private static final String PODS = "remotePodNetworks";
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final List<Block> RFC_1918 = List.of(Block.of("10.0.0.0/8"), Block.of("172.16.0.0/12"),
            Block.of("192.168.0.0/16"));

    private EksRemoteNetworkChecks() {
    }

    /** The outcome of a check: the lists the cluster will hold, or EKS's refusal (code and message). */
    record Outcome(List<String> nodes, List<String> pods, String code, String message) {
        static Outcome refuse(String code, String message) {
            return new Outcome(List.of(), List.of(), code, message);
        }

        boolean refused() {
            return code != null;
        }
    }

    /** An IPv4 block: network address and prefix length. */
    record Block(long address, int prefix, String text) {
        static Block of(String text) {
            Block b = parse(text);
            if (b == null) {
                throw new IllegalArgumentException(text);
            }
            return b;
        }

        /** Null when {@code text} is not an IPv4 CIDR in dotted-quad notation. */
        static Block parse(String text) {
            Matcher m = IPV4_CIDR.matcher(text);
            if (!m.matches()) {
                return null;
            }
            long address = 0;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                    return null;
                }
                address = (address << 8) | octet;
            }
            int prefix = Integer.parseInt(m.group(5));
            return prefix > 32 ? null : new Block(address, prefix, text);
        }

        long mask() {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }

        boolean hostBitsSet() {
            return (address & ~mask() & 0xFFFFFFFFL) != 0;
        }

        boolean overlaps(Block o) {
            long m = prefix < o.prefix ? mask() : o.mask();
            return (address & m) == (o.address & m);
        }

        boolean within(Block outer) {
            return prefix >= outer.prefix && (address & outer.mask()) == outer.address;
        }
    }

    /** What a cluster must be for EKS to accept any remote network configuration; null when it is. */
    static String clusterProblem(LabCluster c) {
        if (!"ipv4".equals(c.ipFamily().toLowerCase(Locale.ROOT))) {
            return "Remote network configuration is only supported for clusters with the ipv4 IP family. Cluster "
                    + c.name() + " uses " + c.ipFamily() + ".";
        }
        if ("CONFIG_MAP".equals(c.authenticationMode())) {
            return "Remote network configuration requires the cluster authentication mode API or API_AND_CONFIG_MAP. "
                    + "Cluster " + c.name() + " uses CONFIG_MAP.";
        }
        return null;
    }

    /** Checks {@code remote} (the request's remoteNetworkConfig) against cluster {@code c} as it is now. */
    static Outcome check(JsonNode remote, LabCluster c) {
        if (!remote.isObject()) {
            return Outcome.refuse(INVALID_PARAMETER, "remoteNetworkConfig must be an object.");
        }
        List<String> nodes = c.remoteNodeCidrs();
        List<String> pods = c.remotePodCidrs();
        List<String> problems = new ArrayList<>();
        if (remote.has(NODES)) {
            nodes = cidrs(remote.get(NODES), NODES, problems);
        }
        if (remote.has(PODS)) {
            pods = cidrs(remote.get(PODS), PODS, problems);
        }
        if (!problems.isEmpty()) {
            return Outcome.refuse(INVALID_PARAMETER, problems.get(0));
        }
        if (nodes.isEmpty() && !pods.isEmpty()) {
            return Outcome.refuse(INVALID_PARAMETER, "remoteNodeNetworks must contain at least one CIDR block when "
                    + "remotePodNetworks are set.");
        }
        if (nodes.isEmpty() && !(remote.has(PODS) && remote.has(NODES))) {
            return Outcome.refuse(INVALID_PARAMETER, "remoteNodeNetworks must contain at least one CIDR block. To remove "
                    + "the remote network configuration, set both remoteNodeNetworks and remotePodNetworks to empty lists.");
        }
        String problem = blocksProblem(nodes, pods, c);
        return problem == null ? new Outcome(nodes, pods, null, null) : Outcome.refuse(INVALID_PARAMETER, problem);
    }

    /** The CIDR strings of one list ({@code [{"cidrs": [...]}]}); a shape problem is added to {@code problems}. */
    private static List<String> cidrs(JsonNode list, String field, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (!list.isArray()) {
            problems.add(field + " must be a list.");
            return out;
        }
        if (list.size() > 1) {
            problems.add(field + " can contain at most 1 item; put every CIDR block in the cidrs of that item.");
            return out;
        }
        for (JsonNode item : list) {
            JsonNode cidrs = item.path("cidrs");
            if (!cidrs.isArray() || cidrs.isEmpty()) {
                problems.add("Each item of " + field + " must list at least one CIDR block in cidrs.");
                return out;
            }
            for (JsonNode cidr : cidrs) {
                if (!cidr.isTextual()) {
                    problems.add("Each CIDR block in " + field + " must be a string.");
                    return out;
                }
                out.add(cidr.asText());
            }
        }
        if (out.size() > MAX_CIDRS_PER_LIST) {
            problems.add(field + " can contain at most " + MAX_CIDRS_PER_LIST + " CIDR blocks; " + out.size() + " were given.");
        }
        return out;
    }

    private static String blocksProblem(List<String> nodes, List<String> pods, LabCluster c) {
        List<Block> seen = new ArrayList<>();
        List<String> seenField = new ArrayList<>();
        for (String field : List.of(NODES, PODS)) {
            for (String text : NODES.equals(field) ? nodes : pods) {
                Block b = Block.parse(text);
                if (b == null) {
                    return "The CIDR block " + text + " in " + field + " is not valid. Specify an IPv4 CIDR block in "
                            + "decimal dotted-quad notation, for example 10.2.0.0/16.";
                }
                if (b.hostBitsSet()) {
                    return "The CIDR block " + text + " in " + field + " is not valid: it has host bits set.";
                }
                if (b.prefix() < 8) {
                    return "The CIDR block " + text + " in " + field + " is too large. The maximum allowed size is /8.";
                }
                if (RFC_1918.stream().noneMatch(b::within)) {
                    return "The CIDR block " + text + " in " + field + " must be within an IPv4 RFC-1918 network range "
                            + "(10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16). Publicly-routable addresses aren't supported.";
                }
                for (String vpc : c.vpc().cidrs()) {
                    Block v = Block.parse(vpc);
                    if (v != null && v.overlaps(b)) {
                        return "The CIDR block " + text + " in " + field + " overlaps the VPC CIDR block " + vpc
                                + " of cluster " + c.name() + ".";
                    }
                }
                Block service = c.serviceCidr() == null ? null : Block.parse(c.serviceCidr());
                if (service != null && service.overlaps(b)) {
                    return "The CIDR block " + text + " in " + field + " overlaps the Kubernetes service IPv4 CIDR "
                            + c.serviceCidr() + " of cluster " + c.name() + ".";
                }
                for (int i = 0; i < seen.size(); i++) {
                    if (seen.get(i).overlaps(b)) {
                        return "The CIDR block " + text + " in " + field + " overlaps the CIDR block "
                                + seen.get(i).text() + " in " + seenField.get(i) + ".";
                    }
                }
                seen.add(b);
                seenField.add(field);
            }
        }
        return null;
    }
}
