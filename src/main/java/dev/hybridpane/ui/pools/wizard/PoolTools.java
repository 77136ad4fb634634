package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolStoreException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.Function;

/**
 * What pool creation runs on, given by the composition root (as {@code app.cli.PoolEnvironment} assembles it for the
 * CLI): the use case per AWS profile, the cluster's pool objects, and where an operation keeps its journal and lock.
 *
 * @param services   the pool use case for an AWS profile name (opening it is blocking: call it off the FX thread)
 * @param store      the HybridNodePool objects of a cluster
 * @param operations opens a cluster's journal store and lock (ConfigMaps and Leases in hybridpane-system)
 * @param authority  reads an IAM Roles Anywhere CA's private key into memory, for an iam-ra pool's host certificates
 */
public record PoolTools(Function<String, PoolService> services, PoolStore store, OperationsOpener operations,
                        CertificateAuthorityPort authority) {
    public PoolTools {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(operations, "operations");
    }

    /** Pool creation where the environment has none: every use says so in a sentence. */
    public static PoolTools unavailable(String why) {
        return new PoolTools(profile -> {
            throw new IllegalStateException(why);
        }, (ref, access) -> {
            throw new PoolStoreException(why, false, null);
        }, access -> {
            throw new IllegalStateException(why);
        }, new CertificateAuthorityPort() {
            @Override
            public CaCertificate read(Path certificatePem) {
                throw new IllegalStateException(why);
            }

            @Override
            public CaCertificate generate(String commonName, int validDays, Path certFile, Path keyFile) {
                throw new IllegalStateException(why);
            }

            @Override
            public CaKey readKey(Path keyFile, Supplier<char[]> passphrase) {
                throw new IllegalArgumentException(why);
            }
        });
    }

    /** A cluster's journals and lock for one run; closing writes what the journal store still holds back. */
    public interface Operations extends AutoCloseable {
        JournalStore journals();

        OperationLock lock();

        @Override
        void close();
    }

    /** Opens {@link Operations} on a cluster's API (blocking). */
    @FunctionalInterface
    public interface OperationsOpener {
        Operations open(ClusterAccess access);
    }
}
