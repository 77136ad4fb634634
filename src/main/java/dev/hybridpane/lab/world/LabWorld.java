package dev.hybridpane.lab.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab's seeded world, read from {@code world.yaml} in the lab's resources. The AWS emulator and
 * the Kubernetes API servers are both built from it, so they agree on every name and CIDR.
 */
public record LabWorld(String accountId, String userName, List<String> regions, List<LabCluster> clusters) {

    public static final String RESOURCE = "/dev/hybridpane/lab/world.yaml";
    /** How often the lab's simulation flaps a hybrid node NotReady/Ready. */
    public static final Duration DEFAULT_FLAP_PERIOD = Duration.ofSeconds(30);

    /** Each cluster that names no account is in the world's own ({@code accountId}). */
    public LabWorld {
        regions = List.copyOf(regions);
        String own = accountId;
        clusters = clusters.stream().map(c -> c.account() == null ? c.inAccount(own) : c).toList();
    }

    /** The clusters of one account (the world's own, or another one's: {@link LabCluster#account()}). */
    public List<LabCluster> clusters(String account) {
        return clusters.stream().filter(c -> c.account().equals(account)).toList();
    }

    /** The world file compiled to JSON by the build ({@link WorldJson}), read instead of it when they match. */
    static final String COMPILED = "/dev/hybridpane/lab/world.json";

