package dev.hybridpane.core.edge;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import java.util.List;

/**
 * The edge inventory kept in the cluster as custom resources (hybridpane.dev/v1alpha1 Site and EdgeHost in
 * hybridpane-system), so every workstation that opens the cluster sees the same hosts. No key or password
 * is ever stored there. Methods block; failures are {@link InventoryException}s.
 */
public interface InventoryPort {
    String NAMESPACE = "hybridpane-system";

    Inventory open(ClusterRef ref, ClusterAccess access);

    interface Inventory extends AutoCloseable {
        List<Site> sites();

        void saveSite(Site site);

        void deleteSite(String name);

        List<StoredHost> hosts();

        /** Creates or updates the host's spec; its status is kept. */
        void saveHost(EdgeHostSpec spec);

        void saveStatus(String host, HostStatus status);

        void deleteHost(String name);

        @Override
        void close();
    }
}
