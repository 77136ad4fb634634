package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.edge.SupportMatrix;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Kubernetes step: the version (from nodeadm's one table, {@link SupportMatrix#KUBERNETES_VERSIONS}, and not newer
 * than the cluster's control plane), the credential provider, the containerd source, the kubelet configuration (a
 * YAML or JSON map), extra kubelet flags (one a line) and optional containerd TOML.
 */
public final class KubernetesLayerStepViewModel {
    static final String VERSION = "version";
    static final String PROVIDER = "credentialProvider";
    static final String CONTAINERD = "containerdSource";
    static final String KUBELET_CONFIG = "kubeletConfig";
    static final String FLAGS = "kubeletFlags";
    static final String TOML = "containerdConfig";

    private final String controlPlane;
    private final StringProperty version = new SimpleStringProperty(this, "version", "");
    private final ObjectProperty<CredentialProvider> provider = new SimpleObjectProperty<>(this, "provider",
            CredentialProvider.SSM);
    private final ObjectProperty<ContainerdSource> containerd = new SimpleObjectProperty<>(this, "containerd",
            ContainerdSource.DISTRO);
    private final StringProperty kubeletConfig = new SimpleStringProperty(this, "kubeletConfig", "");
    private final StringProperty kubeletFlags = new SimpleStringProperty(this, "kubeletFlags", "");
    private final StringProperty containerdConfig = new SimpleStringProperty(this, "containerdConfig", "");
    private final FieldMessages messages = new FieldMessages(VERSION, PROVIDER, CONTAINERD, KUBELET_CONFIG, FLAGS, TOML);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private String configProblem;

    KubernetesLayerStepViewModel(String controlPlane, Runnable changed) {
        this.controlPlane = controlPlane;
        version.set(defaultVersion(controlPlane));
        for (Observable o : List.<Observable>of(version, provider, containerd, kubeletConfig, kubeletFlags, containerdConfig)) {
            o.addListener(x -> changed.run());
        }
    }

    /** The control plane's minor when nodeadm supports it, else the newest supported one not newer than it. */
    static String defaultVersion(String controlPlane) {
        String cp = controlPlane == null ? "" : controlPlane.strip().replaceFirst("^v", "");
        for (String v : SupportMatrix.KUBERNETES_VERSIONS) {
            if (cp.equals(v) || cp.startsWith(v + ".") || cp.startsWith(v + "-")) {
                return v;
            }
        }
        for (String v : SupportMatrix.KUBERNETES_VERSIONS) {
            if (compare(v, cp) <= 0) {
                return v;
            }
        }
        return SupportMatrix.KUBERNETES_VERSIONS.get(0);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("[.-]");
        try {
            int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
            return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
        } catch (RuntimeException e) {
            return 1; // the control plane's version cannot be read: prefer no version over a guess
        }
    }

    void load(KubernetesLayer k) {
        version.set(k.version());
        provider.set(k.credentialProvider());
        containerd.set(k.containerdSource());
        kubeletConfig.set(KubeletConfigText.render(k.kubeletConfig()));
        kubeletFlags.set(TextLines.join(k.kubeletFlags()));
        containerdConfig.set(k.containerdConfig());
    }

    KubernetesLayer layer() {
        KubeletConfigText.Parsed config = KubeletConfigText.parse(kubeletConfig.get());
        configProblem = config.problem();
        List<String> flags = TextLines.of(kubeletFlags.get()).values();
        try {
            return new KubernetesLayer(version.get(), provider.get(), containerd.get(), config.map(), flags,
                    containerdConfig.get());
        } catch (IllegalArgumentException e) {
            // a value the layer cannot hold (binary data, say): said under the field, and left out meanwhile
            configProblem = "The kubelet configuration " + e.getMessage().replaceFirst("^kubernetes\\.kubeletConfig ", "") + ".";
            return new KubernetesLayer(version.get(), provider.get(), containerd.get(), Map.of(), flags,
                    containerdConfig.get());
        }
    }

    void show(List<ProfileProblem> problems) {
        messages.clear();
        if (configProblem != null) {
            messages.error(KUBELET_CONFIG, configProblem);
        }
        for (ProfileProblem p : problems) {
            ProblemPath path = ProblemPath.of(p.field());
            String text = path.field().equals(FLAGS) ? TextLines.of(kubeletFlags.get()).at(path.index()) + p.message()
                    : p.message();
            if (p.isError()) {
                messages.error(path.field(), text);
            } else {
                messages.warning(path.field(), text);
            }
        }
        messages.publish();
        valid.set(!messages.hasErrors());
    }

    public List<String> versions() {
        return SupportMatrix.KUBERNETES_VERSIONS;
    }

    /** The cluster's control plane version, which the Kubernetes version must not be newer than. */
    public String controlPlane() {
        return controlPlane;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public ObjectProperty<CredentialProvider> providerProperty() {
        return provider;
    }

    public ObjectProperty<ContainerdSource> containerdProperty() {
        return containerd;
    }

    public StringProperty kubeletConfigProperty() {
        return kubeletConfig;
    }

    public StringProperty kubeletFlagsProperty() {
        return kubeletFlags;
    }

    public StringProperty containerdConfigProperty() {
        return containerdConfig;
    }

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
