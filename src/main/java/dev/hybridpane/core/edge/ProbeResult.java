package dev.hybridpane.core.edge;

import dev.hybridpane.domain.edge.HostFacts;

/** What probing one host over SSH gave. */
public sealed interface ProbeResult {

    /** Reached: the facts. */
    record Reached(HostFacts facts) implements ProbeResult {
    }

    /** Not reached, with a sentence the administrator can act on. */
    sealed interface Failure extends ProbeResult {
        String reason();
    }

    /** First contact: the administrator must accept this key before anything runs on the host. */
    record UnknownHostKey(KnownHost offered) implements Failure {
        @Override
        public String reason() {
            return "Host key not trusted yet: " + offered.keyType() + " " + offered.fingerprint();
        }
    }

    /** The host presents another key than the trusted one: refused (possible man-in-the-middle). */
    record HostKeyChanged(String hostPort, String keyType, String oldFingerprint, String newFingerprint) implements Failure {
        @Override
        public String reason() {
            return "Host key changed, connection refused. Trusted " + oldFingerprint + ", presented " + newFingerprint
                    + ". If the host was reinstalled, remove its old key and reconnect.";
        }
    }

    record AuthFailed(String reason) implements Failure {
    }

    /** The key file cannot be used; {@code passphraseNeeded} when it is encrypted and no passphrase was given. */
    record KeyProblem(String reason, boolean passphraseNeeded) implements Failure {
    }

    record Unreachable(String reason) implements Failure {
    }

    record TimedOut(String reason) implements Failure {
    }

    record Cancelled() implements Failure {
        @Override
        public String reason() {
            return "Cancelled.";
        }
    }
}
