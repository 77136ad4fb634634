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

    /**
     * The host presents another key than the trusted one: refused (possible man-in-the-middle), always; the administrator
     * removes the old key (from {@code knownHosts}, where it is kept) only after checking the new one on the host.
     */
    record HostKeyChanged(String hostPort, String keyType, String oldFingerprint, String newFingerprint, String knownHosts)
            implements Failure {
        public HostKeyChanged(String hostPort, String keyType, String oldFingerprint, String newFingerprint) {
            this(hostPort, keyType, oldFingerprint, newFingerprint, "HybridPane's known_hosts");
        }

        @Override
        public String reason() {
            return "Host key changed, connection refused. Trusted " + oldFingerprint + ", presented " + newFingerprint
                    + ". If " + hostPort + " was reinstalled, check the new key on its console, remove its line ("
                    + pattern(hostPort) + ") from " + knownHosts + " (ssh-keygen -R '" + pattern(hostPort) + "' -f "
                    + knownHosts + ") and reconnect.";
        }

        /** "[host]:port", as known_hosts names a host on another port than 22; "host" on 22. */
        static String pattern(String hostPort) {
            int i = hostPort.lastIndexOf(':');
            if (i < 0) {
                return hostPort;
            }
            String port = hostPort.substring(i + 1);
            return "22".equals(port) ? hostPort.substring(0, i) : "[" + hostPort.substring(0, i) + "]:" + port;
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
