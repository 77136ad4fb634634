package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's grammar checks of a policy document, as CreateRole and UpdateAssumeRolePolicy (a trust policy) and
 * PutRolePolicy (an identity policy) make them before they store it. A document that fails gets
 * {@code MalformedPolicyDocument} with IAM's own sentence. Written from the IAM user guide's policy grammar and
 * element references: {@code Version} is optional (IAM then reads it as 2008-10-17) but must be one of the two
 * language versions; {@code Statement} is one statement or a list of them; every statement has an {@code Effect}
 * and an action; a trust policy names a {@code Principal}, grants only STS actions and has no {@code Resource};
 * an identity policy has a {@code Resource} and no principal; condition keys carry a vendor prefix.
 */
final class PolicyDocuments {
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String SYNTAX = "Syntax errors in policy.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String MISSING_EFFECT = "Missing required field Effect";
    static final String MISSING_PRINCIPAL = "Missing required field Principal";
    static final String NO_ACTIONS = "Policy statement must contain actions.";
    static final String NO_RESOURCES = "Policy statement must contain resources.";
    static final String HAS_PRINCIPAL = "Policy document should not specify a principal.";
    static final String HAS_RESOURCE = "Has prohibited field Resource";
    static final String STS_ONLY = "AssumeRole policy may only specify STS AssumeRole actions.";
    static final String VENDOR = "Conditions must be prefaced by a vendor, e.g. iam, sdb, ec2, etc.";

    /** Which policy a document is: a role's trust policy or a permissions (identity) policy. */
    enum Kind { TRUST, IDENTITY }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
            "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyDocuments() {
    }

    /** A role's trust policy quota (ACLSizePerRole, default 2048) and its inline policies' together (10,240). */
    static final int TRUST_POLICY_QUOTA = 2048;
    static final int INLINE_POLICIES_QUOTA = 10240;

    /** A document's size as IAM counts it against its quotas: characters other than white space. */
    static int size(String document) {
        return (int) document.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    /** IAM's message for what is wrong with {@code document}, or empty when IAM would store it. */
    static Optional<String> problem(String document, Kind kind) {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (IOException e) {
            return Optional.of(INVALID_JSON);
        }
        if (root == null || !root.isObject()) {
            return Optional.of(INVALID_JSON);
        }
        for (var field : root.properties()) {
            if (!TOP.contains(field.getKey())) {
                return Optional.of(SYNTAX);
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !("2012-10-17".equals(version.asText(null)) || "2008-10-17".equals(version.asText(null)))) {
            return Optional.of(LEGACY);
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || !(statement.isObject() || statement.isArray() && !statement.isEmpty())) {
            return Optional.of(SYNTAX);
        }
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isObject()) {
            statements.add(statement);
        } else {
            statement.forEach(statements::add);
        }
        for (JsonNode s : statements) {
            Optional<String> p = statementProblem(s, kind);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> statementProblem(JsonNode s, Kind kind) {
        if (!s.isObject()) {
            return Optional.of(SYNTAX);
        }
        for (var field : s.properties()) {
            if (!STATEMENT.contains(field.getKey())) {
                return Optional.of(SYNTAX);
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            return Optional.of(MISSING_EFFECT);
        }
        if (!"Allow".equals(effect.asText(null)) && !"Deny".equals(effect.asText(null))) {
            return Optional.of(SYNTAX);
        }
        boolean principal = s.has("Principal") || s.has("NotPrincipal");
        if (kind == Kind.IDENTITY && principal) {
            return Optional.of(HAS_PRINCIPAL);
        }
        if (kind == Kind.TRUST && (s.has("Resource") || s.has("NotResource"))) {
            return Optional.of(HAS_RESOURCE);
        }
        if (kind == Kind.TRUST && !principal) {
            return Optional.of(MISSING_PRINCIPAL);
        }
        if (!s.has("Action") && !s.has("NotAction")) {
            return Optional.of(NO_ACTIONS);
        }
        if (kind == Kind.IDENTITY && !s.has("Resource") && !s.has("NotResource")) {
            return Optional.of(NO_RESOURCES);
        }
        Optional<List<String>> actions = texts(s.has("Action") ? s.get("Action") : s.get("NotAction"));
        if (actions.isEmpty()) {
            return Optional.of(SYNTAX);
        }
        if (kind == Kind.TRUST && s.has("Action")
                && !actions.get().stream().allMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("sts:"))) {
            return Optional.of(STS_ONLY);
        }
        if (principal) {
            Optional<String> p = principalProblem(s.has("Principal") ? s.get("Principal") : s.get("NotPrincipal"));
            if (p.isPresent()) {
                return p;
            }
        }
        return s.has("Condition") ? conditionProblem(s.get("Condition")) : Optional.empty();
    }

    private static Optional<String> principalProblem(JsonNode p) {
        if (p.isTextual() && "*".equals(p.asText())) {
            return Optional.empty();
        }
        if (!p.isObject() || p.isEmpty()) {
            return Optional.of(SYNTAX);
        }
        for (var field : p.properties()) {
            if (!PRINCIPAL_TYPES.contains(field.getKey())) {
                return Optional.of("Invalid principal in policy: \"" + field.getKey() + "\"");
            }
            Optional<List<String>> values = texts(field.getValue());
            if (values.isEmpty()) {
                return Optional.of(SYNTAX);
            }
            if ("Service".equals(field.getKey())) {
                for (String v : values.get()) {
                    if (!v.matches("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?")) {
                        return Optional.of("Invalid principal in policy: \"SERVICE\":\"" + v + "\"");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> conditionProblem(JsonNode c) {
        if (!c.isObject()) {
            return Optional.of(SYNTAX);
        }
        for (var operator : c.properties()) {
            if (!operator.getValue().isObject()) {
                return Optional.of(SYNTAX);
            }
            for (var key : operator.getValue().properties()) {
                if (key.getKey().indexOf(':') <= 0) {
                    return Optional.of(VENDOR);
                }
            }
        }
        return Optional.empty();
    }

    /** A JSON string or a non-empty list of strings; empty for anything else. */
    private static Optional<List<String>> texts(JsonNode n) {
        if (n != null && n.isTextual()) {
            return Optional.of(List.of(n.asText()));
        }
        if (n == null || !n.isArray() || n.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                return Optional.empty();
            }
            out.add(x.asText());
        }
        return Optional.of(out);
    }
}
