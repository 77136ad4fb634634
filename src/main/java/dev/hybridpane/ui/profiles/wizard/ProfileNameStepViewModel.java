package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileRules;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Profile step. A new profile: its name, checked as typed with {@link ProfileRules#name} and against the names
 * the cluster already has (read when the wizard opens; Next waits for them). A new version: the profile's name and
 * the version it starts from, read-only.
 */
public final class ProfileNameStepViewModel {
    private final String clusterName;
    private final ClusterProfile base;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError");
    private final ReadOnlyBooleanWrapper namesKnown = new ReadOnlyBooleanWrapper(this, "namesKnown");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final Set<String> existing = new TreeSet<>();
    /** Whether the name was typed in: an empty field says nothing until then (Next is disabled all the same). */
    private boolean touched;

    ProfileNameStepViewModel(String clusterName, ClusterProfile base) {
        this.clusterName = clusterName;
        this.base = base;
        if (base != null) {
            name.set(base.name());
        }
        name.addListener((o, a, b) -> {
            touched = true;
            validate();
        });
        namesKnown.addListener((o, a, b) -> validate());
        validate();
    }

    /** The names the cluster has (a new version needs none). */
    void namesRead(Collection<String> names) {
        existing.clear();
        existing.addAll(names);
        namesKnown.set(true);
        validate();
    }

    private void validate() {
        if (base != null) {
            nameError.set(null);
            valid.set(true);
            return;
        }
        String n = name.get() == null ? "" : name.get().strip();
        String problem = ProfileRules.name(n).orElse(null);
        if (problem == null && existing.contains(n)) {
            problem = "Cluster " + clusterName + " already has a profile named " + n + "; choose another name, or open "
                    + "it in Profiles and make a new version.";
        }
        nameError.set(touched ? problem : null);
        valid.set(problem == null && namesKnown.get());
    }

    /** The name as it will be stored. */
    public String profileName() {
        return base != null ? base.name() : name.get() == null ? "" : name.get().strip();
    }

    public boolean isNewVersion() {
        return base != null;
    }

    /** The version a new version starts from; 0 for a new profile. */
    public int baseVersion() {
        return base == null ? 0 : base.latest().number();
    }

    /** "Version 3 (the latest), saved by … ": what a new version is based on; empty for a new profile. */
    public String basedOn() {
        if (base == null) {
            return "";
        }
        var v = base.latest();
        return "Based on version " + v.number() + ", the latest" + (v.createdBy().isEmpty() ? "" : ", saved by "
                + v.createdBy()) + (v.createdAt() == null ? "" : " at " + v.createdAt()) + ". Saving makes version "
                + (v.number() + 1) + " if anything changed.";
    }

    public String clusterName() {
        return clusterName;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
