package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a role's trust policy lets an AWS service principal take an STS action: some statement with Effect Allow
 * names the service (Principal.Service, alone or in a list, or Principal "*") and the action (or "sts:*", "*").
 * Conditions are not evaluated by {@link #allows}: the services that check a role this way (SSM CreateActivation, IAM Roles
 * Anywhere CreateSession) are the principal, and the lab's callers are always the account's own; the one condition Roles
 * Anywhere sessions depend on, the session name bound to the certificate's CN, is read by {@link #requiredSessionName}.
 */
final class LabTrustPolicies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabTrustPolicies() {
    }

    static boolean allows(String policy, String service, String action) {
        JsonNode root;
        try {
            root = MAPPER.readTree(policy == null ? "" : policy);
        } catch (IOException e) {
            return false;
        }
        if (root == null) {
            return false;
        }
        JsonNode statements = root.path("Statement");
        if (statements.isObject()) {
            return statementAllows(statements, service, action);
        }
        for (JsonNode s : statements) {
            if (statementAllows(s, service, action)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The session name an Allow statement for the service's sts:AssumeRole requires through an {@code sts:RoleSessionName}
     * condition (StringEquals or StringLike without wildcards), with {@code ${aws:PrincipalTag/x509Subject/CN}} replaced by
     * the certificate's CN, as Roles Anywhere tags the session; empty when no such condition.
     */
    static Optional<String> requiredSessionName(String policy, String service, String cn) {
        JsonNode root;
        try {
            root = MAPPER.readTree(policy == null ? "" : policy);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        JsonNode statements = root.path("Statement");
        List<JsonNode> all = new ArrayList<>();
        if (statements.isObject()) {
            all.add(statements);
        } else {
            statements.forEach(all::add);
        }
        for (JsonNode s : all) {
            if (!statementAllows(s, service, "sts:AssumeRole")) {
                continue;
            }
            for (String op : List.of("StringEquals", "StringLike")) {
                JsonNode v = s.path("Condition").path(op).path("sts:RoleSessionName");
                if (v.isTextual()) {
                    return Optional.of(v.asText().replace("${aws:PrincipalTag/x509Subject/CN}", cn));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean statementAllows(JsonNode s, String service, String action) {
        if (!"Allow".equals(s.path("Effect").asText())) {
            return false;
        }
        JsonNode principal = s.path("Principal");
        boolean principalOk = "*".equals(principal.asText(null)) || contains(principal.path("Service"), service);
        return principalOk && (contains(s.path("Action"), action) || contains(s.path("Action"), "sts:*")
                || contains(s.path("Action"), "*"));
    }

    private static boolean contains(JsonNode values, String wanted) {
        if (values.isTextual()) {
            return values.asText().equalsIgnoreCase(wanted);
        }
        for (JsonNode v : values) {
            if (v.asText().equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }
}
