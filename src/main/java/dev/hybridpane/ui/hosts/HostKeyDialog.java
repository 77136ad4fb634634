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
    static final ButtonType FORGET = new ButtonType("Forget key and reconnect", ButtonBar.ButtonData.OK_DONE);

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
                + "reinstalled. Check with the host's owner; if the new key is right, select the host and use "
                + "Forget host key… to trust it again.");
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

    /**
     * Confirms forgetting a changed key: both fingerprints and a plain warning. On confirm the old key leaves
     * HybridPane's known_hosts and the host is asked for its key again (trust on first use).
     */
    static Dialog<ButtonType> forget(ProbeResult.HostKeyChanged change, Node owner) {
        Dialog<ButtonType> d = new Dialog<>();
        HostDialogs.prepare(d, owner, "Forget host key", "host-key-forget-dialog");
        d.setHeaderText(null);
        Label title = new Label("Forget the trusted key of " + change.hostPort() + "?");
        title.getStyleClass().addAll("host-key-warning-title", "text-danger");
        HBox head = new HBox(10, Widgets.icon(Feather.ALERT_TRIANGLE, "icon-danger"), title);
        head.getStyleClass().add("host-key-warning");
        Label warn = new Label("This could be an attack. A changed host key is what a machine in the middle of the "
                + "connection would present. Only continue if you know why the key changed (the host was reinstalled or "
                + "its SSH keys were regenerated) and you have checked the new fingerprint on the host's own console: "
                + "ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileType(change.keyType()) + "_key.pub");
        warn.setWrapText(true);
        Label fps = new Label("Trusted until now:  " + change.oldFingerprint() + "\nPresented now:      "
                + change.newFingerprint() + "\nKey type: " + change.keyType());
        fps.setId("host-key-forget-fingerprints");
        fps.getStyleClass().addAll("mono", "host-key-change");
        Label next = new Label("After forgetting, HybridPane connects again and shows the new key for you to trust or reject.");
        next.setWrapText(true);
        next.getStyleClass().add("muted");
        d.getDialogPane().setPrefWidth(760);
        d.getDialogPane().setContent(new VBox(12, head, warn, fps, next));
        d.getDialogPane().getButtonTypes().setAll(FORGET, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(FORGET);
        ok.setId("host-key-forget-ok");
        ok.getStyleClass().add("danger");
        ((javafx.scene.control.Button) ok).setDefaultButton(false);
        ((javafx.scene.control.Button) d.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        d.getDialogPane().lookupButton(ButtonType.CANCEL).setId("host-key-forget-cancel");
        return d;
    }

    /** "ecdsa-sha2-nistp256" to "ecdsa", "ssh-ed25519" to "ed25519", "ssh-rsa" to "rsa": the host key file's name. */
    static String keyFileType(String keyType) {
        String k = keyType == null ? "" : keyType.toLowerCase(java.util.Locale.ROOT);
        return k.contains("ed25519") ? "ed25519" : k.contains("ecdsa") ? "ecdsa" : k.contains("rsa") ? "rsa" : "*";
    }

    private static TableColumn<KnownHost, String> col(String title, double width,
            java.util.function.Function<KnownHost, String> f) {
        TableColumn<KnownHost, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
