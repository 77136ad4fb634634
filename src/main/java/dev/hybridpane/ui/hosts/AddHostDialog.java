package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Tile;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/**
 * Add one host by hand, or edit one (its name stays): address, port, user, site, key file or ssh-agent, sudo. Every bad field
 * says why, under it. The form is checked in the background (the key file is on disk); OK waits for the answer.
 */
final class AddHostDialog extends HostModal {
    private final TextField name = field("host-name", "dallas-07");
    private final TextField address = field("host-address", "10.200.1.17 or edge-07.example.com");
    private final TextField port = field("host-port", "22");
    private final TextField user = field("host-user", "ubuntu");
    private final ComboBox<String> site = new ComboBox<>();
    private final TextField keyFile = field("host-key-file", "~/.ssh/id_ed25519");
    private final ComboBox<SudoMode> sudo = new ComboBox<>();
    private final PasswordField sudoPassword = new PasswordField();
    private final CheckBox agent = new CheckBox();
    private final Label nameError = HostDialogs.errorLabel("host-name-error");
    private final Label addressError = HostDialogs.errorLabel("host-address-error");
    private final Label portError = HostDialogs.errorLabel("host-port-error");
    private final Label userError = HostDialogs.errorLabel("host-user-error");
    private final Label keyError = HostDialogs.errorLabel("host-key-file-error");
    private final Label sudoError = HostDialogs.errorLabel("host-sudo-error");

    private final Button ok;
    private boolean checking;

    /** @param editing the host to edit, or null to add one */
    AddHostDialog(HostEditViewModel vm, HostRow editing) {
        super(editing == null ? "add-host-dialog" : "edit-host-dialog",
                editing == null ? "Add edge host" : "Edit edge host",
                editing == null ? "Add an edge host, reached over SSH with your own key" : "Edit " + editing.name()
                        + ": changes are saved in the cluster, then the host is checked again");
        port.setText("22");
        port.setPrefColumnCount(6);
        site.setId("host-site");
        site.getItems().add("");
        vm.sites().stream().map(Site::name).forEach(site.getItems()::add);
        site.getSelectionModel().select(vm.sites().isEmpty() ? 0 : 1);
        site.setMaxWidth(Double.MAX_VALUE);
        keyFile.setText(vm.defaultKeyFile());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Private key file");
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                keyFile.setText(f.getPath());
            }
        });
        HBox.setHgrow(keyFile, Priority.ALWAYS);
        Tile agentChoice = HostDialogs.agentChoice("host", agent, vm, keyError, keyFile, browse);
        sudo.setId("host-sudo");
        sudo.getItems().setAll(SudoMode.values());
        sudo.getSelectionModel().select(SudoMode.PASSWORDLESS);
        sudo.setMaxWidth(Double.MAX_VALUE);
        sudoPassword.setId("host-sudo-password");
        sudoPassword.setPromptText("kept in memory only, never saved");
        sudoPassword.disableProperty().bind(sudo.valueProperty().isNotEqualTo(SudoMode.PASSWORD));
        if (editing != null) {
            HostForm f = vm.formOf(editing);
            name.setText(f.name());
            name.setEditable(false);
            name.getStyleClass().add("read-only");
            address.setText(f.address());
            port.setText(f.port());
            user.setText(f.user());
            if (!site.getItems().contains(f.site())) {
                site.getItems().add(f.site());
            }
            site.setValue(f.site());
            if (HostEditViewModel.usesAgent(f)) {
                agent.setSelected(true);
            } else {
                keyFile.setText(f.keyFile());
            }
            sudo.setValue(f.sudo());
            if (vm.hasSudoPassword(f.name())) {
                sudoPassword.setPromptText("held for this session; type to replace it");
            }
        }

        GridPane g = HostDialogs.form();
        HostDialogs.row(g, 0, "Name", name, nameError);
        HostDialogs.row(g, 1, "Address", address, addressError);
        HostDialogs.row(g, 2, "SSH port", port, portError);
        HostDialogs.row(g, 3, "User", user, userError);
        HostDialogs.row(g, 4, "Site", site, null);
        HostDialogs.row(g, 5, "Private key", new HBox(8, keyFile, browse), keyError);
        HostDialogs.row(g, 6, "", agentChoice, null);
        HostDialogs.row(g, 7, "Root access", sudo, null);
        HostDialogs.row(g, 8, "Sudo password", sudoPassword, sudoError);
        setPrefWidth(620);
        setBody(g);
        setFocus(editing == null ? name : address);
        dismissButton("Cancel", editing == null ? "host-add-cancel" : "host-edit-cancel");
        ok = button(editing == null ? "Add and check" : "Save and check",
                editing == null ? "host-add-ok" : "host-edit-ok", () -> submit(vm, editing == null));
        ok.setDefaultButton(true);
        setOnDismiss(sudoPassword::clear);
    }

    /** Checks the form in the background; the page closes once the host is good and saved. */
    private void submit(HostEditViewModel vm, boolean adding) {
        if (checking) {
            return;
        }
        checking = true;
        ok.setDisable(true);
        HostForm f = form();
        Consumer<Map<String, String>> done = errors -> {
            checking = false;
            ok.setDisable(false);
            if (f.sudoPassword() != null) {
                Arrays.fill(f.sudoPassword(), '\0');
            }
            show(errors);
            if (errors.isEmpty()) {
                sudoPassword.clear();
                close();
            }
        };
        if (adding) {
            vm.add(f, done);
        } else {
            vm.edit(f, done);
        }
    }

    private HostForm form() {
        char[] pw = sudoPassword.getText().isEmpty() ? null : sudoPassword.getText().toCharArray();
        return new HostForm(name.getText().strip(), address.getText().strip(), port.getText().strip(), user.getText().strip(),
                site.getValue(), agent.isSelected() ? SshSettings.AGENT : keyFile.getText().strip(), sudo.getValue(), pw);
    }

    private void show(Map<String, String> errors) {
        nameError.setText(errors.getOrDefault(HostForm.NAME, ""));
        addressError.setText(errors.getOrDefault(HostForm.ADDRESS, ""));
        portError.setText(errors.getOrDefault(HostForm.PORT, ""));
        userError.setText(errors.getOrDefault(HostForm.USER, ""));
        keyError.setText(errors.getOrDefault(HostForm.KEY_FILE, ""));
        sudoError.setText(errors.getOrDefault(HostForm.SUDO_PASSWORD, ""));
        Map<TextField, String> fields = Map.of(name, HostForm.NAME, address, HostForm.ADDRESS, port, HostForm.PORT,
                user, HostForm.USER, keyFile, HostForm.KEY_FILE);
        fields.forEach((field, key) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, errors.containsKey(key)));
    }

    private static TextField field(String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        return t;
    }
}