    public static LabWorld load() {
        try {
            byte[] yaml;
            try (InputStream in = LabWorld.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("lab world " + RESOURCE + " is missing from the class path");
                }
                yaml = in.readAllBytes();
            }
            try (InputStream json = LabWorld.class.getResourceAsStream(COMPILED)) {
                LabWorld compiled = WorldJson.read(json, yaml);
                if (compiled != null) {
                    return compiled;
                }
            }
            return parse(new ByteArrayInputStream(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a world file. A key the records do not have, or a value of the wrong type, fails with where it is.
     *
     * @throws IllegalArgumentException when the file does not describe a world
     */
    public static LabWorld parse(InputStream in) throws IOException {
        return WorldReader.world(new ObjectMapper(new YAMLFactory()).readTree(in));
    }

    /**
     * The same world as the running lab serves it: each pool that names edge hosts is made on them, live (see
     * {@link LabPool#hosted()}).
     */
    public LabWorld withLiveHosts() {
        List<LabCluster> out = new ArrayList<>();
        for (LabCluster c : clusters) {
            List<LabSite> sites = new ArrayList<>();
            for (LabSite s : c.sites()) {
                sites.add(new LabSite(s.name(), s.description(), s.nodeCidr(), s.podCidrs(), s.pools().stream()
                        .map(p -> new LabPool(p.name(), p.nodes(), p.credentialProvider(), p.architecture(), p.kubeletVersion(),
                                p.osImage(), p.profile(), p.hosts(), !p.hosts().isEmpty(), p.managed())).toList()));
            }
            out.add(c.withSites(sites));
        }
        return new LabWorld(accountId, userName, regions, out);
    }

    public String userArn() {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    /**
     * The same world with the first hybrid cluster grown to {@code hybridNodes} hybrid nodes, spread over
     * pools of 50 nodes and sites of 10 pools, for performance work. The other clusters stay as seeded.
     */
    public LabWorld scaled(int hybridNodes) {
        if (hybridNodes <= 0) {
            return this;
        }
        List<LabCluster> out = new ArrayList<>();
        boolean done = false;
        for (LabCluster c : clusters) {
            if (!done && !c.remoteNodeCidrs().isEmpty()) {
                out.add(c.withSites(WorldScale.sites(c, hybridNodes)));
                done = true;
            } else {
                out.add(c);
            }
        }
        return new LabWorld(accountId, userName, regions, out);
    }

    /** An EKS cluster in the lab, with its VPC, its cloud nodes and its hybrid sites. */
    public record LabCluster(
            String name,
            String region,
            String version,
            String platformVersion,
            String status,
            String authenticationMode,
            String ipFamily,
            boolean endpointPublic,
            boolean endpointPrivate,
            String serviceCidr,
            List<String> remoteNodeCidrs,
            List<String> remotePodCidrs,
            LabVpc vpc,
            List<LabAccessEntry> accessEntries,
            List<String> addons,
            String cni,
            int cloudNodes,
            String nodeKubeletVersion,
            List<LabSite> sites,
            Map<String, String> tags,
            List<LabHybridRole> hybridRoles,
            List<ObjectNode> profiles,
            String account) {

        public LabCluster {
            remoteNodeCidrs = List.copyOf(remoteNodeCidrs == null ? List.of() : remoteNodeCidrs);
            remotePodCidrs = List.copyOf(remotePodCidrs == null ? List.of() : remotePodCidrs);
            accessEntries = List.copyOf(accessEntries == null ? List.of() : accessEntries);
            addons = List.copyOf(addons == null ? List.of() : addons);
            sites = List.copyOf(sites == null ? List.of() : sites);
            tags = Map.copyOf(tags == null ? Map.of() : tags);
            cni = cni == null ? "vpc-cni" : cni;
            hybridRoles = List.copyOf(hybridRoles == null ? List.of() : hybridRoles);
            profiles = List.copyOf(profiles == null ? List.of() : profiles);
        }

        /** A cluster of the world's own account (as the world file's clusters are unless they name another). */
        public LabCluster(String name, String region, String version, String platformVersion, String status,
                String authenticationMode, String ipFamily, boolean endpointPublic, boolean endpointPrivate,
                String serviceCidr, List<String> remoteNodeCidrs, List<String> remotePodCidrs, LabVpc vpc,
                List<LabAccessEntry> accessEntries, List<String> addons, String cni, int cloudNodes,
                String nodeKubeletVersion, List<LabSite> sites, Map<String, String> tags, List<LabHybridRole> hybridRoles,
                List<ObjectNode> profiles) {
            this(name, region, version, platformVersion, status, authenticationMode, ipFamily, endpointPublic,
                    endpointPrivate, serviceCidr, remoteNodeCidrs, remotePodCidrs, vpc, accessEntries, addons, cni, cloudNodes,
                    nodeKubeletVersion, sites, tags, hybridRoles, profiles, null);
        }

        /** Its ARN, in its own account. */
        public String arn() {
            return arn(account);
        }

        /**
         * The ClusterProfile objects the cluster holds (hybridpane.dev/v1alpha1, as stored), each a fresh copy: the
         * world keeps them as data, in the stored shape, not built by the console's code.
         */
        public List<ObjectNode> profileObjects() {
            return profiles.stream().map(ObjectNode::deepCopy).toList();
        }

        public String arn(String accountId) {
            return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + name;
        }

        public int hybridNodeCount() {
            return sites.stream().flatMap(s -> s.pools().stream()).mapToInt(LabPool::nodes).sum();
        }

        /** The same cluster with new remote networks (what a successful UpdateClusterConfig leaves). */
        public LabCluster withRemoteNetworks(List<String> nodeCidrs, List<String> podCidrs) {
            return new LabCluster(name, region, version, platformVersion, status, authenticationMode, ipFamily,
                    endpointPublic, endpointPrivate, serviceCidr, nodeCidrs, podCidrs, vpc, accessEntries,
                    addons, cni, cloudNodes, nodeKubeletVersion, sites, tags, hybridRoles, profiles, account);
        }

        /** The cluster with its API server endpoint's public and private access as given. */
        public LabCluster withEndpointAccess(boolean publicAccess, boolean privateAccess) {
            return new LabCluster(name, region, version, platformVersion, status, authenticationMode, ipFamily,
                    publicAccess, privateAccess, serviceCidr, remoteNodeCidrs, remotePodCidrs, vpc, accessEntries,
                    addons, cni, cloudNodes, nodeKubeletVersion, sites, tags, hybridRoles, profiles, account);
        }

        LabCluster withSites(List<LabSite> newSites) {
            return new LabCluster(name, region, version, platformVersion, status, authenticationMode, ipFamily,
                    endpointPublic, endpointPrivate, serviceCidr, remoteNodeCidrs, remotePodCidrs, vpc, accessEntries,
                    addons, cni, cloudNodes, nodeKubeletVersion, newSites, tags, hybridRoles, profiles, account);
        }

        LabCluster inAccount(String accountId) {
            return new LabCluster(name, region, version, platformVersion, status, authenticationMode, ipFamily,
                    endpointPublic, endpointPrivate, serviceCidr, remoteNodeCidrs, remotePodCidrs, vpc, accessEntries,
                    addons, cni, cloudNodes, nodeKubeletVersion, sites, tags, hybridRoles, profiles, accountId);
        }
    }

    /**
     * A cluster's VPC and how it reaches its remote networks: through a transit gateway ({@code transitGatewayId}) or a
     * virtual private gateway attached to it ({@code vpnGatewayId}), with site-to-site VPN connections on that gateway.
     *
     * @param routedCidrs     the remote CIDRs its route table sends to that gateway (null: every remote node and pod CIDR)
     * @param apiIngressCidrs the CIDRs its additional security groups allow TCP 443 from (null: every remote node and
     *                        pod CIDR)
     * @param directConnectGateways Direct Connect gateways attached to its transit gateway
     */
    public record LabVpc(String id, String name, List<String> cidrs, List<LabSubnet> subnets,
            String clusterSecurityGroupId, List<String> additionalSecurityGroupIds, String transitGatewayId,
            String vpnGatewayId, List<LabVpnConnection> vpnConnections, List<String> routedCidrs,
            List<String> apiIngressCidrs, List<LabDirectConnectGateway> directConnectGateways, String internetGatewayId) {
        public LabVpc {
            cidrs = List.copyOf(cidrs);
            subnets = List.copyOf(subnets);
            additionalSecurityGroupIds = List.copyOf(additionalSecurityGroupIds == null ? List.of() : additionalSecurityGroupIds);
            vpnConnections = List.copyOf(vpnConnections == null ? List.of() : vpnConnections);
            routedCidrs = routedCidrs == null ? null : List.copyOf(routedCidrs);
            apiIngressCidrs = apiIngressCidrs == null ? null : List.copyOf(apiIngressCidrs);
            directConnectGateways = List.copyOf(directConnectGateways == null ? List.of() : directConnectGateways);
        }

        /** A VPC without Direct Connect or an internet gateway. */
        public LabVpc(String id, String name, List<String> cidrs, List<LabSubnet> subnets, String clusterSecurityGroupId,
                List<String> additionalSecurityGroupIds, String transitGatewayId, String vpnGatewayId,
                List<LabVpnConnection> vpnConnections, List<String> routedCidrs, List<String> apiIngressCidrs) {
            this(id, name, cidrs, subnets, clusterSecurityGroupId, additionalSecurityGroupIds, transitGatewayId, vpnGatewayId,
                    vpnConnections, routedCidrs, apiIngressCidrs, null, null);
        }

        /** A VPC without VPN connections, routing and allowing every remote CIDR. */
        public LabVpc(String id, String name, List<String> cidrs, List<LabSubnet> subnets, String clusterSecurityGroupId,
                List<String> additionalSecurityGroupIds, String transitGatewayId) {
            this(id, name, cidrs, subnets, clusterSecurityGroupId, additionalSecurityGroupIds, transitGatewayId, null, null,
                    null, null);
        }
    }

    /**
     * A site-to-site VPN connection from the VPC's gateway to a customer gateway at a site: its two tunnels' status (UP or
     * DOWN, in order) and its static routes (null: every remote node and pod CIDR). On a transit gateway the static
     * routes are that gateway's route table's routes to the VPN attachment, as AWS keeps them.
     */
    public record LabVpnConnection(String id, String customerGatewayId, String customerGatewayAddress, String site,
            List<String> tunnels, List<String> staticRoutes) {
        public LabVpnConnection {
            tunnels = List.copyOf(tunnels == null ? List.of("UP", "UP") : tunnels);
            staticRoutes = staticRoutes == null ? null : List.copyOf(staticRoutes);
        }
    }

    /**
     * A Direct Connect gateway (its id a UUID, as AWS gives them) attached to the VPC's transit gateway, serving a site:
     * the transit gateway route table has {@code routes} (propagated from the gateway's BGP) to its attachment. Its transit
     * virtual interfaces, each on a Direct Connect connection at a location, carry BGP peers whose status is up or down.
     */
    public record LabDirectConnectGateway(String id, String name, long amazonSideAsn, String site, List<String> routes,
            List<LabVirtualInterface> virtualInterfaces) {
        public LabDirectConnectGateway {
            routes = List.copyOf(routes == null ? List.of() : routes);
            virtualInterfaces = List.copyOf(virtualInterfaces == null ? List.of() : virtualInterfaces);
        }
    }

    /** A transit virtual interface: its connection, location, VLAN, the customer's ASN and its BGP peers (up or down). */
    public record LabVirtualInterface(String id, String connectionId, String location, int vlan, long asn,
            List<String> bgpPeers) {
        public LabVirtualInterface {
            bgpPeers = List.copyOf(bgpPeers == null ? List.of() : bgpPeers);
        }
    }

    public record LabSubnet(String id, String cidr, String availabilityZone, String name) {
    }

    /**
     * An access entry: its principal, type, user name and groups, and the EKS access policies associated with it (their
     * names, e.g. AmazonEKSViewPolicy, each at cluster scope).
     */
    public record LabAccessEntry(String principalArn, String type, String username, List<String> kubernetesGroups,
            List<String> accessPolicies) {
        public LabAccessEntry {
            kubernetesGroups = List.copyOf(kubernetesGroups == null ? List.of() : kubernetesGroups);
            accessPolicies = List.copyOf(accessPolicies == null ? List.of() : accessPolicies);
        }

        /** An entry with no access policy associated. */
        public LabAccessEntry(String principalArn, String type, String username, List<String> kubernetesGroups) {
            this(principalArn, type, username, kubernetesGroups, List.of());
        }
    }

    /**
     * An IAM role the cluster's hybrid nodes assume (ssm or iam-ra); for iam-ra also the name of its trust anchor,
     * whose CA certificate is given, and of its Roles Anywhere profile.
     */
    public record LabHybridRole(String name, String credentialProvider, String trustAnchor, String profile,
            String caCertificate) {
    }

    /**
     * An on-prem site: its node CIDR (inside the cluster's remote node networks), the pod CIDRs its nodes' pods use (inside
     * the remote pod networks; empty when the world does not say) and its pools.
     */
    public record LabSite(String name, String description, String nodeCidr, List<String> podCidrs, List<LabPool> pools) {
        public LabSite {
            podCidrs = List.copyOf(podCidrs == null ? List.of() : podCidrs);
            pools = List.copyOf(pools);
        }

        /** A site whose pod CIDRs the world does not name. */
        public LabSite(String name, String description, String nodeCidr, List<LabPool> pools) {
            this(name, description, nodeCidr, List.of(), pools);
        }
    }

    /**
     * A hybrid node pool: {@code nodes} hybrid nodes with the given credential provider (ssm or iam-ra), made from a
     * version of one of the cluster's profiles (null when the pool names none).
     */
    public record LabPool(String name, int nodes, String credentialProvider, String architecture, String kubeletVersion,
            String osImage, LabProfileRef profile, List<String> hosts, boolean live, boolean managed) {
        /**
         * @param hosts the lab edge hosts the pool runs on (empty: none; its nodes are synthetic, as with --lab-scale)
         * @param live  whether the running lab makes the pool's nodes on its hosts (their kubelets, through the lab's
         *              simulated nodeadm, at start: {@link LabWorld#withLiveHosts()}); false where a part of the lab runs
         *              alone (an API server or the AWS emulator without edge hosts), which shows the pool's nodes as
         *              synthetic ones
         * @param managed whether a pool of synthetic nodes (no edge hosts) was made through HybridPane all the same: the lab
         *              stores its Site and HybridNodePool (spec and Running status, members host → node, where the host is
         *              the name each synthetic node's kubelet reports as its hostname) as for a hosted pool; a hosted pool
         *              always is, the scaled pools of {@link #scaled} never are
         */
        public LabPool {
            hosts = List.copyOf(hosts == null ? List.of() : hosts);
            if (!hosts.isEmpty() && hosts.size() != nodes) {
                throw new IllegalArgumentException("pool " + name + " has " + nodes + " nodes but names " + hosts.size() + " hosts");
            }
        }

        /** A pool on these edge hosts (or none), not made through HybridPane when it has none. */
        public LabPool(String name, int nodes, String credentialProvider, String architecture, String kubeletVersion,
                String osImage, LabProfileRef profile, List<String> hosts, boolean live) {
            this(name, nodes, credentialProvider, architecture, kubeletVersion, osImage, profile, hosts, live, false);
        }

        /** A pool of synthetic nodes, on no edge host. */
        public LabPool(String name, int nodes, String credentialProvider, String architecture, String kubeletVersion,
                String osImage, LabProfileRef profile) {
            this(name, nodes, credentialProvider, architecture, kubeletVersion, osImage, profile, List.of(), false);
        }

        /** Whether the lab stores this pool of synthetic nodes as a HybridNodePool (see {@code managed}). */
        public boolean managedSynthetic() {
            return managed && !hosted() && profile != null;
        }

        /** Whether the running lab makes this pool's nodes on its edge hosts (else they are synthetic Node objects). */
        public boolean hosted() {
            return live && !hosts.isEmpty();
        }
    }

    /** Which profile version a pool was made from: the name of a ClusterProfile of its cluster and a version number. */
    public record LabProfileRef(String name, int version) {
    }
}
