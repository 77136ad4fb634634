package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.PoolRules;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The first step: the cluster (hybrid-enabled ones only), the pool's name (checked as typed with
 * {@link PoolRules#name} and against the cluster's pools, read when the cluster is chosen) and the site (the
 * inventory's sites). Next waits for the cluster's data.
 */
public final class PoolNameStepViewModel {
    private final ObservableList<Cluster> clusters = FXCollections.observableArrayList();
    private final ObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(this, "cluster");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError");
    private final ObservableList<String> sites = FXCollections.observableArrayList();
    private final ObjectProperty<String> site = new SimpleObjectProperty<>(this, "site");
    private final ReadOnlyStringWrapper siteNote = new ReadOnlyStringWrapper(this, "siteNote");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private ClusterData data;
    private boolean touched;

    PoolNameStepViewModel() {
        name.addListener((o, a, b) -> {
            touched = true;
            validate();
        });
        site.addListener((o, a, b) -> validate());
        cluster.addListener((o, a, b) -> {
            data = null;
            sites.clear();
            site.set(null);
            siteNote.set(null);
            validate();
        });
    }

    /** The cluster's data arrived (FX thread). */
    void read(ClusterData d) {
        data = d;
        sites.setAll(d.sites().stream().map(Site::name).sorted().toList());
        siteNote.set(sites.isEmpty() ? "Cluster " + cluster.get().name() + " has no sites yet: add its hosts in Edge "
                + "Hosts first." : null);
        if (sites.size() == 1) {
            site.set(sites.get(0));
        }
        validate();
    }

    ClusterData data() {
        return data;
    }

    private void validate() {
        String n = poolName();
        String problem = PoolRules.name(n).orElse(null);
        if (problem == null && data != null && data.pools().stream().anyMatch(p -> p.pool().name().equals(n))) {
            problem = "Cluster " + cluster.get().name() + " already has a pool named " + n + "; choose another name.";
        }
        nameError.set(touched ? problem : null);
        valid.set(problem == null && cluster.get() != null && data != null && site.get() != null);
    }

    public String poolName() {
        return name.get() == null ? "" : name.get().strip();
    }

    public ObservableList<Cluster> clusters() {
        return clusters;
    }

    public ObjectProperty<Cluster> clusterProperty() {
        return cluster;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ObservableList<String> sites() {
        return sites;
    }

    public ObjectProperty<String> siteProperty() {
        return site;
    }

    /** Said under the site when the cluster has none; else null. */
    public ReadOnlyStringProperty siteNoteProperty() {
        return siteNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Only hybrid-enabled clusters can take hybrid nodes. */
    static List<Cluster> hybrid(List<Cluster> all) {
        return all.stream().filter(Cluster::hybridEnabled).toList();
    }
}
