package dev.hybridpane.lab.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabDirectConnectGateway;
import dev.hybridpane.lab.world.LabWorld.LabHybridRole;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabProfileRef;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import dev.hybridpane.lab.world.LabWorld.LabVirtualInterface;
import dev.hybridpane.lab.world.LabWorld.LabVpc;
import dev.hybridpane.lab.world.LabWorld.LabVpnConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the world's records from world.yaml's tree. Jackson's binding of the nine record types made their
 * deserializers first, ~60 ms of CPU on the way to the console's first view (the world is read before the lab and
 * the console's composition can go on); walking the tree takes a few. A key the records do not have, or a value of
 * the wrong type, fails with where it is, so a typo in the world file cannot pass silently; a missing key gives null,
 * 0 or false, as binding did. One way it is stricter than binding: a text field must hold YAML text. The tree keeps
 * what YAML made of an unquoted scalar, not what was written ({@code 1.30} becomes 1.3, {@code yes} true), so such a
 * value is refused with a hint to quote it rather than read changed; likewise a number or a boolean must be unquoted.
 */
final class WorldReader {
    private WorldReader() {
    }

    static LabWorld world(JsonNode root) {
        Obj w = new Obj(root, "world", "accountId", "userName", "regions", "clusters");
        LabWorld world = new LabWorld(w.text("accountId"), w.text("userName"), w.texts("regions"),
                w.objects("clusters", WorldReader::cluster));
        // the lab serves one API server per Region and name, whichever account the cluster is in
        Set<String> seen = new HashSet<>();
        for (LabCluster c : world.clusters()) {
            if (!seen.add(c.region() + "/" + c.name())) {
                throw new IllegalArgumentException("world.clusters: two clusters named " + c.name() + " in " + c.region()
                        + " (the lab needs each Region's cluster names to differ, across accounts too)");
            }
        }
        return world;
    }

    private static LabCluster cluster(Obj c) {
        c.allow("name", "region", "version", "platformVersion", "status", "authenticationMode", "ipFamily",
                "endpointPublic", "endpointPrivate", "serviceCidr", "remoteNodeCidrs", "remotePodCidrs", "vpc",
                "accessEntries", "addons", "cni", "cloudNodes", "nodeKubeletVersion", "sites", "tags", "hybridRoles", "profiles", "account");
        Obj vpc = c.object("vpc");
        String account = c.text("account");
        if (account != null && !account.matches("\\d{12}")) {
            throw new IllegalArgumentException(c.where() + ".account: an AWS account id is 12 digits, not " + account);
        }
        return new LabCluster(c.text("name"), c.text("region"), c.text("version"), c.text("platformVersion"),
                c.text("status"), c.text("authenticationMode"), c.text("ipFamily"), c.bool("endpointPublic"),
                c.bool("endpointPrivate"), c.text("serviceCidr"), c.texts("remoteNodeCidrs"), c.texts("remotePodCidrs"),
                vpc == null ? null : vpc(vpc), c.objects("accessEntries", WorldReader::accessEntry), c.texts("addons"),
                c.text("cni"), c.integer("cloudNodes"), c.text("nodeKubeletVersion"), c.objects("sites", WorldReader::site),
                c.textMap("tags"), c.objects("hybridRoles", WorldReader::hybridRole), c.objects("profiles", WorldReader::profile),
                account);
    }

