package dev.hybridpane.ui.hosts;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * What a probe asks for: a key's passphrase, hosts' sudo password. The answer goes to the callback as a fresh array
 * (null when the page is left without one) and the field is cleared; nothing is kept here.
 */
final class PasswordPrompts {
    private PasswordPrompts() {
    }

    static HostModal passphrase(String host, Consumer<char[]> answer) {
        HostModal page = new HostModal("passphrase-dialog", "Key passphrase",
                "The private key for " + host + " is encrypted. Its passphrase is kept in memory only.");
        PasswordField pw = new PasswordField();
        pw.setId("passphrase-field");
        page.setBody(new VBox(8, new Label("Passphrase"), pw));
        return ask(page, pw, "passphrase", answer);
    }

    static HostModal sudoPassword(List<String> hosts, Consumer<char[]> answer) {
        HostModal page = new HostModal("sudo-password-dialog", "Sudo password",
                (hosts.size() == 1 ? hosts.get(0) + " uses" : String.join(", ", hosts) + " use")
                        + " sudo with a password. It is kept in memory for this session only, never saved.");
        PasswordField pw = new PasswordField();
        pw.setId("sudo-password-field");
        Label note = new Label(hosts.size() == 1 ? "" : "The same password is used for these hosts; "
                + "use Edit on a host to give it its own.");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        note.managedProperty().bind(note.visibleProperty());
        note.setVisible(hosts.size() > 1);
        page.setBody(new VBox(8, new Label("Sudo password"), pw, note));
        return ask(page, pw, "sudo-password", answer);
    }

    private static HostModal ask(HostModal page, PasswordField pw, String idPrefix, Consumer<char[]> answer) {
        page.setPrefWidth(480);
        page.setFocus(pw);
        page.setOnDismiss(() -> {
            pw.clear();
            answer.accept(null);
        });
        page.dismissButton("Cancel", idPrefix + "-cancel");
        page.button("OK", idPrefix + "-ok", () -> {
            char[] p = pw.getText().toCharArray();
            pw.clear();
            page.close();
            answer.accept(p);
        }).setDefaultButton(true);
        return page;
    }
}
