package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** core/v1 Events about nodes, shaped like the ones kubelet and the node lifecycle controller record (JSON trees). */
final class LabEventFactory {
    static final String NS = "default";

    private final AtomicLong sequence = new AtomicLong(0x17f3a2b4c5d6e7L);

    /** @param node a stored node (its uid is the event's involved object's) */
    ObjectNode kubelet(ObjectNode node, String type, String reason, String message, Instant at) {
        return event(node, type, reason, message, at, "kubelet", LabDispatcher.name(node));
    }

    ObjectNode controller(ObjectNode node, String type, String reason, String message, Instant at) {
        return event(node, type, reason, message, at, "node-controller", null);
    }

    ObjectNode event(ObjectNode node, String type, String reason, String message, Instant at, String component, String host) {
        String name = LabDispatcher.name(node);
        String t = at.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode e = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Event");
        e.put("count", 1).put("firstTimestamp", t);
        ObjectNode involved = e.putObject("involvedObject").put("apiVersion", "v1").put("kind", "Node").put("name", name);
        if (node.path("metadata").hasNonNull("uid")) {
            involved.put("uid", node.path("metadata").path("uid").asText());
        }
        e.put("lastTimestamp", t).put("message", message);
        e.putObject("metadata").put("name", name + "." + Long.toHexString(sequence.incrementAndGet())).put("namespace", NS);
        e.put("reason", reason).put("reportingComponent", component).put("reportingInstance", host == null ? "" : host);
        ObjectNode source = e.putObject("source").put("component", component);
        if (host != null) {
            source.put("host", host);
        }
        e.put("type", type);
        return e;
    }

    static String statusMessage(String node, String status) {
        return "Node " + node + " status is now: " + status;
    }
}
