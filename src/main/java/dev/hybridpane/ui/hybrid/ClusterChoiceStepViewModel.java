package dev.hybridpane.ui.hybrid;

import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.ClusterInputRules;
import dev.hybridpane.ui.fleet.ClusterRow;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/** Step a) of the import: a discovered cluster, or a typed region and name validated as they are typed. */
public final class ClusterChoiceStepViewModel {
    private final ObservableList<ClusterRow> discovered;
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringBinding regionError;
    private final StringBinding nameError;
    private final BooleanBinding valid;

    public ClusterChoiceStepViewModel(ObservableList<ClusterRow> discovered) {
        this.discovered = discovered;
        regionError = Bindings.createStringBinding(() -> touched(region) ? ClusterInputRules.regionProblem(region.get()) : null, region);
        nameError = Bindings.createStringBinding(() -> touched(name) ? ClusterInputRules.nameProblem(name.get()) : null, name);
        valid = Bindings.createBooleanBinding(() -> ClusterInputRules.regionProblem(region.get()) == null
                && ClusterInputRules.nameProblem(name.get()) == null, region, name);
    }

    /** An empty field says nothing until the user typed in it; Next stays disabled anyway. */
    private static boolean touched(StringProperty p) {
        return p.get() != null && !p.get().isEmpty();
    }

    /** Fills both fields from a discovered cluster. */
    public void choose(ClusterRow row) {
        if (row != null) {
            region.set(row.cluster().region());
            name.set(row.cluster().name());
        }
    }

    public void choose(ClusterRef ref) {
        if (ref != null) {
            region.set(ref.region());
            name.set(ref.name());
        }
    }

    public ClusterRef ref() {
        return new ClusterRef(region.get().strip(), name.get().strip());
    }

    /** The discovered row with the typed region and name, if any (the list selects it). */
    public ClusterRow matchingRow() {
        return discovered.stream().filter(r -> r.cluster().region().equals(region.get().strip())
                && r.cluster().name().equals(name.get().strip())).findFirst().orElse(null);
    }

    public ObservableList<ClusterRow> discovered() {
        return discovered;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringBinding regionErrorProperty() {
        return regionError;
    }

    public StringBinding nameErrorProperty() {
        return nameError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