    private static LabVpc vpc(Obj v) {
        v.allow("id", "name", "cidrs", "subnets", "clusterSecurityGroupId", "additionalSecurityGroupIds", "transitGatewayId",
                "vpnGatewayId", "vpnConnections", "routedCidrs", "apiIngressCidrs", "directConnectGateways",
                "internetGatewayId");
        LabVpc vpc = new LabVpc(v.text("id"), v.text("name"), v.texts("cidrs"), v.objects("subnets", WorldReader::subnet),
                v.text("clusterSecurityGroupId"), v.texts("additionalSecurityGroupIds"), v.text("transitGatewayId"),
                v.text("vpnGatewayId"), v.objects("vpnConnections", WorldReader::vpnConnection), v.texts("routedCidrs"),
                v.texts("apiIngressCidrs"), v.objects("directConnectGateways", WorldReader::directConnectGateway),
                v.text("internetGatewayId"));
        if (!vpc.vpnConnections().isEmpty() && (vpc.transitGatewayId() == null) == (vpc.vpnGatewayId() == null)) {
            throw new IllegalArgumentException(v.where() + ": VPN connections need either a transitGatewayId or a vpnGatewayId");
        }
        if (!vpc.directConnectGateways().isEmpty() && vpc.transitGatewayId() == null) {
            throw new IllegalArgumentException(v.where() + ": Direct Connect gateways attach to a transitGatewayId");
        }
        return vpc;
    }

    private static LabDirectConnectGateway directConnectGateway(Obj d) {
        d.allow("id", "name", "amazonSideAsn", "site", "routes", "virtualInterfaces");
        LabDirectConnectGateway g = new LabDirectConnectGateway(d.text("id"), d.text("name"), d.integer("amazonSideAsn"),
                d.text("site"), d.texts("routes"), d.objects("virtualInterfaces", WorldReader::virtualInterface));
        for (LabVirtualInterface vif : g.virtualInterfaces()) {
            if (vif.bgpPeers().isEmpty() || !vif.bgpPeers().stream().allMatch(p -> p.equals("up") || p.equals("down"))) {
                throw new IllegalArgumentException(d.where() + ".virtualInterfaces: bgpPeers must be up or down, found "
                        + vif.bgpPeers());
            }
        }
        return g;
    }

    private static LabVirtualInterface virtualInterface(Obj v) {
        v.allow("id", "connectionId", "location", "vlan", "asn", "bgpPeers");
        return new LabVirtualInterface(v.text("id"), v.text("connectionId"), v.text("location"), v.integer("vlan"),
                v.integer("asn"), v.texts("bgpPeers"));
    }

    private static LabVpnConnection vpnConnection(Obj c) {
        c.allow("id", "customerGatewayId", "customerGatewayAddress", "site", "tunnels", "staticRoutes");
        LabVpnConnection vpn = new LabVpnConnection(c.text("id"), c.text("customerGatewayId"), c.text("customerGatewayAddress"),
                c.text("site"), c.texts("tunnels"), c.texts("staticRoutes"));
        if (vpn.tunnels().size() != 2 || !vpn.tunnels().stream().allMatch(t -> t.equals("UP") || t.equals("DOWN"))) {
            throw new IllegalArgumentException(c.where() + ".tunnels: expected two of UP or DOWN, found " + vpn.tunnels());
        }
        return vpn;
    }

    private static LabSubnet subnet(Obj s) {
        s.allow("id", "cidr", "availabilityZone", "name");
        return new LabSubnet(s.text("id"), s.text("cidr"), s.text("availabilityZone"), s.text("name"));
    }

    private static LabAccessEntry accessEntry(Obj e) {
        e.allow("principalArn", "type", "username", "kubernetesGroups", "accessPolicies");
        return new LabAccessEntry(e.text("principalArn"), e.text("type"), e.text("username"), e.texts("kubernetesGroups"),
                e.texts("accessPolicies"));
    }

    private static LabHybridRole hybridRole(Obj r) {
        r.allow("name", "credentialProvider", "trustAnchor", "profile", "caCertificate");
        return new LabHybridRole(r.text("name"), r.text("credentialProvider"), r.text("trustAnchor"), r.text("profile"),
                r.text("caCertificate"));
    }

    private static LabSite site(Obj s) {
        s.allow("name", "description", "nodeCidr", "podCidrs", "pools");
        return new LabSite(s.text("name"), s.text("description"), s.text("nodeCidr"), s.texts("podCidrs"),
                s.objects("pools", WorldReader::pool));
    }

