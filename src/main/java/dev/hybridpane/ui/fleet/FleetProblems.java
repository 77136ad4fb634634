package dev.hybridpane.ui.fleet;

import dev.hybridpane.core.CredentialProblem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What kept the fleet from being discovered: the regions that failed with their reasons, the profile's credential
 * problem (the same in every region, so told once), and a discovery that failed as a whole. Views show these instead of
 * an empty state that would blame a filter. FX thread only.
 */
public final class FleetProblems {
    private final ObservableList<RegionFailure> regions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CredentialProblem> credentials = new ReadOnlyObjectWrapper<>(this, "credentials");
    private final ReadOnlyStringWrapper environmentError = new ReadOnlyStringWrapper(this, "environmentError");
    private final ReadOnlyStringWrapper regionErrors = new ReadOnlyStringWrapper(this, "regionErrors", "");
    private final BooleanBinding any = Bindings.isNotEmpty(regions).or(credentials.isNotNull())
            .or(environmentError.isNotNull());

    void regionFailed(String region, String reason, CredentialProblem problem) {
        regions.add(new RegionFailure(region, reason, problem));
        if (problem != null && !problem.regional() && credentials.get() == null) {
            credentials.set(problem);
        }
        regionErrors.set("region errors: " + String.join(", ", regions.stream().map(RegionFailure::region).toList()));
    }

    void environmentFailed(String reason) {
        environmentError.set(reason);
    }

    void reset() {
        regions.clear();
        credentials.set(null);
        environmentError.set(null);
        regionErrors.set("");
    }

    /** The regions that failed, in the order they did. */
    public ObservableList<RegionFailure> regions() {
        return FXCollections.unmodifiableObservableList(regions);
    }

    /** The profile's credential problem (never a region's access denied), or null. */
    public ReadOnlyObjectProperty<CredentialProblem> credentialsProperty() {
        return credentials.getReadOnlyProperty();
    }

    /** Why the whole discovery failed, or null. */
    public ReadOnlyStringProperty environmentErrorProperty() {
        return environmentError.getReadOnlyProperty();
    }

    /** "region errors: us-east-1, eu-west-1", or "" when none failed. */
    public ReadOnlyStringProperty regionErrorsProperty() {
        return regionErrors.getReadOnlyProperty();
    }

    /** Whether anything kept clusters from being listed: then an empty list is no filter's doing. */
    public BooleanBinding anyProperty() {
        return any;
    }
}
