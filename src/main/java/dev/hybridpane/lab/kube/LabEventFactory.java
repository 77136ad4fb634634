package dev.hybridpane.lab.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** core/v1 Events about nodes, shaped like the ones kubelet and the node lifecycle controller record. */
final class LabEventFactory {
    static final String NS = "default";

    private final AtomicLong sequence = new AtomicLong(0x17f3a2b4c5d6e7L);

    Event kubelet(Node node, String type, String reason, String message, Instant at) {
        return event(node, type, reason, message, at, "kubelet", node.getMetadata().getName());
    }

    Event controller(Node node, String type, String reason, String message, Instant at) {
        return event(node, type, reason, message, at, "node-controller", null);
    }

    Event event(Node node, String type, String reason, String message, Instant at, String component, String host) {
        String name = node.getMetadata().getName();
        String t = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata().withName(name + "." + Long.toHexString(sequence.incrementAndGet())).withNamespace(NS).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Node").withName(name)
                .withUid(node.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component).withReportingInstance(host == null ? "" : host)
                .withFirstTimestamp(t).withLastTimestamp(t).withCount(1)
                .build();
    }

    static String statusMessage(String node, String status) {
        return "Node " + node + " status is now: " + status;
    }
}
