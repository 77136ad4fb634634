package dev.hybridpane.core.edge;

import java.util.Optional;

/** HybridPane's own known_hosts: trusted public host keys, written atomically. Never private keys. */
public interface KnownHostsStore {
    Optional<KnownHost> find(String hostPort);

    /** Trusts this key for its host (replacing any earlier key: only after the administrator decided so). */
    void trust(KnownHost host);

    void forget(String hostPort);

    /** Where the trusted keys are kept, as an administrator would look for them (a file's path). */
    default String location() {
        return "HybridPane's known_hosts";
    }
}
