package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.core.profile.ProfileService.ApplyResult;
import dev.hybridpane.core.profile.ProfileService.Outcome;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileConflict;
import dev.hybridpane.domain.profile.ProfileDiff;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileRules;
import dev.hybridpane.domain.profile.ProfileSummary;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.profiles.ProfilesServices;
import dev.hybridpane.ui.wizard.Wizard;
import dev.hybridpane.ui.wizard.WizardStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The New profile / New version wizard: one step per layer, checked with {@link ProfileRules} on every change (each
 * problem under its field; a step's errors disable its Next, warnings do not), and a Review step that shows the
 * object that will be stored and, for a new version, the diff against the latest. Save is one
 * {@link ProfileService#apply} off the FX thread: unchanged content stores nothing; what another admin saved
 * meanwhile is described, and the content is saved on top of it.
 */
public final class ProfileWizardViewModel extends Wizard {
    private final ProfilesServices services;
    private final Cluster cluster;
    private final Optional<ClusterAccess> access;
    private final ClusterProfile base;
    private final Consumer<ClusterProfile> saved;
    private final ProfileNameStepViewModel profile;
    private final KubernetesLayerStepViewModel kubernetes;
    private final OsLayerStepViewModel os;
    private final NetworkLayerStepViewModel network;
    private final ObservableList<ProfileProblem> warnings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper allValid = new ReadOnlyBooleanWrapper(this, "allValid");
    private final ReadOnlyStringWrapper yaml = new ReadOnlyStringWrapper(this, "yaml", "");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper(this, "diff", "");
    private final ReadOnlyStringWrapper reviewNote = new ReadOnlyStringWrapper(this, "reviewNote", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final WizardStep profileStep;
    private final WizardStep osStep;
    private final WizardStep kubernetesStep;
    private final WizardStep networkStep;
    private final WizardStep reviewStep;
    private boolean loading = true;
    private String caller = "";

    /**
     * @param base   the profile as read, for a new version of it; null for a new profile
     * @param saved  told (on the FX thread) of the profile as stored after a save that stored something
     */
    public ProfileWizardViewModel(ProfilesServices services, Cluster cluster, Optional<ClusterAccess> access,
            ClusterProfile base, TaskRunner runner, Consumer<ClusterProfile> saved, Runnable onClose) {
        super("profile-wizard", base == null ? "New profile" : "New version", runner, onClose);
        this.services = services;
        this.cluster = cluster;
        this.access = access;
        this.base = base;
        this.saved = saved;
        Runnable changed = this::validate;
        profile = new ProfileNameStepViewModel(cluster.name(), base);
        kubernetes = new KubernetesLayerStepViewModel(cluster.version(), changed);
        os = new OsLayerStepViewModel(kubernetes.versionProperty(), changed);
        network = new NetworkLayerStepViewModel(cluster.remotePodCidrs(), changed);
        if (base != null) {
            os.load(base.latest().os());
            kubernetes.load(base.latest().kubernetes());
            network.load(base.latest().network());
        }
        setSubtitle(base == null ? "In " + cluster.name() : base.name() + " · version " + (base.latest().number() + 1));
        if (base == null) {
            InvalidationListener subtitle = o -> setSubtitle(profile.validProperty().get()
                    ? profile.profileName() + " · " + cluster.name() : "In " + cluster.name());
            profile.nameProperty().addListener(subtitle);
            profile.validProperty().addListener(subtitle);
        }
        profileStep = add(new WizardStep("Profile", () -> ProfileWizardPages.profile(this), profile.validProperty()));
        osStep = add(new WizardStep("OS", () -> OsLayerPage.page(this), os.validProperty()));
        kubernetesStep = add(new WizardStep("Kubernetes", () -> KubernetesLayerPage.page(this), kubernetes.validProperty()));
        networkStep = add(new WizardStep("Network", () -> ProfileWizardPages.network(this), network.validProperty()));
        reviewStep = add(new WizardStep("Review", () -> ProfileWizardPages.review(this), allValid.getReadOnlyProperty())
                .nextText(Bindings.when(finished).then("Close").otherwise("Save"))
                .onEnter(this::review)
                .onNext(this::save));
        allowBackWhile(finished.not());
        loading = false;
        validate();
    }

    /**
     * Reads, off the FX thread, the names of the cluster's profiles (a new one must not take one) and who saves (the
     * createdBy of the version). Next on the Profile step waits for it; a failure is the wizard's error.
     */
    public void open() {
        if (access.isEmpty()) {
            setError("Not connected to " + cluster.name() + " yet: its profiles cannot be read or saved. Open the "
                    + "cluster in Clusters, then try again.");
            return;
        }
        setError(null);
        work("Reading the profiles of " + cluster.name(), "Reading the profiles of " + cluster.name() + "…",
                "Could not read the profiles of " + cluster.name() + ": ", () -> {
                    try (ProfileService s = services.open(cluster, access.get())) {
                        List<String> names = base == null ? s.list().stream().map(ProfileSummary::name).toList() : List.of();
                        return new Opened(names, services.caller().get());
                    }
                }, r -> {
                    caller = r.caller() == null ? "" : r.caller();
                    profile.namesRead(r.names());
                });
    }

    private record Opened(List<String> names, String caller) {
    }

    /** The layers as the steps describe them now. */
    public ProfileLayers layers() {
        return new ProfileLayers(os.layer(), kubernetes.layer(), network.layer());
    }

    /** Checks every field, as the save will, and shows each problem under its field. */
    private void validate() {
        if (loading) {
            return;
        }
        ProfileLayers layers = layers();
        List<ProfileProblem> problems = new ArrayList<>(ProfileRules.validate(layers, Map.of(cluster.name(), cluster.version())));
        if (!cluster.remotePodCidrs().isEmpty()) {
            // outside the remote pod networks the pods get addresses the cluster does not route: said, not refused,
            // since the store (and the CLI) accept it
            ProfileRules.podCidrsAgainstCluster(layers.network(), cluster.name(), cluster.remotePodCidrs())
                    .forEach(p -> problems.add(ProfileProblem.warning(p.field(), p.message())));
        }
        os.show(layer(problems, "os"));
        kubernetes.show(layer(problems, "kubernetes"));
        network.show(layer(problems, "network"));
        warnings.setAll(problems.stream().filter(p -> !p.isError()).toList());
        allValid.set(!ProfileRules.hasErrors(problems));
    }

    private static List<ProfileProblem> layer(List<ProfileProblem> problems, String layer) {
        return problems.stream().filter(p -> ProblemPath.of(p.field()).layer().equals(layer)).toList();
    }

    /** Review: the object as it will be stored, and for a new version what changes from the latest. */
    private void review() {
        ProfileLayers layers = layers();
        ClusterProfile preview = base == null
                ? ClusterProfile.create(profile.profileName(), layers, services.clock().instant(), caller)
                : base.save(layers, services.clock().instant(), caller).profile();
        yaml.set(ProfileMapper.toYaml(preview));
        reviewNote.set("Nothing is stored yet. Save stores " + (base == null ? "version 1 of the new profile "
                : "a new version of ") + profile.profileName() + " in cluster " + cluster.name()
                + (base == null ? "." : " if anything changed."));
        diff.set(base == null ? "" : ProfileDiff.between(base.latest().layers(), layers).isEmpty()
                ? "No changes from version " + base.latest().number() + ": saving stores nothing."
                : ProfileDiff.render(ProfileDiff.between(base.latest().layers(), layers)));
        outcome.set(null);
        setError(null);
    }

    /** Save (once): apply the content; Close after a save that has something to say. */
    private void save(Runnable proceed) {
        if (finished.get()) {
            proceed.run();
            return;
        }
        if (access.isEmpty()) {
            open(); // says why nothing can be saved
            return;
        }
        String name = profile.profileName();
        ProfileLayers layers = layers();
        String known = caller;
        setError(null);
        work("Saving profile " + name, "Saving " + name + "…", "Profile " + name + " was not saved: ", () -> {
            String by = known.isEmpty() ? services.caller().get() : known; // the first read failed: ask again
            ClusterProfile file = ClusterProfile.create(name, layers, services.clock().instant(), by);
            try (ProfileService s = services.open(cluster, access.get())) {
                return s.apply(file, by, false);
            }
        }, this::afterSave);
    }

    private void afterSave(ApplyResult r) {
        String name = profile.profileName();
        if (r.outcome() == Outcome.INVALID) {
            setError("Profile " + name + " was not saved: " + String.join(" ", r.problems().stream()
                    .filter(ProfileProblem::isError).map(p -> p.field() + ": " + p.message()).toList()));
            return;
        }
        Optional<String> conflict = base == null ? createdMeanwhile(r) : r.conflict().or(() -> changedMeanwhile(r));
        String before = conflict.map(c -> c + "\n\n").orElse("");
        finished.set(true);
        if (r.outcome() == Outcome.UNCHANGED) {
            outcome.set(before + "No changes: version " + r.version() + " already holds this; nothing was stored.");
            return;
        }
        saved.accept(r.profile());
        if (conflict.isEmpty()) {
            closeNow();
            return;
        }
        outcome.set(before + "Your content was saved on top of it as version " + r.version() + " of " + name + ".");
    }

    /**
     * A new profile whose name another admin took after the wizard read the names (with or without a 409): whose
     * versions were there first. The content was then saved on top of theirs, as any apply does.
     */
    private Optional<String> createdMeanwhile(ApplyResult r) {
        if (r.outcome() == Outcome.NEW_PROFILE) {
            return Optional.empty();
        }
        List<String> theirs = r.profile().versions().stream()
                .filter(v -> r.outcome() == Outcome.UNCHANGED || v.number() != r.version())
                .map(v -> "version " + v.number() + (v.createdBy().isEmpty() ? "" : " by " + v.createdBy())).toList();
        return Optional.of("Profile " + r.profile().name() + " was created in cluster " + cluster.name()
                + " while you were typing yours: " + String.join(", ", theirs) + ".");
    }

    /**
     * Versions another admin saved after this wizard opened (without meeting a 409, since the save read them): the
     * stored profile without the version just saved, against the version the wizard started from.
     */
    private Optional<String> changedMeanwhile(ApplyResult r) {
        int from = profile.baseVersion();
        if (r.outcome() != Outcome.NEW_VERSION || r.profile().versions().size() < 2) {
            return Optional.empty();
        }
        ClusterProfile before = new ClusterProfile(r.profile().name(),
                r.profile().versions().stream().filter(v -> v.number() != r.version()).toList());
        return ProfileConflict.describe(before, from);
    }

    public Cluster cluster() {
        return cluster;
    }

    public ProfileNameStepViewModel profile() {
        return profile;
    }

    public OsLayerStepViewModel os() {
        return os;
    }

    public KubernetesLayerStepViewModel kubernetes() {
        return kubernetes;
    }

    public NetworkLayerStepViewModel network() {
        return network;
    }

    /** Every warning of the content (they do not block). */
    public ObservableList<ProfileProblem> warnings() {
        return warnings;
    }

    /** The ClusterProfile object as it will be stored, in YAML (set when Review is entered). */
    public ReadOnlyStringProperty yamlProperty() {
        return yaml.getReadOnlyProperty();
    }

    /** What Save will do, in a sentence (set when Review is entered). */
    public ReadOnlyStringProperty reviewNoteProperty() {
        return reviewNote.getReadOnlyProperty();
    }

    /** For a new version: the changes from the latest version; empty for a new profile. */
    public ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** After Save, what it did when the wizard stays open to say it (unchanged, or saved after a rival save); else null. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** True once Save has finished, whether it stored something or not (Next then says Close, Back is disabled). */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public WizardStep profileStep() {
        return profileStep;
    }

    public WizardStep osStep() {
        return osStep;
    }

    public WizardStep kubernetesStep() {
        return kubernetesStep;
    }

    public WizardStep networkStep() {
        return networkStep;
    }

    public WizardStep reviewStep() {
        return reviewStep;
    }
}
