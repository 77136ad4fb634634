package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Tile;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.SudoMode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Bulk add: paste or open a CSV (name,address,site,user,port). Good rows go in at once and are checked;
 * bad rows stay listed with their row number and reason. The new hosts' keys to trust follow in the same modal.
 */
final class ImportCsvDialog extends HostModal {
    private final TextArea text = new TextArea();
    private final TextField user = new TextField();
    private final TextField keyFile = new TextField();
    private final CheckBox agent = new CheckBox();
    private final ComboBox<SudoMode> sudo = new ComboBox<>();
    private final PasswordField sudoPassword = new PasswordField();
    private final Label keyError = HostDialogs.errorLabel("csv-key-file-error");
    private final Message summary = new Message();
    private final ListView<HostCsv.RowError> errors = new ListView<>();
    private final Button ok;

    ImportCsvDialog(HostsViewModel vm) {
        super("import-csv-dialog", "Import edge hosts",
                "Paste or open a CSV: " + HostCsv.HEADER + " (header optional; port 22 and the user below by default)");
        text.setId("csv-text");
        text.setPromptText("for example: dallas-07,10.200.1.17,dallas-dc,ubuntu,22");
        text.setPrefRowCount(10);
        text.getStyleClass().add("mono");
        Button open = new Button("Open file…");
        open.setId("csv-open");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                try {
                    text.setText(Files.readString(f.toPath()));
                } catch (IOException ex) {
                    summary(false, "Cannot read " + f + ": " + ex.getMessage());
                }
            }
        });
        HBox tools = new HBox(8, open);
        String sample = vm.sampleHostsCsv();
        if (sample != null) {
            Button sampleHosts = new Button("Sample hosts");
            sampleHosts.setId("csv-sample-hosts");
            sampleHosts.setOnAction(e -> text.setText(sample));
            tools.getChildren().add(sampleHosts);
        }
        user.setId("csv-user");
        user.setText("ubuntu");
        keyFile.setId("csv-key-file");
        keyFile.setText(vm.defaultKeyFile());
        Tile agentChoice = HostDialogs.agentChoice("csv", agent, vm.edit(), keyError, keyFile);
        sudo.getItems().setAll(SudoMode.values());
        sudo.getSelectionModel().select(SudoMode.PASSWORDLESS);
        // the row has no label of its own for the password: the prompt says what it is
        sudoPassword.setPromptText("sudo password, never saved");
        sudoPassword.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(sudoPassword, Priority.ALWAYS);
        // as wide as "sudo without a password"; the longest choice shows in full in the open list
        sudo.setPrefWidth(220);
        sudoPassword.disableProperty().bind(sudo.valueProperty().isNotEqualTo(SudoMode.PASSWORD));
        GridPane g = HostDialogs.form();
        HostDialogs.row(g, 0, "Default user", user, null);
        HostDialogs.row(g, 1, "Private key", keyFile, keyError);
        HostDialogs.row(g, 2, "", agentChoice, null);
        HostDialogs.row(g, 3, "Root access", new HBox(8, sudo, sudoPassword), null);
        summary.setId("csv-summary");
        summary.managedProperty().bind(summary.visibleProperty());
        summary.setVisible(false);
        errors.setId("csv-errors");
        errors.setPrefHeight(120);
        errors.getStyleClass().add("csv-errors");
        errors.setCellFactory(l -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(HostCsv.RowError item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
            }
        });
        errors.managedProperty().bind(errors.visibleProperty());
        errors.setVisible(false);
        VBox box = new VBox(10, tools, text, g, summary, errors);
        VBox.setVgrow(text, Priority.ALWAYS);
        setPrefWidth(760);
        setBody(box);
        setFocus(text);
        dismissButton("Close", "csv-close");
        ok = button("Import", "csv-import", () -> submit(vm));
        ok.setDefaultButton(true);
        setOnDismiss(sudoPassword::clear);
    }

    /** Imports at once with ssh-agent; else after the key file was checked in the background. */
    private void submit(HostsViewModel vm) {
        if (agent.isSelected()) {
            importNow(vm); // no key file to check: the agent signs
            return;
        }
        ok.setDisable(true);
        vm.edit().checkKeyFile(keyFile.getText(), problem -> {
            ok.setDisable(false);
            keyError.setText(problem.orElse(""));
            if (problem.isEmpty()) {
                importNow(vm);
            }
        });
    }

    private void importNow(HostsViewModel vm) {
        char[] pw = sudoPassword.getText().isEmpty() ? null : sudoPassword.getText().toCharArray();
        HostCsv.Result r = vm.edit().importCsv(text.getText(), user.getText().strip(), sudo.getValue(), pw,
                agent.isSelected() ? SshSettings.AGENT : keyFile.getText());
        sudoPassword.clear();
        summary(r.errors().isEmpty(), r.hosts().size() + (r.hosts().size() == 1 ? " host" : " hosts")
                + " imported and being checked" + (r.errors().isEmpty() ? "." : "; " + r.errors().size()
                        + (r.errors().size() == 1 ? " row" : " rows") + " skipped:"));
        errors.getItems().setAll(r.errors());
        errors.setVisible(!r.errors().isEmpty());
        if (!r.hosts().isEmpty()) {
            text.setText(String.join("\n", r.errors().stream().map(HostCsv.RowError::text).toList()));
        }
    }

    /** The outcome under the form: green when every row went in, red when some were skipped or the file failed. */
    private void summary(boolean ok, String sentence) {
        summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        summary.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        summary.setDescription(sentence);
        summary.setVisible(true);
    }
}
