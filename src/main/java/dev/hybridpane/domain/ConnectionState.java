package dev.hybridpane.domain;

import java.time.Instant;

/** The console's connection to one cluster's Kubernetes API. */
public sealed interface ConnectionState {
    record Connecting(String detail) implements ConnectionState {
    }

    record Connected(Instant since) implements ConnectionState {
    }

    /** kind is a short machine-friendly class (e.g. UNAUTHORIZED); reason is the sentence for the user. */
    record Failed(FailureKind kind, String reason) implements ConnectionState {
    }

    enum FailureKind {
        NO_CREDENTIALS, EXPIRED_CREDENTIALS, ACCESS_DENIED, UNAUTHORIZED, FORBIDDEN, UNREACHABLE, NOT_FOUND, OTHER
    }

    default String label() {
        if (this instanceof Connecting) {
            return "Connecting";
        }
        if (this instanceof Connected) {
            return "Connected";
        }
        return "Failed";
    }
}
