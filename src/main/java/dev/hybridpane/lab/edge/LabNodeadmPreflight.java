package dev.hybridpane.lab.edge;

import dev.hybridpane.lab.edge.NodeadmBackend.PodOnNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The preflights {@code nodeadm upgrade} and {@code nodeadm uninstall} run while the kubelet is running (nodeadm-day2.md
 * §1.7, §1.8): unless {@code --skip pod-validation}, no pod may be bound to the node but DaemonSet pods and static
 * (mirror) pods; unless {@code --skip node-validation}, the Node must be unschedulable (cordoned), a missing Node
 * counting as drained. Each refusal is nodeadm's own error, logged as "Command failed" with exit 1.
 */
final class LabNodeadmPreflight {
    static final String PODS = "only static pods and pods controlled by daemon-sets can be running on the node. Please move "
            + "pods to different node or use --skip pod-validation";
    static final String SCHEDULABLE = "please drain or cordon node to mark it unschedulable or use --skip node-validation: "
            + "node is schedulable";

    private LabNodeadmPreflight() {
    }

    static void check(LabHost host, LabNodeadmLog log, List<String> skip, String caller) throws LabNodeadmLog.Failure, IOException {
        if (!host.state().unit("kubelet").active() || host.backend() == null) {
            return;
        }
        String[] id = LabNodeadmInit.providerId(host);
        if (id == null) {
            return;
        }
        if (!skip.contains("pod-validation")) {
            log.info(caller, "Validating if pods have been drained...");
            List<PodOnNode> pods = host.backend().podsOnNode(id[0], id[1], id[2]);
            boolean others = pods.stream().anyMatch(p -> !p.mirror() && !p.controllerKind().equals("DaemonSet")
                    && !p.controllerKind().equals("Node"));
            if (others) {
                throw new LabNodeadmLog.Failure(PODS);
            }
        }
        if (!skip.contains("node-validation")) {
            log.info(caller, "Validating if node has been marked unschedulable...");
            Optional<Boolean> unschedulable = host.backend().nodeUnschedulable(id[0], id[1], id[2]);
            if (unschedulable.isPresent() && !unschedulable.get()) {
                throw new LabNodeadmLog.Failure(SCHEDULABLE);
            }
        }
    }
}
