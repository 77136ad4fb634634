package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.OsMode;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The OS step. Agent mode: packages, NTP servers (one a line), sysctl ({@code key=value} a line), extra files and a
 * {@code #cloud-config}. Appliance mode: the provider image's reference; its {@code .arg} values follow the
 * Kubernetes step's version, and the installer user-data is generated ({@link OsLayer}). What one mode holds is kept
 * while the other is chosen, but only the chosen mode's fields are stored.
 */
public final class OsLayerStepViewModel {
    static final String MODE = "mode";
    static final String IMAGE = "image";
    static final String PACKAGES = "packages";
    static final String NTP = "ntpServers";
    static final String SYSCTL = "sysctl";
    static final String FILES = "files";
    static final String CLOUD_CONFIG = "cloudConfig";

    private final ObjectProperty<OsMode> mode = new SimpleObjectProperty<>(this, "mode", OsMode.AGENT);
    private final StringProperty packages = new SimpleStringProperty(this, "packages", "");
    private final StringProperty ntpServers = new SimpleStringProperty(this, "ntpServers", "");
    private final StringProperty sysctl = new SimpleStringProperty(this, "sysctl", "");
    private final StringProperty cloudConfig = new SimpleStringProperty(this, "cloudConfig", "");
    private final StringProperty image = new SimpleStringProperty(this, "image", "");
    private final ObservableList<ExtraFileViewModel> files = FXCollections.observableArrayList(
            f -> new Observable[] {f.pathProperty(), f.permissionsProperty(), f.contentProperty()});
    private final StringBinding argFile;
    private final FieldMessages messages = new FieldMessages(MODE, IMAGE, PACKAGES, NTP, SYSCTL, FILES, CLOUD_CONFIG);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private List<String> sysctlProblems = List.of();

    OsLayerStepViewModel(ObservableStringValue kubernetesVersion, Runnable changed) {
        argFile = Bindings.createStringBinding(() -> OsLayer.applianceArgFile(kubernetesVersion.get()), kubernetesVersion);
        for (Observable o : List.<Observable>of(mode, packages, ntpServers, sysctl, cloudConfig, image, files)) {
            o.addListener(x -> changed.run());
        }
    }

    void load(OsLayer os) {
        mode.set(os.mode());
        packages.set(TextLines.join(os.packages()));
        ntpServers.set(TextLines.join(os.ntpServers()));
        List<String> lines = new ArrayList<>();
        os.sysctl().forEach((k, v) -> lines.add(k + "=" + v));
        sysctl.set(TextLines.join(lines));
        files.setAll(os.files().stream().map(ExtraFileViewModel::new).toList());
        cloudConfig.set(os.cloudConfig());
        image.set(os.imageReference());
    }

    /** The layer the fields describe (a line that does not parse is left out and reported by {@link #show}). */
    OsLayer layer() {
        if (mode.get() == OsMode.APPLIANCE) {
            return OsLayer.appliance(image.get());
        }
        return OsLayer.agent(TextLines.of(packages.get()).values(), TextLines.of(ntpServers.get()).values(),
                sysctlMap(), files.stream().map(ExtraFileViewModel::file).toList(), cloudConfig.get());
    }

    private Map<String, String> sysctlMap() {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        TextLines lines = TextLines.of(sysctl.get());
        for (int i = 0; i < lines.values().size(); i++) {
            String line = lines.values().get(i);
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (key.isEmpty()) {
                problems.add(lines.at(i) + "write key=value, such as net.core.somaxconn=1024.");
            } else if (m.containsKey(key)) {
                problems.add(lines.at(i) + key + " is given twice.");
            } else {
                m.put(key, line.substring(eq + 1).strip());
            }
        }
        sysctlProblems = problems;
        return m;
    }

    /** Shows the OS layer's problems under their fields; Next is enabled while none is an error. */
    void show(List<ProfileProblem> problems) {
        messages.clear();
        files.forEach(f -> f.setError(null));
        Map<Integer, List<String>> fileErrors = new HashMap<>();
        if (mode.get() == OsMode.AGENT) {
            sysctlProblems.forEach(p -> messages.error(SYSCTL, p));
        }
        for (ProfileProblem p : problems) {
            ProblemPath path = ProblemPath.of(p.field());
            String field = path.field();
            String text = switch (field) {
                case PACKAGES -> TextLines.of(packages.get()).at(path.index()) + p.message();
                case NTP -> TextLines.of(ntpServers.get()).at(path.index()) + p.message();
                default -> p.message();
            };
            if (field.equals(FILES) && path.index() >= 0 && path.index() < files.size() && p.isError()) {
                fileErrors.computeIfAbsent(path.index(), i -> new ArrayList<>()).add(p.message());
            } else if (p.isError()) {
                messages.error(field, text);
            } else {
                messages.warning(field, text);
            }
        }
        fileErrors.forEach((i, m) -> files.get(i).setError(String.join("\n", m)));
        messages.publish();
        valid.set(!messages.hasErrors() && fileErrors.isEmpty());
    }

    public void addFile() {
        files.add(new ExtraFileViewModel());
    }

    public void removeFile(ExtraFileViewModel f) {
        files.remove(f);
    }

    public ObjectProperty<OsMode> modeProperty() {
        return mode;
    }

    public StringProperty packagesProperty() {
        return packages;
    }

    public StringProperty ntpServersProperty() {
        return ntpServers;
    }

    public StringProperty sysctlProperty() {
        return sysctl;
    }

    public StringProperty cloudConfigProperty() {
        return cloudConfig;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public ObservableList<ExtraFileViewModel> files() {
        return files;
    }

    /** The provider image's .arg file: K8S_DISTRIBUTION=nodeadm and the Kubernetes step's version. */
    public ObservableStringValue argFileProperty() {
        return argFile;
    }

    /** The installer user-data an appliance host needs, with nodeadm's bind mounts (generated, not stored). */
    public String installerUserData() {
        return OsLayer.installerUserData();
    }

    /** The error under a field ({@link #PACKAGES}, {@link #SYSCTL}…), or null. */
    public ReadOnlyStringProperty errorProperty(String field) {
        return messages.error(field);
    }

    public ReadOnlyStringProperty warningProperty(String field) {
        return messages.warning(field);
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
