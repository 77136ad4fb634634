package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.profiles.ProfileWizardLauncher;
import dev.hybridpane.ui.profiles.ProfilesServices;
import dev.hybridpane.ui.wizard.Wizard;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Opens the New profile / New version wizard for the Profiles view; the window shows whichever is open with
 * {@code WizardView.modal(openProperty())}.
 */
public final class ProfileWizards implements ProfileWizardLauncher {
    private final ProfilesServices services;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Wizard> open = new ReadOnlyObjectWrapper<>(this, "open");

    /** @param access how to reach a cluster's API (empty while it is not connected) */
    public ProfileWizards(ProfilesServices services, Function<Cluster, Optional<ClusterAccess>> access, TaskRunner runner) {
        this.services = Objects.requireNonNull(services, "services");
        this.access = Objects.requireNonNull(access, "access");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public void newProfile(Cluster cluster, Consumer<ClusterProfile> saved) {
        show(cluster, null, saved);
    }

    @Override
    public void newVersion(Cluster cluster, ClusterProfile base, Consumer<ClusterProfile> saved) {
        show(cluster, Objects.requireNonNull(base, "base"), saved);
    }

    private void show(Cluster cluster, ClusterProfile base, Consumer<ClusterProfile> saved) {
        ProfileWizardViewModel[] vm = new ProfileWizardViewModel[1];
        vm[0] = new ProfileWizardViewModel(services, cluster, access.apply(cluster), base, runner, saved, () -> {
            if (open.get() == vm[0]) {
                open.set(null);
            }
        });
        open.set(vm[0]);
        vm[0].open();
    }

    /** The open wizard, or null. */
    public ReadOnlyObjectProperty<Wizard> openProperty() {
        return open.getReadOnlyProperty();
    }
}
