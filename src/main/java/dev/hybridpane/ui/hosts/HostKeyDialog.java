package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.ui.common.Widgets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Trust on first use: the new hosts' key fingerprints to accept or reject. A changed key is a red warning
 * with both fingerprints and no way to accept it here.
 */
final class HostKeyDialog {
    private HostKeyDialog() {
    }

    /** The new keys to trust; Reject (or leaving the page) rejects them. */
    static HostModal unknown(List<KnownHost> keys, Runnable onTrust, Runnable onReject) {
        HostModal page = new HostModal("host-key-dialog", "New host keys",
                keys.size() == 1 ? "First connection to " + keys.get(0).hostPort() + ": is this its host key?"
                        : "First connection to " + keys.size() + " hosts: are these their host keys?");
        Label note = new Label("Compare each fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub "
                + "on its console). Trusted keys go to HybridPane's own known_hosts; a key that changes later is refused.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
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
        page.setPrefWidth(860);
        page.setBody(new VBox(10, note, t));
        page.setOnDismiss(onReject);
        page.dismissButton("Reject", "host-key-reject");
        Button trust = page.button("Trust", "host-key-trust", () -> {
            page.close();
            onTrust.run();
        });
        trust.setDefaultButton(true);
        return page;
    }

    /** Keys that changed since they were trusted: a warning with both fingerprints, to read and close. */
    static HostModal changed(List<ProbeResult.HostKeyChanged> changes) {
        HostModal page = new HostModal("host-key-changed-dialog", "Host key changed", null);
        Message warning = new Message(changes.size() == 1 ? "The host key of " + changes.get(0).hostPort() + " has changed"
                : changes.size() + " hosts present a different host key",
                "HybridPane refused to connect. Someone may be intercepting the connection, or the host was "
                        + "reinstalled. Check with the host's owner; if the new key is right, select the host and use "
                        + "Forget host key… to trust it again.",
                Widgets.icon(Feather.ALERT_OCTAGON, null));
        warning.getStyleClass().addAll(Styles.DANGER, "host-key-warning");
        VBox box = new VBox(10, warning);
        for (ProbeResult.HostKeyChanged c : changes) {
            Label l = new Label(c.hostPort() + "  (" + c.keyType() + ")\n  trusted:    " + c.oldFingerprint()
                    + "\n  presented: " + c.newFingerprint());
            l.getStyleClass().addAll("mono", "host-key-change");
            box.getChildren().add(l);
        }
        page.setPrefWidth(760);
        page.setBody(box);
        page.dismissButton("Close", "host-key-changed-close").setDefaultButton(true);
        return page;
    }

    /**
     * Confirms forgetting a changed key: both fingerprints and a plain warning. On confirm the old key leaves
     * HybridPane's known_hosts and the host is asked for its key again (trust on first use).
     */
    static HostModal forget(ProbeResult.HostKeyChanged change, Runnable onForget) {
        HostModal page = new HostModal("host-key-forget-dialog", "Forget host key", null);
        Message warning = new Message("Forget the trusted key of " + change.hostPort() + "?",
                "This could be an attack. A changed host key is what a machine in the middle of the "
                        + "connection would present. Only continue if you know why the key changed (the host was reinstalled "
                        + "or its SSH keys were regenerated) and you have checked the new fingerprint on the host's own "
                        + "console: ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileType(change.keyType()) + "_key.pub",
                Widgets.icon(Feather.ALERT_TRIANGLE, null));
        warning.getStyleClass().addAll(Styles.DANGER, "host-key-warning");
        Label fps = new Label("Trusted until now:  " + change.oldFingerprint() + "\nPresented now:      "
                + change.newFingerprint() + "\nKey type: " + change.keyType());
        fps.setId("host-key-forget-fingerprints");
        fps.getStyleClass().addAll("mono", "host-key-change");
        Label next = new Label("After forgetting, HybridPane connects again and shows the new key for you to trust or reject.");
        next.setWrapText(true);
        next.getStyleClass().add(Styles.TEXT_MUTED);
        page.setPrefWidth(760);
        page.setBody(new VBox(12, warning, fps, next));
        // the safe answer is the default one
        page.dismissButton("Cancel", "host-key-forget-cancel").setDefaultButton(true);
        Button ok = page.button("Forget key and reconnect", "host-key-forget-ok", () -> {
            page.close();
            onForget.run();
        });
        ok.getStyleClass().add(Styles.DANGER);
        return page;
    }

    /** "ecdsa-sha2-nistp256" to "ecdsa", "ssh-ed25519" to "ed25519", "ssh-rsa" to "rsa": the host key file's name. */
    static String keyFileType(String keyType) {
        String k = keyType == null ? "" : keyType.toLowerCase(Locale.ROOT);
        return k.contains("ed25519") ? "ed25519" : k.contains("ecdsa") ? "ecdsa" : k.contains("rsa") ? "rsa" : "*";
    }

    private static TableColumn<KnownHost, String> col(String title, double width, Function<KnownHost, String> f) {
        TableColumn<KnownHost, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
