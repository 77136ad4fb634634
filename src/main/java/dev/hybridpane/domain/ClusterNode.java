package dev.hybridpane.domain;

import java.time.Instant;

/** A Kubernetes node as the console shows it. {@code pool} and {@code site} are empty strings when unlabelled. */
public record ClusterNode(
        String name,
        ComputeType computeType,
        boolean ready,
        String readyReason,
        String readyMessage,
        Instant readySince,
        String pool,
        String site,
        String credentialProvider,
        String providerId,
        String kubeletVersion,
        String internalIp,
        String osImage,
        String architecture,
        boolean unschedulable) {

    public boolean hybrid() {
        return computeType == ComputeType.HYBRID;
    }
}
