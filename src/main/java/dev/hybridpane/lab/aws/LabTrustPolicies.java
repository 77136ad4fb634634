package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Whether a role's trust policy lets an AWS service principal take an STS action: some statement with Effect Allow
 * names the service (Principal.Service, alone or in a list, or Principal "*") and the action (or "sts:*", "*").
 * Conditions are not evaluated: the services that check a role this way (SSM CreateActivation, IAM Roles Anywhere
 * CreateSession) are the principal, and the lab's callers are always the account's own.
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
