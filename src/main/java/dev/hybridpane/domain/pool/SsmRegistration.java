package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * The SSM agent's registration file, {@code /var/lib/amazon/ssm/registration}: {@code {"ManagedInstanceID":"mi-…",
 * "Region":"…"}}. nodeadm names an SSM node by its managed instance id.
 */
public record SsmRegistration(String managedInstanceId, String region) {
    public static final String PATH = "/var/lib/amazon/ssm/registration";
    /** SSM's managed instance ids for hybrid activations: mi- and 17 hex digits. */
    public static final Pattern MANAGED_INSTANCE_ID = Pattern.compile("mi-[0-9a-f]{17}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the file's JSON; a text without a ManagedInstanceID is refused in one line. */
    public static SsmRegistration parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The SSM registration file " + PATH + " is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The SSM registration file " + PATH + " holds no registration.");
        }
        String id = root.path("ManagedInstanceID").asText("").strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("The SSM registration file " + PATH + " has no ManagedInstanceID.");
        }
        return new SsmRegistration(id, root.path("Region").asText("").strip());
    }

    /** Whether the id looks like a hybrid managed instance's ({@code mi-} and 17 hex digits). */
    public boolean wellFormed() {
        return MANAGED_INSTANCE_ID.matcher(managedInstanceId).matches();
    }
}
