package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SSM's hybrid-activation writes: CreateActivation, DeleteActivation and DeregisterManagedInstance, with the members'
 * bounds and patterns of the SSM API reference (botocore's ssm 2014-11-06 model) and the service's own checks: the
 * IamRole must exist and trust ssm.amazonaws.com; ExpirationDate is in the future and at most 30 days ahead (default
 * 24 hours); RegistrationLimit 1 to 1,000 (default 1). The activation code is returned by CreateActivation only.
 */
final class SsmWrites {
    static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    static final Duration LONGEST_EXPIRY = Duration.ofDays(30);
    static final String ACTIVATION_ID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    static final String INSTANCE_ID_PATTERN = "(^mi-[0-9a-f]{17}$)|(^eks_c:[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}_\\w{17}$)";
    private static final Pattern NAME = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Pattern TAG_KEY = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    private final Json json;
    private final AwsState state;
    private final SsmRegistry registry;
    private final IamService iam;

    SsmWrites(Json json, AwsState state, SsmRegistry registry, IamService iam) {
        this.json = json;
        this.state = state;
        this.registry = registry;
        this.iam = iam;
    }

    ObjectNode createActivation(String region, JsonNode body) {
        String role = required(body, "IamRole", "iamRole");
        length(role, 0, 64, "iamRole");
        String name = optional(body, "DefaultInstanceName");
        length(name, 0, 256, "defaultInstanceName");
        pattern(name, NAME, "defaultInstanceName");
        String description = optional(body, "Description");
        length(description, 0, 256, "description");
        int limit = 1;
        JsonNode l = body.path("RegistrationLimit");
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.canConvertToInt()) {
                throw SsmService.validation("Value '" + l.asText() + "' at 'registrationLimit' failed to satisfy constraint: "
                        + "Member must be an integer");
            }
            limit = l.asInt();
            if (limit < 1) {
                throw SsmService.validation("Value '" + limit + "' at 'registrationLimit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
            }
            if (limit > 1000) {
                throw SsmService.validation("Value '" + limit + "' at 'registrationLimit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1000");
            }
        }
        Map<String, String> tags = tags(body.path("Tags"));
        Instant now = registry.now();
        Instant expires = now.plus(DEFAULT_EXPIRY);
        JsonNode e = body.path("ExpirationDate");
        if (!e.isMissingNode() && !e.isNull()) {
            expires = timestamp(e);
            if (!expires.isAfter(now)) {
                throw SsmService.validation("Value '" + expires + "' at 'expirationDate' failed to satisfy constraint: "
                        + "ExpirationDate must be in the future");
            }
            if (expires.isAfter(now.plus(LONGEST_EXPIRY))) {
                throw SsmService.validation("Value '" + expires + "' at 'expirationDate' failed to satisfy constraint: "
                        + "ExpirationDate can be at most 30 days in the future");
            }
        }
        String arn = "arn:aws:iam::" + state.accountId() + ":role/" + role;
        boolean trusted = iam.trust(role).map(t -> LabTrustPolicies.allows(t.trustPolicy(), "ssm.amazonaws.com", "sts:AssumeRole"))
                .orElse(false);
        if (!trusted) {
            throw new SsmService.Refused("ValidationException",
                    "Nonexistent role or missing ssm service principal in trust policy: " + arn);
        }
        SsmRegistry.Created c = registry.create(region, role, name == null ? "" : name, description == null ? "" : description,
                expires, limit, tags);
        return json.object().put("ActivationId", c.activationId()).put("ActivationCode", c.activationCode());
    }

    ObjectNode deleteActivation(String region, JsonNode body) {
        String id = required(body, "ActivationId", "activationId");
        if (!id.matches(ACTIVATION_ID_PATTERN)) {
            throw invalidActivationId();
        }
        return switch (registry.delete(state, region, id)) {
            case DELETED -> json.object();
            case UNKNOWN -> throw invalidActivationId();
            case ALREADY_DELETED -> throw new SsmService.Refused("InvalidActivation", "The activation isn't valid. The activation "
                    + "might have been deleted, or the ActivationId and the ActivationCode don't match.");
        };
    }

    private static SsmService.Refused invalidActivationId() {
        return new SsmService.Refused("InvalidActivationId", "The activation ID isn't valid. Verify that you entered the correct "
                + "ActivationId or ActivationCode and try again.");
    }

    ObjectNode deregisterManagedInstance(String region, JsonNode body) {
        String id = required(body, "InstanceId", "instanceId");
        length(id, 20, 124, "instanceId");
        if (!id.matches(INSTANCE_ID_PATTERN) || !registry.deregister(state, region, id)) {
            throw new SsmService.Refused("InvalidInstanceId", "Not existing InstanceId " + id);
        }
        return json.object();
    }

    private static String required(JsonNode body, String member, String where) {
        JsonNode v = body.path(member);
        if (v.isMissingNode() || v.isNull()) {
            throw SsmService.validation("Value null at '" + where + "' failed to satisfy constraint: Member must not be null");
        }
        return v.asText();
    }

    private static String optional(JsonNode body, String member) {
        JsonNode v = body.path(member);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static void length(String value, int least, int most, String where) {
        if (value == null) {
            return;
        }
        if (value.length() < least) {
            throw SsmService.validation("Value '" + value + "' at '" + where + "' failed to satisfy constraint: Member must have "
                    + "length greater than or equal to " + least);
        }
        if (value.length() > most) {
            throw SsmService.validation("Value '" + value + "' at '" + where + "' failed to satisfy constraint: Member must have "
                    + "length less than or equal to " + most);
        }
    }

    private static void pattern(String value, Pattern p, String where) {
        if (value != null && !p.matcher(value).matches()) {
            throw SsmService.validation("Value '" + value + "' at '" + where + "' failed to satisfy constraint: Member must "
                    + "satisfy regular expression pattern: " + p.pattern());
        }
    }

    /** Tags: at most 1,000; keys 1 to 128 characters, values up to 256; a key once. */
    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (list.size() > 1000) {
            throw SsmService.validation("Value at 'tags' failed to satisfy constraint: Member must have length less than or "
                    + "equal to 1000");
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "tags." + (i + 1) + ".member";
            String key = required(list.get(i), "Key", where + ".key");
            String value = required(list.get(i), "Value", where + ".value");
            length(key, 1, 128, where + ".key");
            pattern(key, TAG_KEY, where + ".key");
            length(value, 0, 256, where + ".value");
            if (out.put(key, value) != null) {
                throw SsmService.validation("Duplicate tag key " + key + " at '" + where + ".key'");
            }
        }
        return out;
    }

    /** A JSON 1.1 timestamp: epoch seconds, with a fraction (as the SDKs and the aws CLI send it). */
    private static Instant timestamp(JsonNode v) {
        try {
            BigDecimal seconds = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SsmService.Refused("SerializationException", "The ExpirationDate is not a timestamp.");
        }
    }
}