    private static LabPool pool(Obj p) {
        p.allow("name", "nodes", "credentialProvider", "architecture", "kubeletVersion", "osImage", "profile", "hosts",
                "managed");
        Obj ref = p.object("profile");
        LabProfileRef profile = null;
        if (ref != null) {
            ref.allow("name", "version");
            profile = new LabProfileRef(ref.text("name"), ref.integer("version"));
        }
        return new LabPool(p.text("name"), p.integer("nodes"), p.text("credentialProvider"), p.text("architecture"),
                p.text("kubeletVersion"), p.text("osImage"), profile, p.texts("hosts"), false, p.bool("managed"));
    }

    /**
     * A ClusterProfile object, kept as the tree it is (the stored shape; the API server checks its spec against the
     * CRD's schema when it is seeded). Its envelope is checked here: apiVersion, kind and a name.
     */
    private static ObjectNode profile(Obj o) {
        o.allow("apiVersion", "kind", "metadata", "spec");
        if (!"hybridpane.dev/v1alpha1".equals(o.text("apiVersion")) || !"ClusterProfile".equals(o.text("kind"))) {
            throw new IllegalArgumentException(o.where() + ": expected apiVersion hybridpane.dev/v1alpha1 and kind ClusterProfile");
        }
        Obj metadata = o.object("metadata");
        if (metadata == null || metadata.text("name") == null || metadata.text("name").isEmpty()) {
            throw new IllegalArgumentException(o.where() + ".metadata.name: missing");
        }
        metadata.allow("name", "namespace", "labels");
        if (o.object("spec") == null) {
            throw new IllegalArgumentException(o.where() + ".spec: missing");
        }
        return ((ObjectNode) o.node()).deepCopy();
    }

    /** One mapping of the file, named by its path in it ("world.clusters[0].vpc") for error messages. */
    private record Obj(JsonNode node, String where) {
        Obj {
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + ": expected a mapping, found " + node.getNodeType());
            }
        }

        Obj(JsonNode node, String where, String... keys) {
            this(node, where);
            allow(keys);
        }

        void allow(String... keys) {
            Set<String> known = Set.of(keys);
            for (var field : node.properties()) {
                if (!known.contains(field.getKey())) {
                    throw new IllegalArgumentException(where + ": unknown key \"" + field.getKey() + "\"");
                }
            }
        }

        /** The value under key, or null when the key is missing or null. */
        private JsonNode value(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private IllegalArgumentException wrong(String key, String expected, JsonNode v) {
            return new IllegalArgumentException(where + "." + key + ": expected " + expected + ", found " + v.getNodeType());
        }

        String text(String key) {
            JsonNode v = value(key);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                throw wrong(key, "text (quote it)", v);
            }
            return v.textValue();
        }

        boolean bool(String key) {
            JsonNode v = value(key);
            if (v != null && !v.isBoolean()) {
                throw wrong(key, "true or false", v);
            }
            return v != null && v.booleanValue();
        }

        int integer(String key) {
            JsonNode v = value(key);
            if (v != null && !v.canConvertToInt()) {
                throw wrong(key, "a whole number", v);
            }
            return v == null ? 0 : v.intValue();
        }

        Obj object(String key) {
            JsonNode v = value(key);
            return v == null ? null : new Obj(v, where + "." + key);
        }

        /** The list under key, or null when the key is missing or null. */
        private JsonNode list(String key) {
            JsonNode v = value(key);
            if (v != null && !v.isArray()) {
                throw wrong(key, "a list", v);
            }
            return v;
        }

        List<String> texts(String key) {
            JsonNode v = list(key);
            if (v == null) {
                return null;
            }
            List<String> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()) {
                    throw wrong(key + "[" + i + "]", "text (quote it)", item);
                }
                out.add(item.textValue());
            }
            return out;
        }

        <T> List<T> objects(String key, Function<Obj, T> read) {
            JsonNode v = list(key);
            if (v == null) {
                return null;
            }
            List<T> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(read.apply(new Obj(v.get(i), where + "." + key + "[" + i + "]")));
            }
            return out;
        }

        Map<String, String> textMap(String key) {
            Obj m = object(key);
            if (m == null) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (var field : m.node.properties()) {
                out.put(field.getKey(), m.text(field.getKey()));
            }
            return out;
        }
    }
}
