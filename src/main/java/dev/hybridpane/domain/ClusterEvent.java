package dev.hybridpane.domain;

import java.time.Instant;

/** A Kubernetes event about an object (mostly nodes). {@code type} is Normal or Warning. */
public record ClusterEvent(
        String uid,
        String involvedKind,
        String involvedName,
        String type,
        String reason,
        String message,
        Instant lastSeen,
        int count,
        String source) {

    public boolean warning() {
        return "Warning".equalsIgnoreCase(type);
    }
}
