package dev.hybridpane.app;

import dev.hybridpane.adapters.aws.SsoDeviceSignIn;
import dev.hybridpane.core.MfaCodePrompt;
import dev.hybridpane.core.hybrid.EnableJournals;
import dev.hybridpane.ui.activity.ActivityView;
import dev.hybridpane.ui.activity.ActivityViewModel;
import dev.hybridpane.ui.activity.OperationsViewModel;
import dev.hybridpane.ui.auth.AccountPickerLayer;
import dev.hybridpane.ui.auth.AccountPickerViewModel;
import dev.hybridpane.ui.auth.MfaPromptLayer;
import dev.hybridpane.ui.auth.MfaPromptViewModel;
import dev.hybridpane.ui.auth.SignInLayer;
import dev.hybridpane.ui.auth.SignInViewModel;
import dev.hybridpane.ui.clusters.ClusterAccessViewModel;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.clusters.ClustersView;
import dev.hybridpane.ui.clusters.ClustersViewModel;
import dev.hybridpane.ui.clusters.HybridConfigViewModel;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.hosts.HostsView;
import dev.hybridpane.ui.hosts.HostsViewModel;
import dev.hybridpane.ui.hybrid.HybridActions;
import dev.hybridpane.ui.network.NetworkView;
import dev.hybridpane.ui.network.NetworkViewModel;
import dev.hybridpane.ui.overview.OverviewView;
import dev.hybridpane.ui.overview.OverviewViewModel;
import dev.hybridpane.ui.pools.PoolsView;
import dev.hybridpane.ui.pools.PoolsViewModel;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.pools.wizard.PoolWizards;
import dev.hybridpane.ui.pools.wizard.PoolsServices;
import dev.hybridpane.ui.profiles.ProfilesServices;
import dev.hybridpane.ui.profiles.ProfilesView;
import dev.hybridpane.ui.profiles.ProfilesViewModel;
import dev.hybridpane.ui.profiles.wizard.ProfileWizards;
import dev.hybridpane.ui.settings.SettingsView;
import dev.hybridpane.ui.settings.SettingsViewModel;
import dev.hybridpane.ui.settings.ThemeChoice;
import dev.hybridpane.ui.shell.CommandPaletteViewModel;
import dev.hybridpane.ui.shell.CredentialActions;
import dev.hybridpane.ui.shell.EnvironmentSession;
import dev.hybridpane.ui.shell.HybridCommands;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import dev.hybridpane.ui.shell.PaletteItem;
import dev.hybridpane.ui.shell.SettingsWriter;
import dev.hybridpane.ui.shell.ShellStart;
import dev.hybridpane.ui.shell.ShellViewModel;
import dev.hybridpane.ui.wizard.WizardView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Node;

/**
 * The UI half of the composition root: builds every view model of the window from the {@link ConsolePorts}, with
 * constructor injection, and the window that lays them out. Views are made the first time they are shown.
 */
public final class ConsoleUi {
    /**
     * The window and the view models that tests and the startup benchmark drive.
     *
     * @param mfa the window's MFA prompt (its card), for the AWS profiles built before the window
     */
    public record Console(MainWindow window, ShellViewModel shell, HybridActions hybrid, OperationsViewModel operations,
            MfaCodePrompt mfa) {
    }

    private ConsoleUi() {
    }

    /** The window's state without its views: the environment session, the settings and the window state. */
    public static ShellViewModel shell(ConsolePorts ports, TaskRunner runner, ShellStart start) {
        return shell(ports, runner, start, CredentialActions.NONE);
    }

    /** {@link #shell(ConsolePorts, TaskRunner, ShellStart)}, offering {@code credentials} on a credential problem. */
    public static ShellViewModel shell(ConsolePorts ports, TaskRunner runner, ShellStart start,
            CredentialActions credentials) {
        ActivityViewModel activity = new ActivityViewModel(ports.clock());
        SettingsWriter writer = new SettingsWriter(ports.settingsStore(), ports.io(), runner, activity, start.settings());
        SettingsViewModel settings = new SettingsViewModel(ThemeChoice.parse(start.settings().theme()),
                ports.configDir().toString(), ports.version(), runner, t -> {
                    writer.update(s -> s.withTheme(t.name()));
                    writer.save();
                });
        EnvironmentSession session = new EnvironmentSession(ports.profiles(), ports.clusterPort(), ports.io(),
                ports.clock(), ports.environment(), runner, new FleetViewModel(), activity, writer, start);
        return new ShellViewModel(session, writer, settings, credentials);
    }

