package dev.hybridpane.ui.shell;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.activity.ActivityViewModel;
import dev.hybridpane.ui.common.FxBatchingBridge;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.DiscoveryState;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.settings.SettingsViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The window's state: the view shown, the cluster selected, whether the first view is populated, and the settings it
 * remembers (theme, last view). The environment it shows is the {@link EnvironmentSession}'s; the top bar, sidebar and
 * palette talk to this class, which passes environment choices on.
 */
public final class ShellViewModel {
    private final EnvironmentSession session;
    private final SettingsWriter settings;
    private final SettingsViewModel settingsVm;
    private final ObjectProperty<NavTarget> view = new SimpleObjectProperty<>(this, "view", NavTarget.OVERVIEW);
    private final ObjectProperty<ClusterRef> selectedCluster = new SimpleObjectProperty<>(this, "selectedCluster");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final List<Runnable> beforeClose = new ArrayList<>();
    private final CredentialActions credentialActions;

    public ShellViewModel(EnvironmentSession session, SettingsWriter settings, SettingsViewModel settingsVm) {
        this(session, settings, settingsVm, CredentialActions.NONE);
    }

    /** @param credentialActions what the window offers about a credential problem (signing in to AWS SSO) */
    public ShellViewModel(EnvironmentSession session, SettingsWriter settings, SettingsViewModel settingsVm,
            CredentialActions credentialActions) {
        this.credentialActions = credentialActions;
        this.session = session;
        this.settings = settings;
        this.settingsVm = settingsVm;
        view.set(NavTarget.byId(settings.settings().lastView()));
        view.addListener((o, a, b) -> settings.update(s -> s.withLastView(b.id())));
        settingsVm.environmentWrapper().bind(session.descriptionProperty());
        // ready: discovery has settled and every cluster found has its nodes loaded (or has failed with a reason)
        FleetViewModel fleet = session.fleet();
        fleet.discoveryProperty().addListener((o, a, b) -> updateReady());
        fleet.clusterRows().addListener((ListChangeListener<ClusterRow>) c -> updateReady());
    }

    private void updateReady() {
        FleetViewModel fleet = session.fleet();
        DiscoveryState d = fleet.discoveryProperty().get();
        if (!ready.get() && (d == DiscoveryState.DONE || d == DiscoveryState.FAILED)
                && fleet.clusterRows().stream().allMatch(r -> r.connected() || r.failed())) {
            ready.set(true);
        }
    }

    public void navigate(NavTarget target) {
        view.set(target);
    }

    /** Opens the clusters view with the cluster selected. */
    public void openCluster(ClusterRef ref) {
        selectedCluster.set(ref);
        view.set(NavTarget.CLUSTERS);
    }

    public void choose(PaletteItem item) {
        if (item.action() != null) {
            item.action().run();
        } else if (item.cluster() != null) {
            openCluster(item.cluster());
        } else {
            navigate(item.target());
        }
    }

    /** Runs when the window closes, before the settings are written (a view remembering its layout). */
    public void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    /** Changes the remembered settings in memory (written when the window closes). */
    public void updateSettings(UnaryOperator<Settings> change) {
        settings.update(change);
    }

    /** Writes the settings as they are now (on an I/O thread, after any earlier write). */
    public CompletableFuture<Void> save() {
        return settings.save();
    }

    public Settings settings() {
        return settings.settings();
    }

    /**
     * Stops live updates, closes the environment and writes the settings.
     *
     * @return completes when the settings are written (or could not be)
     */
    public CompletableFuture<Void> close() {
        beforeClose.forEach(Runnable::run);
        session.close();
        return settings.save();
    }

    public CredentialActions credentialActions() {
        return credentialActions;
    }

    public EnvironmentSession session() {
        return session;
    }

    public void startDiscovery() {
        session.startDiscovery();
    }

    public void switchProfile(String p) {
        session.switchProfile(p);
    }

    public void setRegions(List<String> regions) {
        session.setRegions(regions);
    }

    public EnvironmentInfo environment() {
        return session.environment();
    }

    public FxBatchingBridge bridge() {
        return session.bridge();
    }

    public FleetViewModel fleet() {
        return session.fleet();
    }

    public ActivityViewModel activity() {
        return session.activity();
    }

    public SettingsViewModel settingsViewModel() {
        return settingsVm;
    }

    public ObservableList<String> profiles() {
        return session.profiles();
    }

    public ObservableList<String> availableRegions() {
        return session.availableRegions();
    }

    public ObservableList<String> selectedRegions() {
        return session.selectedRegions();
    }

    public ObjectProperty<String> profileProperty() {
        return session.profileProperty();
    }

    public ReadOnlyStringProperty accountProperty() {
        return session.accountProperty();
    }

    public ObjectProperty<NavTarget> viewProperty() {
        return view;
    }

    public ObjectProperty<ClusterRef> selectedClusterProperty() {
        return selectedCluster;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }
}
