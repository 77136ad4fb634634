package dev.hybridpane.ui.hosts;

import dev.hybridpane.domain.edge.ApplianceFiles;
import dev.hybridpane.domain.edge.SupportMatrix;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Appliance mode: the installer user-data (extra dirs and bind mounts) and the image build's .arg file. */
final class ApplianceDialog extends HostModal {

    ApplianceDialog(HostsViewModel vm) {
        super("appliance-dialog", "Appliance files",
                "For hosts built from an image: keep nodeadm's state across upgrades");
        ComboBox<String> version = new ComboBox<>();
        version.setId("appliance-version");
        version.getItems().setAll(SupportMatrix.KUBERNETES_VERSIONS);
        var c = vm.clusterProperty().get();
        version.getSelectionModel().select(c != null && SupportMatrix.KUBERNETES_VERSIONS.contains(c.version())
                ? c.version() : SupportMatrix.KUBERNETES_VERSIONS.get(0));
        TextArea userData = area("appliance-user-data", ApplianceFiles.userData(), 12);
        TextArea arg = area("appliance-arg", ApplianceFiles.argFile(version.getValue()), 3);
        version.valueProperty().addListener((o, a, b) -> arg.setText(ApplianceFiles.argFile(b)));
        Button saveUserData = new Button("Save user-data…");
        saveUserData.setOnAction(e -> save(vm, "user-data", userData.getText()));
        Button saveArg = new Button("Save .arg…");
        saveArg.setOnAction(e -> save(vm, ".arg", arg.getText()));
        VBox box = new VBox(8, new HBox(8, new Label("Kubernetes version"), version),
                new Label("Installer user-data"), userData, saveUserData, new Label("Image build .arg file"), arg, saveArg);
        setPrefWidth(600);
        setBody(box);
        dismissButton("Close", "appliance-close").setDefaultButton(true);
    }

    private void save(HostsViewModel vm, String name, String content) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.export(f.toPath(), content);
        }
    }

    private static TextArea area(String id, String text, int rows) {
        TextArea t = new TextArea(text);
        t.setId(id);
        t.setEditable(false);
        t.setPrefRowCount(rows);
        t.getStyleClass().add("mono");
        return t;
    }
}