    /** The console's window on the FX thread's runner, opening with what {@code start} read. */
    public static Console build(ConsolePorts ports, ShellStart start, CompletableFuture<Boolean> osPrefersDark) {
        return build(ports, new FxTaskRunner(ports.io(), new FxExecutor()), start, osPrefersDark);
    }

    /** Reads what it opens with on the calling thread (tests). */
    public static Console build(ConsolePorts ports, TaskRunner runner) {
        return build(ports, runner, ShellStart.read(ports.settingsStore(), ports.profiles(), ports.environment(),
                ports.accounts()), null);
    }

    public static Console build(ConsolePorts ports, TaskRunner runner, ShellStart start,
            CompletableFuture<Boolean> osPrefersDark) {
        // signing in to AWS SSO in the window: once signed in, the fleet is listed again with the new session
        List<ShellViewModel> signedInto = new ArrayList<>(1);
        SignInLayer signIn = new SignInLayer(new SignInViewModel(runner, new SsoDeviceSignIn(), Browser::open,
                p -> signedInto.forEach(ShellViewModel::startDiscovery)));
        // picking the accounts and roles of an AWS SSO profile: the fleet then reads the picked pairs too
        // the names the access portal gave the picked accounts, for the Account column (the settings keep ids only)
        Map<String, String> accountNames = new ConcurrentHashMap<>();
        AccountPickerViewModel picker = new AccountPickerViewModel(runner, ports.accounts(),
                () -> signedInto.get(0).profileProperty().get(), () -> signedInto.get(0).session().callerArn(),
                () -> signedInto.get(0).session().pickedAccounts(), picks -> {
                    picks.forEach(p -> accountNames.put(p.accountId(), p.accountName()));
                    signedInto.get(0).session().pickAccounts(picks);
                });
        AccountPickerLayer accounts = new AccountPickerLayer(picker, signIn);
        ShellViewModel shell = shell(ports, runner, start, accounts);
        signedInto.add(shell);
        MfaPromptViewModel mfa = new MfaPromptViewModel(new FxExecutor(), Platform::isFxApplicationThread,
                MfaPromptViewModel.DEFAULT_TIMEOUT);
        MfaPromptLayer mfaLayer = new MfaPromptLayer(mfa);
        EnvironmentSession session = shell.session();
        session.profileProperty().addListener((o, was, now) -> picker.checkOffer());
        picker.checkOffer();
        FleetViewModel fleet = shell.fleet();
        // changes (import, enable hybrid, pools, the doctor's fixes) are offered only on the profile's own account's
        // clusters: another account's are read through the role picked for it
        FilteredList<ClusterRow> ownClusters = new FilteredList<>(fleet.clusterRows(), r -> !r.ref().inOtherAccount());
        OperationsViewModel operations = new OperationsViewModel(ports.hybrid().journals(), runner, ports.clock());
        operations.load();
        EnableJournals enabled = new EnableJournals(ports.hybrid().journals());
        HybridConfigViewModel config = new HybridConfigViewModel(runner,
                ref -> ports.hybrid().setups().apply(session.profileProperty().get()).hybridStatus(ref, enabled));
        HybridActions hybrid = new HybridActions(ports.hybrid(), session.profileProperty()::get, runner, new FxExecutor(),
                ports.clock(), operations::onJournal, ref -> {
                    // the fleet reads the cluster again; the detail reloads its checks when the new record arrives
                    session.refreshCluster(ref);
                    config.reload();
                });
        PoolsServices poolsServices = new PoolsServices(ports.pools(), ports.profileStore(), ports.hosts().inventory(),
                ports.hosts().sshSettings(), ports.environment().suggestedKeyFile(), session.profileProperty()::get,
                session::callerArn, ports.clock());
        PoolWizards poolWizards = new PoolWizards(poolsServices, () -> ownClusters.stream().map(ClusterRow::cluster)
                .toList(), session::clusterAccess, runner, new FxExecutor(), operations::onJournal);
        CommandPaletteViewModel palette = new CommandPaletteViewModel(fleet.clusterRows(), shell::choose, () -> {
            // the Node Pools view's "New pool" button calls the same launcher
            List<PaletteItem> commands = new ArrayList<>(HybridCommands.of(hybrid, ownClusters));
            commands.add(PaletteItem.command("New node pool…", "Command · create a pool of hybrid nodes from edge hosts",
                    () -> poolWizards.newPool(null, created -> { })));
            if (picker.offeredProperty().get()) {
                commands.add(PaletteItem.command("AWS accounts…", "Command · pick the accounts and roles whose clusters"
                        + " the fleet shows", accounts::pickAccounts));
            }
            return commands;
        });
        ClusterAccessViewModel access = new ClusterAccessViewModel(runner, session::kubeconfigContexts,
                session::kubeContext, session::useKubeContext);
        ClusterDetailViewModel detail = new ClusterDetailViewModel(fleet, runner, session::loadDetail, access, config,
                hybrid::enableHybrid);
        ClustersViewModel clusters = new ClustersViewModel(fleet, shell.selectedClusterProperty(), detail,
                () -> hybrid.importCluster(ownClusters, null), accountNames::get);
        OverviewViewModel overview = new OverviewViewModel(fleet, shell::openCluster);
        ProfilesServices profilesServices = new ProfilesServices(ports.profileStore(), session::callerArn, ports.clock());
        ProfileWizards profileWizards = new ProfileWizards(profilesServices, session::clusterAccess, runner);
        ProfilesViewModel profiles = new ProfilesViewModel(fleet.clusterRows(), session::clusterAccess,
                profilesServices, profileWizards, runner);

        Map<NavTarget, Supplier<Node>> views = new EnumMap<>(NavTarget.class);
        views.put(NavTarget.OVERVIEW, () -> new OverviewView(overview));
        views.put(NavTarget.CLUSTERS, () -> {
            ClustersView view = new ClustersView(clusters);
            view.setDividerPosition(shell.settings().detailDivider());
            shell.beforeClose(() -> shell.updateSettings(s -> s.withDetailDivider(view.dividerPosition())));
            return view;
        });
        views.put(NavTarget.HOSTS, () -> new HostsView(new HostsViewModel(fleet.clusterRows(), session::clusterAccess,
                ports.hosts(), ports.environment(), runner, new FxExecutor(), ports.clock())));
        views.put(NavTarget.PROFILES, () -> new ProfilesView(profiles));
        PoolDay2ViewModel poolDay2 = new PoolDay2ViewModel(CorePoolDay2.of(poolsServices, ports.day2()), session::clusterAccess, runner,
                new FxExecutor(), operations::onJournal, ports.clock());
        PoolsViewModel pools = new PoolsViewModel(fleet, session::clusterAccess, profilesServices, ports.poolEvents(),
                poolDay2, runner, ports.clock());
        views.put(NavTarget.POOLS, () -> new PoolsView(pools, () -> poolWizards.newPool(null, created -> { })));
        NetworkViewModel network = new NetworkViewModel(CoreNetworkDoctor.of(() -> ownClusters.stream()
                .map(ClusterRow::cluster).toList(), poolsServices, ports.network()), runner, new FxExecutor(), operations::onJournal);
        // the fleet finds clusters as it goes: the doctor's choice follows when the hybrid ones come or go
        fleet.clusterRows().addListener((ListChangeListener<ClusterRow>) c -> {
            if (network.loadedProperty().get() && ownClusters.stream().filter(r -> r.cluster().hybridEnabled()).count()
                    != network.clusters().size()) {
                network.load();
            }
        });
        views.put(NavTarget.NETWORK, () -> new NetworkView(network));
        views.put(NavTarget.ACTIVITY, () -> new ActivityView(shell.activity(), operations));
        views.put(NavTarget.SETTINGS, () -> new SettingsView(shell.settingsViewModel()));
        MainWindow window = new MainWindow(shell, palette, runner, views, List.of(() -> WizardView.modal(hybrid.openProperty()),
                        () -> WizardView.modal(profileWizards.openProperty()),
                        () -> WizardView.modal(poolWizards.openProperty()), accounts::node, signIn::node,
                        mfaLayer::node),
                osPrefersDark);
        return new Console(window, shell, hybrid, operations, mfa);
    }
}
