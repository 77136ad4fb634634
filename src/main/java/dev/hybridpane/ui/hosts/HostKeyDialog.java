package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.ui.common.Widgets;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Trust on first use: the new hosts' key fingerprints to accept or reject. A changed key is a red warning
 * with both fingerprints and no way to accept it here.
 */
final class HostKeyDialog {
    static final ButtonType TRUST = new ButtonType("Trust", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);

    private HostKeyDialog() {
    }

    static Dialog<ButtonType> unknown(List<KnownHost> keys, Node owner) {
        Dialog<ButtonType> d = new Dialog<>();
        HostDialogs.prepare(d, owner, "New host keys", "host-key-dialog");
        d.setHeaderText(keys.size() == 1 ? "First connection to " + keys.get(0).hostPort() + ": is this its host key?"
                : "First connection to " + keys.size() + " hosts: are these their host keys?");
        Label note = new Label("Compare each fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub "
                + "on its console). Trusted keys go to HybridPane's own known_hosts; a key that changes later is refused.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        TableView<KnownHost> t = new TableView<>();
        t.setId("host-key-table");
        t.getColumns().add(col("Host", 170, KnownHost::hostPort));
        t.getColumns().add(col("Key type", 170, KnownHost::keyType));
        TableColumn<KnownHost, String> fp = col("SHA256 fingerprint", 420, KnownHost::fingerprint);
        fp.getStyleClass().add("mono");
        t.getColumns().add(fp);
        t.getItems().setAll(keys);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(Math.min(60 + keys.size() * 30, 360));
        VBox box = new VBox(10, note, t);
        d.getDialogPane().setPrefWidth(860);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().setAll(TRUST, REJECT);
        d.getDialogPane().lookupButton(TRUST).setId("host-key-trust");
        d.getDialogPane().lookupButton(REJECT).setId("host-key-reject");
        return d;
    }

    static Dialog<ButtonType> changed(List<ProbeResult.HostKeyChanged> changes, Node owner) {
        Dialog<ButtonType> d = new Dialog<>();
        HostDialogs.prepare(d, owner, "Host key changed", "host-key-changed-dialog");
        d.setHeaderText(null);
        Label title = new Label(changes.size() == 1 ? "The host key of " + changes.get(0).hostPort() + " has changed"
                : changes.size() + " hosts present a different host key");
        title.getStyleClass().addAll("host-key-warning-title", "text-danger");
        HBox head = new HBox(10, Widgets.icon(Feather.ALERT_OCTAGON, "icon-danger"), title);
        head.getStyleClass().add("host-key-warning");
        Label why = new Label("HybridPane refused to connect. Someone may be intercepting the connection, or the host was "
                + "reinstalled. Check with the host's owner; if the new key is right, remove the old one from HybridPane's "
                + "known_hosts and reconnect.");
        why.setWrapText(true);
        VBox box = new VBox(10, head, why);
        for (ProbeResult.HostKeyChanged c : changes) {
            Label l = new Label(c.hostPort() + "  (" + c.keyType() + ")\n  trusted:    " + c.oldFingerprint()
                    + "\n  presented: " + c.newFingerprint());
            l.getStyleClass().addAll("mono", "host-key-change");
            box.getChildren().add(l);
        }
        d.getDialogPane().setPrefWidth(760);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("host-key-changed-close");
        return d;
    }

    private static TableColumn<KnownHost, String> col(String title, double width,
            java.util.function.Function<KnownHost, String> f) {
        TableColumn<KnownHost, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
