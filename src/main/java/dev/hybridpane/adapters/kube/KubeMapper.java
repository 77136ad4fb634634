package dev.hybridpane.adapters.kube;

import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.NodeLabels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Maps fabric8 model objects to the console's domain records. Pure; null-tolerant. */
final class KubeMapper {
    private KubeMapper() {
    }

    static ClusterNode node(Node n) {
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        NodeCondition ready = null;
        String internalIp = "";
        NodeSystemInfo info = null;
        if (n.getStatus() != null) {
            ready = condition(n.getStatus().getConditions(), "Ready");
            internalIp = address(n.getStatus().getAddresses(), "InternalIP");
            info = n.getStatus().getNodeInfo();
        }
        boolean unschedulable = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
        return new ClusterNode(
                n.getMetadata().getName(),
                ComputeType.fromLabel(labels.get(NodeLabels.COMPUTE_TYPE)),
                ready != null && "True".equals(ready.getStatus()),
                ready == null ? "" : nz(ready.getReason()),
                ready == null ? "" : nz(ready.getMessage()),
                ready == null ? null : instant(ready.getLastTransitionTime()),
                labels.getOrDefault(NodeLabels.POOL, ""),
                labels.getOrDefault(NodeLabels.SITE, ""),
                labels.getOrDefault(NodeLabels.CREDENTIAL_PROVIDER, ""),
                n.getSpec() == null ? "" : nz(n.getSpec().getProviderID()),
                info == null ? "" : nz(info.getKubeletVersion()),
                internalIp,
                info == null ? "" : nz(info.getOsImage()),
                info != null && info.getArchitecture() != null ? info.getArchitecture() : labels.getOrDefault(NodeLabels.ARCH, ""),
                unschedulable);
    }

    static boolean aboutNodeOrPool(Event e) {
        return e.getInvolvedObject() != null && ("Node".equals(e.getInvolvedObject().getKind())
                || "HybridNodePool".equals(e.getInvolvedObject().getKind()));
    }

    static ClusterEvent event(Event e) {
        Instant lastSeen = instant(e.getLastTimestamp());
        if (lastSeen == null && e.getEventTime() != null) {
            lastSeen = instant(e.getEventTime().getTime());
        }
        if (lastSeen == null) {
            lastSeen = instant(e.getFirstTimestamp());
        }
        if (lastSeen == null) {
            lastSeen = instant(e.getMetadata().getCreationTimestamp());
        }
        String source = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                : nz(e.getReportingComponent());
        return new ClusterEvent(
                e.getMetadata().getUid() != null ? e.getMetadata().getUid() : e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(),
                e.getInvolvedObject() == null ? "" : nz(e.getInvolvedObject().getKind()),
                e.getInvolvedObject() == null ? "" : nz(e.getInvolvedObject().getName()),
                e.getType() == null ? "Normal" : e.getType(),
                nz(e.getReason()),
                nz(e.getMessage()),
                lastSeen,
                e.getCount() == null ? 1 : e.getCount(),
                source);
    }

    private static NodeCondition condition(List<NodeCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static String address(List<NodeAddress> addresses, String type) {
        if (addresses == null) {
            return "";
        }
        return addresses.stream().filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse("");
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
