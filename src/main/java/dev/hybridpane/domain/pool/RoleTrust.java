package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an IAM role's trust policy (its AssumeRolePolicyDocument, JSON) lets in, read as IAM reads it: the service
 * principals of its Allow statements ({@code Principal.Service}, a string or a list; {@code Statement}, an object or a
 * list) whose action is an STS one, and the ARNs its conditions name (for Roles Anywhere, the trust anchors in
 * {@code aws:SourceArn}). Which credential provider a Hybrid Nodes role serves follows from the services it trusts.
 */
public record RoleTrust(Set<String> services, List<String> sourceArns) {
    public static final String SSM_SERVICE = "ssm.amazonaws.com";
    public static final String ROLES_ANYWHERE_SERVICE = "rolesanywhere.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RoleTrust {
        services = Set.copyOf(services);
        sourceArns = List.copyOf(sourceArns);
    }

    /** Reads a trust policy; a text that is not a JSON policy trusts nothing. */
    public static RoleTrust parse(String policy) {
        JsonNode root;
        try {
            root = JSON.readTree(policy == null ? "" : policy);
        } catch (IOException e) {
            return new RoleTrust(Set.of(), List.of());
        }
        Set<String> services = new LinkedHashSet<>();
        Set<String> arns = new LinkedHashSet<>();
        if (root != null && root.isObject()) {
            for (JsonNode s : items(root.path("Statement"))) {
                if (!"Allow".equals(s.path("Effect").asText()) || !stsAction(s.path("Action"))) {
                    continue;
                }
                for (JsonNode svc : items(s.path("Principal").path("Service"))) {
                    if (svc.isTextual()) {
                        services.add(svc.asText().strip().toLowerCase());
                    }
                }
                s.path("Condition").forEach(operator -> operator.fields().forEachRemaining(e -> {
                    if (e.getKey().equalsIgnoreCase("aws:SourceArn")) {
                        items(e.getValue()).forEach(v -> arns.add(v.asText()));
                    }
                }));
            }
        }
        return new RoleTrust(services, new ArrayList<>(arns));
    }

    private static List<JsonNode> items(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (!n.isMissingNode() && !n.isNull()) {
            out.add(n);
        }
        return out;
    }

    private static boolean stsAction(JsonNode action) {
        for (JsonNode a : items(action)) {
            String s = a.asText().toLowerCase();
            if (s.equals("*") || s.startsWith("sts:")) {
                return true;
            }
        }
        return false;
    }

    /** The service principal a credential provider's nodes come through. */
    public static String service(CredentialProvider provider) {
        return provider == CredentialProvider.IAM_RA ? ROLES_ANYWHERE_SERVICE : SSM_SERVICE;
    }

    public boolean trusts(CredentialProvider provider) {
        return services.contains(service(provider));
    }

    /** The credential provider the role serves: Roles Anywhere first when it trusts both; empty when neither. */
    public Optional<CredentialProvider> provider() {
        return trusts(CredentialProvider.IAM_RA) ? Optional.of(CredentialProvider.IAM_RA)
                : trusts(CredentialProvider.SSM) ? Optional.of(CredentialProvider.SSM) : Optional.empty();
    }

    /** What the role trusts, for a sentence: "ssm.amazonaws.com", "no service" … */
    public String describe() {
        return services.isEmpty() ? "no service principal" : String.join(", ", services);
    }

    /** The Roles Anywhere trust anchors its conditions name (aws:SourceArn ARNs with :trust-anchor/). */
    public List<String> trustAnchorArns() {
        return sourceArns.stream().filter(a -> a.contains(":rolesanywhere:") && a.contains(":trust-anchor/")).toList();
    }
}
