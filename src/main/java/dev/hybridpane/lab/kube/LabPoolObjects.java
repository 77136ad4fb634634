package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The hybridpane.dev objects of the lab's seeded pools, stored as the console stores them (hybridpane-system): the
 * Sites and EdgeHosts that {@code hosts import} writes, each HybridNodePool (its spec checked against the CRD's schema
 * from the import manifest, as the API server would on create) with its status as a pool operation leaves it (phase,
 * ready "n/m", nodes {ready, total}, members {host, node}), and the pool's NodeJoined Events. Written straight into the
 * store, like the rest of the seed.
 */
public final class LabPoolObjects {
    public static final String NAMESPACE = "hybridpane-system";
    static final String BASE = LabSeeder.PROFILES_GROUP_VERSION + "/namespaces/" + NAMESPACE;
    static final String SITES = BASE + "/sites";
    static final String HOSTS = BASE + "/edgehosts";
    static final String POOLS = BASE + "/hybridnodepools";
    static final String EVENTS = "/api/v1/namespaces/" + NAMESPACE + "/events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode poolSchema;

    private LabPoolObjects() {
    }

    /** One member of a pool: the host and the node its kubelet registered. */
    public record Member(String host, String node) {
    }

    /** A new hybridpane.dev object of this kind in hybridpane-system, labelled as HybridPane's. */
    public static ObjectNode object(String kind, String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "hybridpane.dev/v1alpha1").put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", NAMESPACE).putObject("labels")
                .put("app.kubernetes.io/managed-by", "hybridpane");
        return o;
    }

    /** Stores Sites and EdgeHosts (spec and status) as written by an import. */
    public static void storeInventory(LabApiServer server, List<ObjectNode> sites, List<ObjectNode> hosts, Instant at) {
        sites.forEach(s -> server.store(SITES, s, at));
        hosts.forEach(h -> server.store(HOSTS, h, at));
    }

    /**
     * Stores a pool (its spec checked against the CRD's schema) with the status a finished create leaves: Running when
     * every member's Node is Ready now, else Provisioning; and one NodeJoined Event per member, on the pool.
     *
     * @throws IllegalStateException when the spec does not fit the CRD's schema (a lab world a real server would refuse)
     */
    public static void storePool(LabApiServer server, ObjectNode pool, List<Member> members, Instant at) {
        String name = pool.path("metadata").path("name").asText();
        LabSchemaCheck.Result r = LabSchemaCheck.check(pool, poolSchema());
        if (!r.errors().isEmpty() || !r.pruned().isEmpty()) {
            throw new IllegalStateException("the lab's seeded HybridNodePool " + name + " does not fit the CRD's schema: "
                    + r.errors() + (r.pruned().isEmpty() ? "" : " unknown " + r.pruned()));
        }
        int ready = 0;
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Member m : members) {
            ObjectNode node = server.node(m.node());
            if (node != null && readyNow(node)) {
                ready++;
            }
            list.addObject().put("host", m.host()).put("node", m.node());
        }
        int total = members.size();
        ObjectNode status = pool.putObject("status");
        status.put("phase", ready == total ? "Running" : "Provisioning").put("ready", ready + "/" + total);
        status.putObject("nodes").put("ready", ready).put("total", total);
        status.set("members", list);
        server.store(POOLS, pool, at);
        ObjectNode stored = (ObjectNode) storedPool(server, name);
        String uid = stored == null ? "" : stored.path("metadata").path("uid").asText("");
        int i = 0;
        for (Member m : members) {
            ObjectNode e = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Event");
            e.putObject("metadata").put("name", name + "." + Long.toHexString(at.toEpochMilli()) + String.format("%03x", i++))
                    .put("namespace", NAMESPACE);
            ObjectNode involved = e.putObject("involvedObject").put("apiVersion", "hybridpane.dev/v1alpha1")
                    .put("kind", "HybridNodePool").put("name", name).put("namespace", NAMESPACE);
            if (!uid.isEmpty()) {
                involved.put("uid", uid);
            }
            e.put("type", "Normal").put("reason", "NodeJoined")
                    .put("message", "Host " + m.host() + " joined the cluster as node " + m.node() + ".").put("count", 1)
                    .put("firstTimestamp", at.toString()).put("lastTimestamp", at.toString());
            e.putObject("source").put("component", "hybridpane");
            server.store(EVENTS, e, at);
        }
    }

    /** Sets an EdgeHost's spec.port (its SSH server took another port than the one reserved). */
    public static void setPort(LabApiServer server, String host, int port) {
        JsonNode h = stored(server, HOSTS + "/" + host);
        if (h instanceof ObjectNode o && o.path("spec").path("port").asInt() != port) {
            o.withObject("spec").put("port", port);
            server.dispatcher().replaceStored(HOSTS, o);
        }
    }

    private static JsonNode storedPool(LabApiServer server, String name) {
        return stored(server, POOLS + "/" + name);
    }

    private static JsonNode stored(LabApiServer server, String path) {
        String json = server.dispatcher().getStored(path);
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean readyNow(JsonNode node) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** The openAPIV3Schema of hybridnodepools.hybridpane.dev v1alpha1, from the import manifest (found once per JVM). */
    static JsonNode poolSchema() {
        JsonNode found = poolSchema;
        if (found == null) {
            found = LabSeeder.crdSchema("hybridnodepools.hybridpane.dev");
            poolSchema = found;
        }
        return found;
    }
}
