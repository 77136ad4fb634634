package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.domain.AuthenticationMode;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Step c): how hybrid nodes are admitted. An access entry of type HYBRID_LINUX by default; on API_AND_CONFIG_MAP
 * clusters the aws-auth mapRoles alternative; a CONFIG_MAP-only cluster is refused with the reason.
 */
public final class AccessStepViewModel {
    private final ObjectProperty<NodeAccess> access = new SimpleObjectProperty<>(this, "access", NodeAccess.ACCESS_ENTRY);
    private final ReadOnlyBooleanWrapper awsAuthAllowed = new ReadOnlyBooleanWrapper(this, "awsAuthAllowed");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal");
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(this, "mode", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private AuthenticationMode auth = AuthenticationMode.API;

    public AccessStepViewModel() {
        access.addListener(o -> validate());
        validate();
    }

    public void load(AuthenticationMode m) {
        auth = m;
        mode.set(m == null ? "unknown" : m.name());
        awsAuthAllowed.set(m == AuthenticationMode.API_AND_CONFIG_MAP);
        refusal.set(m == AuthenticationMode.CONFIG_MAP ? "This cluster authenticates with the aws-auth ConfigMap only "
                + "(CONFIG_MAP). Hybrid nodes need access entries: switch the cluster's authentication mode to "
                + "API_AND_CONFIG_MAP (aws eks update-cluster-config --access-config authenticationMode=API_AND_CONFIG_MAP), "
                + "then run this wizard again." : null);
        if (!awsAuthAllowed.get()) {
            access.set(NodeAccess.ACCESS_ENTRY);
        }
        validate();
    }

    private void validate() {
        valid.set(refusal.get() == null && (access.get() != NodeAccess.AWS_AUTH || auth == AuthenticationMode.API_AND_CONFIG_MAP));
    }

    /** The aws-auth mapRoles entry that the alternative adds. */
    public static String awsAuthSnippet(String roleArn) {
        return """
                mapRoles: |
                  - rolearn: %s
                    username: system:node:{{SessionName}}
                    groups:
                      - system:bootstrappers
                      - system:nodes
                """.formatted(roleArn);
    }

    public ObjectProperty<NodeAccess> accessProperty() {
        return access;
    }

    public ReadOnlyBooleanProperty awsAuthAllowedProperty() {
        return awsAuthAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
