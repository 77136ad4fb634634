package dev.hybridpane.ui.pools.day2;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Orphan;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.SpentActivation;
import dev.hybridpane.ui.wizard.FormParts;
import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The Edit-hosts, Rotate-certificates and SSM-hygiene pages. */
final class MorePages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private MorePages() {
    }

    static FlowCard hosts(EditHostsViewModel e, Runnable close) {
        TableView<HostEdit> table = new TableView<>(e.hosts());
        table.setId("day2-hosts-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setEditable(true);
        TableColumn<HostEdit, HostEdit> in = Cells.column("In pool", 70, h -> h);
        in.setCellFactory(c -> new TableCell<>() {
            private final CheckBox box = new CheckBox();
            private HostEdit bound;

            @Override
            protected void updateItem(HostEdit h, boolean empty) {
                super.updateItem(h, empty);
                if (bound != null) {
                    box.selectedProperty().unbindBidirectional(bound.chosenProperty());
                    bound = null;
                }
                if (empty || h == null) {
                    setGraphic(null);
                    return;
                }
                box.setSelected(h.chosenProperty().get());
                box.selectedProperty().bindBidirectional(h.chosenProperty());
                bound = h;
                box.setDisable(!h.editable());
                setGraphic(box);
            }
        });
        in.setMinWidth(70);
        table.getColumns().add(in);
        table.getColumns().add(Cells.column("Host", 100, HostEdit::host));
        table.getColumns().add(Cells.column("Node", 90, h -> h.option().node() == null || h.option().node().isEmpty()
                ? "—" : h.option().node()));
        table.getColumns().add(Cells.column("System", 140, h -> h.option().system()));
        TableColumn<HostEdit, String> change = Cells.column("Change", 300, HostEdit::changeText);
        table.getColumns().add(change);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPrefHeight(220);
        e.hosts().addListener((ListChangeListener<HostEdit>) c -> table.refresh());
        Label loading = new Label("Reading the site's hosts…", new ProgressIndicator());
        ((ProgressIndicator) loading.getGraphic()).setPrefSize(16, 16);
        loading.visibleProperty().bind(e.loadingProperty());
        loading.managedProperty().bind(loading.visibleProperty());
        table.setPlaceholder(Widgets.muted("No host in this pool's site."));
        var error = FormParts.errorMessage(Day2Parts.orNull(e.loadErrorProperty()));
        Label summary = new Label();
        summary.setId("day2-hosts-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(e.changeSummaryProperty());
        Node drain = RemoveNodePages.drain(e.drain(), "day2-hosts");
        VBox choose = new VBox(12, FormParts.note("Check a free host to add it (it joins as in create; the nodes already "
                + "there are not touched). Uncheck a member to drain and remove its node."), loading, error, table,
                summary, drain);
        VBox review = new VBox(12, FormParts.label("The plan"), Day2Parts.plan(e.planTextProperty(), "day2-hosts-plan"));
        return new FlowCard(e, "day2-hosts", "The pool's hosts and the site's free compatible hosts.", choose, review,
                "Apply changes", Styles.ACCENT, close);
    }

    static FlowCard rotate(RotateCertsViewModel r, Runnable close) {
        TextField file = new TextField();
        file.setId("day2-rotate-key");
        file.setPromptText("/path/to/ca.key");
        file.textProperty().bindBidirectional(r.keyFileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = Day2Parts.button("Browse…", "day2-rotate-browse", null);
        browse.setOnAction(ev -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("The Roles Anywhere CA's private key");
            File f = chooser.showOpenDialog(browse.getScene() == null ? null : browse.getScene().getWindow());
            if (f != null) {
                r.keyFileProperty().set(f.getPath());
            }
        });
        PasswordField pass = new PasswordField();
        pass.setId("day2-rotate-passphrase");
        pass.setPromptText("empty when the key is not encrypted");
        // the characters go to the view model as a char[] and the field is cleared once the plan is read
        pass.textProperty().addListener((o, a, b) -> {
            char[] chars = b == null ? new char[0] : b.toCharArray();
            r.passphrase(chars);
            Arrays.fill(chars, '\0');
        });
        r.phaseProperty().addListener((o, a, b) -> {
            if (b != Day2Flow.Phase.CHOOSE) {
                pass.clear();
            }
        });
        HBox keyRow = new HBox(8, file, browse);
        keyRow.setId("day2-rotate-key-row");
        VBox choose = new VBox(12, FormParts.note("A new certificate per host with the same CN, from the CA the pool's "
                + "trust anchor trusts. The key and its passphrase stay in memory and are wiped after the run."),
                Day2Parts.field("CA private key file (PEM)", keyRow, null, r.keyFileErrorProperty(), null),
                Day2Parts.field("Passphrase", pass, null, null, null));
        VBox review = new VBox(12, FormParts.label("The plan, per host"), Day2Parts.plan(r.planTextProperty(),
                "day2-rotate-plan"), FormParts.note("Type the passphrase again to retry after going back."));
        return new FlowCard(r, "day2-rotate", "IAM Roles Anywhere host certificates.", choose, review,
                "Rotate certificates", Styles.ACCENT, close);
    }

    /** The SSM hygiene card: the two lists (with their empty and loading states) and Clean up, confirmed. */
    static Node hygiene(SsmHygieneViewModel h, Runnable close, Runnable confirm) {
        TableView<Orphan> orphans = new TableView<>(h.orphans());
        orphans.setId("day2-ssm-orphans");
        orphans.getStyleClass().add(Styles.DENSE);
        orphans.getColumns().add(Cells.column("Managed instance", 150, Orphan::managedInstanceId));
        orphans.getColumns().add(Cells.column("Name", 110, Orphan::name));
        orphans.getColumns().add(Cells.column("IP", 100, Orphan::ip));
        orphans.getColumns().add(Cells.column("Registered", 130, o -> time(o.registered())));
        orphans.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        orphans.setPrefHeight(140);
        orphans.setPlaceholder(Widgets.muted("No managed instance without a Node."));
        TableView<SpentActivation> acts = new TableView<>(h.activations());
        acts.setId("day2-ssm-activations");
        acts.getStyleClass().add(Styles.DENSE);
        acts.getColumns().add(Cells.column("Activation", 200, SpentActivation::activationId));
        acts.getColumns().add(Cells.column("Why", 200, SpentActivation::why));
        acts.getColumns().add(Cells.column("Expires", 130, a -> time(a.expires())));
        acts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        acts.setPrefHeight(110);
        acts.setPlaceholder(Widgets.muted("No spent activation."));
        Label busy = new Label("Reading SSM…", new ProgressIndicator());
        ((ProgressIndicator) busy.getGraphic()).setPrefSize(16, 16);
        busy.visibleProperty().bind(h.busyProperty());
        var error = FormParts.errorMessage(Day2Parts.orNull(h.errorProperty()));
        var result = FormParts.notice(Day2Parts.orNull(h.resultProperty()), Feather.CHECK_CIRCLE,
                Styles.SUCCESS, true);
        result.setId("day2-ssm-result");
        Button closeButton = Day2Parts.button("Close", "day2-ssm-close", null);
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        Button clean = Day2Parts.button("Clean up…", "day2-ssm-clean", Styles.DANGER);
        clean.disableProperty().bind(h.busyProperty().or(Bindings.isEmpty(h.orphans()).and(Bindings.isEmpty(h.activations()))));
        clean.setOnAction(e -> confirm.run());
        VBox card = new VBox(12, Day2Parts.head("SSM hygiene of " + h.pool(), "Managed instances with no Node (orphans "
                + "of failed runs) and the activations this console made that are used up or expired."), error, result,
                FormParts.label("Orphaned managed instances"), orphans, FormParts.label("Spent activations"), acts,
                Day2Parts.buttons(List.of(busy), List.of(closeButton, clean)));
        card.setId("day2-ssm");
        card.getStyleClass().add("profiles-modal");
        card.setPrefWidth(760);
        card.setMaxWidth(760);
        return card;
    }

    private static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }
}
