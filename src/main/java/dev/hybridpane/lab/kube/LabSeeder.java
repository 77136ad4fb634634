package dev.hybridpane.lab.kube;

import dev.hybridpane.lab.world.LabWorld.LabCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Fills a lab API server from its world cluster: namespaces, HybridPane's import footprint and the world's
 * ClusterProfiles (clusters with hybrid nodes only), EC2 and hybrid nodes, kube-system workloads (with Cilium's IPAM
 * objects where the CNI is Cilium: {@link LabCiliumIpam}) and node events, built as JSON trees. Writes straight into the CRUD store (no HTTP round trips), so 5,000 nodes seed in about a second.
 */
final class LabSeeder {
    static final String NODES = "/api/v1/nodes";
    /** Above this many hybrid nodes only the first ones get seeded lifecycle events (a real cluster keeps 1 h of events). */
    static final int MAX_NODES_WITH_EVENTS = 500;

    private final Clock clock;
    private final LabEventFactory events = new LabEventFactory();

    LabSeeder(Clock clock) {
        this.clock = clock;
    }

    void seed(LabApiServer server) {
        LabCluster c = server.cluster();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant clusterCreated = now.minus(Duration.ofDays(41));
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            ObjectNode n = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
            n.putObject("metadata").put("name", ns).putObject("labels").put("kubernetes.io/metadata.name", ns);
            n.putObject("status").put("phase", "Active");
            server.store("/api/v1/namespaces", n, clusterCreated);
        }
        if (c.hybridNodeCount() > 0) {
            // a cluster with hybrid nodes was imported into HybridPane when they were added: its footprint is there
            Instant imported = clusterCreated.plus(Duration.ofDays(29));
            LabImportedFootprint.apply(server, imported);
            seedProfiles(server, c, imported.plus(Duration.ofHours(2)));
        }
        LabWorkloadFactory workloads = new LabWorkloadFactory(c);
        for (ObjectNode ds : workloads.daemonSets()) {
            server.store("/apis/apps/v1/namespaces/kube-system/daemonsets", ds, clusterCreated);
        }
        for (ObjectNode d : workloads.deployments()) {
            server.store("/apis/apps/v1/namespaces/kube-system/deployments", d, clusterCreated);
        }
        if (server.cilium() != null) {
            // Cilium's CRD and config came with its install; each node's CiliumNode comes as the node registers
            server.cilium().install(clusterCreated);
        }
        Instant nodesCreated = now.minus(Duration.ofDays(12));
        for (ObjectNode n : new LabNodeFactory(c, nodesCreated).cloudNodes()) {
            server.store(NODES, n, nodesCreated);
        }
        Instant hybridCreated = now.minus(Duration.ofMinutes(50));
        List<ObjectNode> hybrid = new LabNodeFactory(c, hybridCreated).hybridNodes();
        for (int i = 0; i < hybrid.size(); i++) {
            ObjectNode n = hybrid.get(i);
            server.store(NODES, n, hybridCreated);
            if (i < MAX_NODES_WITH_EVENTS) {
                seedEvents(server, n, i, hybridCreated);
            }
        }
        LabSyntheticPools.store(server, c, new LabNodeFactory(c, hybridCreated), hybridCreated.plusSeconds(60));
    }

    /**
     * The cluster's ClusterProfiles from the world, stored in their namespace as the CRD (from the import manifest)
     * would admit them: each is checked against the CRD's schema first, and a seed that a real server would refuse
     * (or prune) stops the lab rather than sit in the store unchecked.
     */
    static void seedProfiles(LabApiServer server, LabCluster c, Instant created) {
        List<ObjectNode> profiles = c.profileObjects();
        if (profiles.isEmpty()) {
            return;
        }
        JsonNode schema = profileSchema();
        for (ObjectNode p : profiles) {
            LabSchemaCheck.Result r = LabSchemaCheck.check(p, schema);
            String name = p.path("metadata").path("name").asText();
            if (!r.errors().isEmpty() || !r.pruned().isEmpty()) {
                throw new IllegalStateException("the lab world's ClusterProfile " + name + " of " + c.name()
                        + " does not fit the CRD's schema: " + r.errors() + (r.pruned().isEmpty() ? "" : " unknown " + r.pruned()));
            }
            String ns = p.path("metadata").path("namespace").asText("");
            server.store(PROFILES_GROUP_VERSION + "/namespaces/" + (ns.isEmpty() ? "default" : ns) + "/clusterprofiles", p, created);
        }
    }

    static final String PROFILES_GROUP_VERSION = "/apis/hybridpane.dev/v1alpha1";

    private static volatile JsonNode profileSchema;

    /** The openAPIV3Schema of clusterprofiles.hybridpane.dev v1alpha1, from the import manifest (found once per JVM; read only). */
    static JsonNode profileSchema() {
        JsonNode found = profileSchema;
        if (found == null) {
            found = findProfileSchema();
            profileSchema = found;
        }
        return found;
    }

    private static JsonNode findProfileSchema() {
        return crdSchema("clusterprofiles.hybridpane.dev");
    }

    /** The openAPIV3Schema of v1alpha1 of this CRD of the import manifest. */
    static JsonNode crdSchema(String crd) {
        for (ObjectNode o : LabImportedFootprint.objects()) {
            if ("CustomResourceDefinition".equals(o.path("kind").asText())
                    && crd.equals(o.path("metadata").path("name").asText())) {
                for (JsonNode v : o.path("spec").path("versions")) {
                    if ("v1alpha1".equals(v.path("name").asText())) {
                        return v.path("schema").path("openAPIV3Schema");
                    }
                }
            }
        }
        throw new IllegalStateException("the import manifest has no " + crd + " v1alpha1 schema");
    }

    private void seedEvents(LabApiServer server, ObjectNode n, int index, Instant created) {
        String path = "/api/v1/namespaces/" + LabEventFactory.NS + "/events";
        String name = LabDispatcher.name(n);
        server.store(path, events.kubelet(n, "Normal", "Starting", "Starting kubelet.", created), created);
        server.store(path, events.controller(n, "Normal", "RegisteredNode",
                "Node " + name + " event: Registered Node " + name + " in Controller", created.plusSeconds(9)), created);
        if (index % 4 == 0) {
            // before the CNI ran, the node was not ready for a while
            server.store(path, events.controller(n, "Warning", "NodeNotReady",
                    LabEventFactory.statusMessage(name, "NodeNotReady"), created.plusSeconds(20)), created);
        }
        server.store(path, events.kubelet(n, "Normal", "NodeReady", LabEventFactory.statusMessage(name, "NodeReady"),
                created.plusSeconds(47)), created);
        if (index % 3 == 1) {
            server.store(path, events.kubelet(n, "Warning", "FreeDiskSpaceFailed",
                    "Failed to garbage collect required amount of images. Attempted to free 4215382425 bytes, but only found 0 bytes eligible to free.",
                    created.plusSeconds(1800)), created);
        }
    }
}
