package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.nio.file.Path;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step b): how nodes get credentials. SSM or IAM Roles Anywhere, the role name and its generated policies, and for
 * Roles Anywhere the CA (imported PEM or generated here, key written only to the user's file), names and session.
 */
public final class CredentialsStepViewModel {
    private final TaskRunner runner;
    private final CertificateAuthorityPort ca;
    private final ObjectProperty<CredentialProvider> provider = new SimpleObjectProperty<>(this, "provider", CredentialProvider.SSM);
    private final StringProperty roleName = new SimpleStringProperty(this, "roleName", HybridNodesIam.DEFAULT_ROLE_NAME);
    private final ReadOnlyStringWrapper roleNameError = new ReadOnlyStringWrapper(this, "roleNameError");
    private final ReadOnlyStringWrapper trustPolicy = new ReadOnlyStringWrapper(this, "trustPolicy", "");
    private final ReadOnlyStringWrapper permissions = new ReadOnlyStringWrapper(this, "permissions", "");
    private final BooleanProperty generateCa = new SimpleBooleanProperty(this, "generateCa");
    private final ReadOnlyObjectWrapper<CaCertificate> certificate = new ReadOnlyObjectWrapper<>(this, "certificate");
    private final ReadOnlyStringWrapper caStatus = new ReadOnlyStringWrapper(this, "caStatus", "No CA certificate yet.");
    private final ReadOnlyStringWrapper caError = new ReadOnlyStringWrapper(this, "caError");
    private final StringProperty trustAnchorName = new SimpleStringProperty(this, "trustAnchorName", "");
    private final StringProperty profileName = new SimpleStringProperty(this, "profileName", "");
    private final ReadOnlyStringWrapper namesError = new ReadOnlyStringWrapper(this, "namesError");
    private final StringProperty sessionSeconds = new SimpleStringProperty(this, "sessionSeconds", "3600");
    private final ReadOnlyStringWrapper sessionError = new ReadOnlyStringWrapper(this, "sessionError");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private String region = "";
    private String account = "";
    private String clusterArn = "";
    private String clusterName = "";

    public CredentialsStepViewModel(TaskRunner runner, CertificateAuthorityPort ca) {
        this.runner = runner;
        this.ca = ca;
        Observable[] deps = {provider, roleName, certificate, trustAnchorName, profileName, sessionSeconds};
        for (Observable d : deps) {
            d.addListener(o -> validate());
        }
        validate();
    }

    public void load(String clusterName, String region, String account, String clusterArn) {
        this.clusterName = clusterName;
        this.region = region;
        this.account = account;
        this.clusterArn = clusterArn;
        trustAnchorName.set("hybridpane-" + clusterName);
        profileName.set("hybridpane-" + clusterName);
        validate();
    }

    /** Reads a CA certificate the user chose (blocking read off the FX thread). */
    public void importCertificate(Path pem) {
        caError.set(null);
        caStatus.set("Reading " + pem.getFileName() + "…");
        runner.task("Reading CA certificate", () -> ca.read(pem)).onSuccess(this::accept).onError(this::fail).start();
    }

    /** Generates a new CA: the key goes to {@code keyFile} only (never uploaded, never shown), the certificate beside it. */
    public void generate(Path keyFile) {
        caError.set(null);
        Path cert = keyFile.resolveSibling(baseName(keyFile) + ".pem");
        caStatus.set("Generating a CA…");
        runner.task("Generating CA", () -> ca.generate("HybridPane " + clusterName + " CA", 3650, cert, keyFile))
                .onSuccess(c -> {
                    accept(c);
                    caStatus.set(caStatus.get() + " Key saved to " + keyFile + " (owner-only); certificate at " + cert + ".");
                })
                .onError(this::fail)
                .start();
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n) + "-cert";
    }

    private void accept(CaCertificate c) {
        certificate.set(c);
        caStatus.set("CA " + c.subject() + ", valid until " + c.notAfter() + ".");
    }

    private void fail(Throwable e) {
        caError.set(Errors.sentence(e));
        caStatus.set(certificate.get() == null ? "No CA certificate yet." : caStatus.get());
    }

    private void validate() {
        CredentialProvider p = provider.get();
        String role = roleName.get() == null ? "" : roleName.get().strip();
        roleNameError.set(role.matches("[\\w+=,.@-]{1,64}") ? null : "1 to 64 letters, digits or +=,.@_- characters.");
        trustPolicy.set(HybridNodesIam.trustPolicy(Arns.partition(region, clusterArn), p, region, account, null));
        StringBuilder b = new StringBuilder();
        HybridNodesIam.managedPolicies(Arns.partition(region, clusterArn), p).forEach(a -> b.append("Managed: ").append(a).append('\n'));
        HybridNodesIam.inlinePolicies(p, region, account, clusterArn).forEach(i -> b.append("\nInline ").append(i.name())
                .append(":\n").append(i.document()).append('\n'));
        permissions.set(b.toString().strip());
        boolean ra = p == CredentialProvider.IAM_RA;
        String names = null;
        if (!ok(trustAnchorName.get())) {
            names = "Trust anchor name: 1 to 255 letters, digits, spaces, - or _.";
        } else if (!ok(profileName.get())) {
            names = "Profile name: 1 to 255 letters, digits, spaces, - or _.";
        }
        namesError.set(names);
        sessionError.set(sessionProblem(sessionSeconds.get()));
        valid.set(roleNameError.get() == null && (!ra || certificate.get() != null && names == null && sessionError.get() == null));
    }

    private static boolean ok(String name) {
        return name != null && name.matches("[ a-zA-Z0-9-_]{1,255}");
    }

    static String sessionProblem(String text) {
        int s;
        try {
            s = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            return "Enter the session length in whole seconds (900 to 43200).";
        }
        return HybridNodesIam.sessionDurationProblem(s, HybridNodesIam.ROLE_MAX_SESSION_SECONDS);
    }

    public int sessionSecondsValue() {
        try {
            return Integer.parseInt(sessionSeconds.get().strip());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    public String pem() {
        return certificate.get() == null ? null : certificate.get().pem();
    }

    public ObjectProperty<CredentialProvider> providerProperty() {
        return provider;
    }

    public StringProperty roleNameProperty() {
        return roleName;
    }

    public ReadOnlyStringProperty roleNameErrorProperty() {
        return roleNameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trustPolicyProperty() {
        return trustPolicy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty permissionsProperty() {
        return permissions.getReadOnlyProperty();
    }

    public BooleanProperty generateCaProperty() {
        return generateCa;
    }

    public ReadOnlyObjectProperty<CaCertificate> certificateProperty() {
        return certificate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty caStatusProperty() {
        return caStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty caErrorProperty() {
        return caError.getReadOnlyProperty();
    }

    public StringProperty trustAnchorNameProperty() {
        return trustAnchorName;
    }

    public StringProperty profileNameProperty() {
        return profileName;
    }

    public ReadOnlyStringProperty namesErrorProperty() {
        return namesError.getReadOnlyProperty();
    }

    public StringProperty sessionSecondsProperty() {
        return sessionSeconds;
    }

    public ReadOnlyStringProperty sessionErrorProperty() {
        return sessionError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
