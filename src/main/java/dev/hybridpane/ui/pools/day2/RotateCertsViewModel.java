package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.ui.pools.wizard.CaKeyFile;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Rotate certificates…" (IAM Roles Anywhere pools): the CA's private key file and its passphrase (held as a char[]
 * only while needed, wiped after the run and when the dialog closes, as the create wizard's {@link CaKeyFile}), the
 * plan (per host: issue with the same CN, copy certificate and key 0600, restart the signing helper, check Ready),
 * then the run with a row per host.
 */
public final class RotateCertsViewModel extends Day2Flow {
    private final StringProperty keyFile = new SimpleStringProperty(this, "keyFile", "");
    private final ReadOnlyStringWrapper keyFileError = new ReadOnlyStringWrapper(this, "keyFileError", "");
    private final List<String> hosts;
    private char[] passphrase = new char[0];
    private Path chosen;

    /** @param hosts the pool's hosts (the run's rows) */
    RotateCertsViewModel(Day2Context ctx, List<String> hosts) {
        super(ctx, "Rotate the certificates of pool " + ctx.target().pool());
        this.hosts = List.copyOf(hosts);
    }

    /** The passphrase as typed (a copy is kept; the caller wipes its own). Empty: the key is not encrypted. */
    public void passphrase(char[] typed) {
        Arrays.fill(passphrase, '\0');
        passphrase = typed == null ? new char[0] : typed.clone();
    }

    /** Whether a passphrase is held now (for tests: it is wiped after the run). */
    boolean holdsPassphrase() {
        for (char c : passphrase) {
            if (c != '\0') {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean checkChoices() {
        String text = keyFile.get() == null ? "" : keyFile.get().strip();
        if (text.isEmpty()) {
            keyFileError.set("Choose the CA's private key file (PEM).");
            return false;
        }
        try {
            Path p = Path.of(text);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                keyFileError.set("No readable file at " + text + ".");
                return false;
            }
            chosen = p;
        } catch (InvalidPathException e) {
            keyFileError.set("Not a file path: " + text + ".");
            return false;
        }
        keyFileError.set("");
        return true;
    }

    @Override
    protected String makePlan() throws Exception {
        return ctx.port().planRotation(ctx.target()).planText();
    }

    @Override
    protected Map<String, String> targets() {
        Map<String, String> t = new LinkedHashMap<>();
        hosts.forEach(h -> t.put(h, "certificate"));
        return t;
    }

    @Override
    protected Journal execute(RunControl control, Consumer<Journal> progress) throws Exception {
        CaKeyFile ca = new CaKeyFile(chosen, passphrase);
        try {
            return ctx.port().rotate(ctx.target(), ca, control, progress);
        } finally {
            ca.wipe();
        }
    }

    @Override
    protected void afterRun() {
        wipe();
    }

    /** Clears the passphrase (after the run, and when the dialog closes). */
    public void wipe() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public BooleanExpression choicesValid() {
        return keyFile.isNotEmpty();
    }

    public StringProperty keyFileProperty() { return keyFile; }
    public ReadOnlyStringProperty keyFileErrorProperty() { return keyFileError.getReadOnlyProperty(); }
}
