package dev.hybridpane.ui.profiles.wizard;

import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.field;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.textArea;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Kubernetes step's page. */
final class KubernetesLayerPage {
    private KubernetesLayerPage() {
    }

    static Node page(ProfileWizardViewModel vm) {
        KubernetesLayerStepViewModel k = vm.kubernetes();
        ComboBox<String> version = new ComboBox<>();
        version.setId("pwiz-k8s-version");
        version.getItems().setAll(k.versions());
        version.valueProperty().bindBidirectional(k.versionProperty());
        VBox versionBox = field("Kubernetes version", version, "The versions nodeadm supports. The control plane of "
                        + vm.cluster().name() + " runs " + k.controlPlane() + "; nodes may not be newer, nor more than "
                        + "3 minor versions older.",
                k.errorProperty(KubernetesLayerStepViewModel.VERSION), k.warningProperty(KubernetesLayerStepViewModel.VERSION));

        ComboBox<CredentialProvider> provider = choice("pwiz-k8s-provider", CredentialProvider.values(),
                k.providerProperty(), p -> p.id() + " · " + p.label());
        VBox providerBox = field("Credential provider", provider, null,
                k.errorProperty(KubernetesLayerStepViewModel.PROVIDER), k.warningProperty(KubernetesLayerStepViewModel.PROVIDER));
        ComboBox<ContainerdSource> containerd = choice("pwiz-k8s-containerd", ContainerdSource.values(),
                k.containerdProperty(), s -> s.id() + switch (s) {
                    case NONE -> " · already on the host";
                    case DISTRO -> " · the OS's packages";
                    case DOCKER -> " · Docker's repository";
                });
        VBox containerdBox = field("Containerd source", containerd, null,
                k.errorProperty(KubernetesLayerStepViewModel.CONTAINERD), k.warningProperty(KubernetesLayerStepViewModel.CONTAINERD));
        for (VBox b : new VBox[] {versionBox, providerBox, containerdBox}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setPrefWidth(10);
        }
        HBox choices = new HBox(16, versionBox, providerBox, containerdBox);

        VBox config = field("Kubelet configuration", textArea("pwiz-k8s-kubelet-config", "maxPods: 110",
                        k.kubeletConfigProperty(), 5, true),
                "A YAML or JSON map merged into the KubeletConfiguration (spec.kubelet.config).",
                k.errorProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG),
                k.warningProperty(KubernetesLayerStepViewModel.KUBELET_CONFIG));
        VBox flags = field("Extra kubelet flags", textArea("pwiz-k8s-flags", "--node-labels=tier=edge",
                        k.kubeletFlagsProperty(), 4, true),
                "One --name=value a line. nodeadm refuses --hostname-override; labels and taints use Kubernetes syntax.",
                k.errorProperty(KubernetesLayerStepViewModel.FLAGS), k.warningProperty(KubernetesLayerStepViewModel.FLAGS));
        VBox toml = field("Containerd configuration (TOML)", textArea("pwiz-k8s-containerd-toml",
                        "version = 2", k.containerdConfigProperty(), 5, true),
                "Optional: merged into containerd's config.toml (spec.containerd.config).",
                k.errorProperty(KubernetesLayerStepViewModel.TOML), k.warningProperty(KubernetesLayerStepViewModel.TOML));
        Node other = ProfileWizardParts.fieldError(k.errorProperty(FieldMessages.OTHER));
        VBox page = new VBox(16, choices, config, flags, toml, other);
        page.setId("pwiz-kubernetes");
        return page;
    }

    static <T> ComboBox<T> choice(String id, T[] values, ObjectProperty<T> value, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setMaxWidth(Double.MAX_VALUE);
        StringConverter<T> converter = new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return box.getItems().stream().filter(t -> text.apply(t).equals(s)).findFirst().orElse(null);
            }
        };
        box.setConverter(converter);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : text.apply(t));
            }
        });
        box.valueProperty().bindBidirectional(value);
        return box;
    }
}
