package dev.hybridpane.lab.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network beyond the lab's hosts, as their probes meet it: the names the sites' DNS answers (an EKS private
 * endpoint's name is answered by the VPC's resolver, to which the sites forward the EKS zone) and the addresses that
 * answer TCP 443 there (the cluster's endpoint network interfaces in its VPC). Seeded with retail-edge's private
 * endpoint (its name as the hosts' kubeconfigs carry it; one interface in each of its private subnets a and b, world.yaml's
 * 10.100.0.0/19 and 10.100.32.0/19). Loopback addresses are the lab's own API servers: a connection to them is made for
 * real. Shared by every host of a fleet; thread-safe.
 */
public final class LabSiteNetwork {
    /** retail-edge's API server endpoint host name, as {@link LabHost} writes it into a node's kubeconfig. */
    public static final String RETAIL_EDGE_ENDPOINT = "4F1C8E2D9A7B3C5E.gr7.us-west-2.eks.amazonaws.com";
    public static final int API_PORT = 443;

    private final Map<String, List<String>> names = new ConcurrentHashMap<>();

    public LabSiteNetwork() {
        names.put(RETAIL_EDGE_ENDPOINT.toLowerCase(Locale.ROOT), List.of("10.100.12.34", "10.100.45.67"));
    }

    /** The sites' DNS answers {@code name} with these addresses, whose port 443 answers (an API server endpoint). */
    public void endpoint(String name, List<String> addresses) {
        names.put(name.toLowerCase(Locale.ROOT), List.copyOf(addresses));
    }

    Optional<List<String>> resolve(String name) {
        return Optional.ofNullable(names.get(name.toLowerCase(Locale.ROOT)));
    }

    /** An address of an endpoint (its port 443 answers when the host can route to the VPC). */
    boolean endpointAddress(String address) {
        return names.values().stream().anyMatch(a -> a.contains(address));
    }
}
