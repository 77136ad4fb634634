package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating, editing and deleting the sites of the chosen cluster (Site custom resources). */
public final class SiteEditViewModel {
    private final HostsViewModel hosts;
    private final TaskRunner runner;

    SiteEditViewModel(HostsViewModel hosts, TaskRunner runner) {
        this.hosts = hosts;
        this.runner = runner;
    }

    /** Validates and saves a site (new or edited); field name to reason when it is wrong. */
    public Map<String, String> save(Site site, boolean creating) {
        Cluster c = hosts.clusterProperty().get();
        InventoryPort.Inventory inv = hosts.inventory();
        if (c == null || inv == null) {
            return Map.of(SiteRules.NAME, c == null ? "Choose a hybrid cluster first." : hosts.unavailable("Choose a hybrid cluster first."));
        }
        Map<String, String> errors = SiteRules.validate(site, c.remoteNodeCidrs(), c.remotePodCidrs(), hosts.sites(), creating);
        if (errors.isEmpty()) {
            runner.task("Saving site " + site.name(), () -> {
                inv.saveSite(site);
            }).onSuccess(v -> {
                hosts.sites().removeIf(x -> x.name().equals(site.name()));
                hosts.sites().add(site);
                hosts.sites().sort(Comparator.comparing(Site::name));
            }).onError(e -> hosts.messageProperty().set(e.getMessage())).start();
        }
        return errors;
    }

    /**
     * Deletes a site, unless hosts are assigned to it: then returns why it was refused (nothing is deleted).
     * A failure of the cluster shows in the view's message.
     */
    public Optional<String> delete(String site) {
        InventoryPort.Inventory inv = hosts.inventory();
        if (inv == null) {
            return Optional.of("Choose a hybrid cluster first.");
        }
        List<String> assigned = hosts.hosts().stream().filter(h -> site.equals(h.spec().site())).map(HostRow::name).toList();
        if (!assigned.isEmpty()) {
            String names = String.join(", ", assigned.subList(0, Math.min(3, assigned.size())))
                    + (assigned.size() > 3 ? " and " + (assigned.size() - 3) + " more" : "");
            return Optional.of(site + " still has " + assigned.size() + (assigned.size() == 1 ? " host (" : " hosts (") + names
                    + "). Move them to another site or remove them first.");
        }
        runner.task("Deleting site " + site, () -> {
            inv.deleteSite(site);
        }).onSuccess(v -> hosts.sites().removeIf(x -> x.name().equals(site)))
                .onError(e -> hosts.messageProperty().set(e.getMessage()))
                .start();
        return Optional.empty();
    }

    public List<Site> sites() {
        return hosts.sites();
    }

    public Cluster cluster() {
        return hosts.clusterProperty().get();
    }
}
