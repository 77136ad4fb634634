package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * AWS Systems Manager on JSON 1.1 ({@code X-Amz-Target: AmazonSSM.<Operation>}): DescribeInstanceInformation and
 * DescribeActivations over the region's hybrid activations and managed instances (seeded: {@link SsmFleet}; made at run
 * time: {@link SsmRegistry}), CreateActivation, DeleteActivation and DeregisterManagedInstance ({@link SsmWrites}), with their
 * filters and MaxResults/NextToken paging (tokens bound to the call, region and filters; any other is InvalidNextToken).
 * Member names, bounds and error codes are those of the SSM API reference (botocore's ssm 2014-11-06 model).
 */
final class SsmService implements AwsService {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final Set<String> OPERATIONS = Set.of("DescribeInstanceInformation", "DescribeActivations",
            "CreateActivation", "DeleteActivation", "DeregisterManagedInstance");
    private static final List<String> INSTANCE_FILTER_KEYS = List.of("InstanceIds", "AgentVersion", "PingStatus",
            "PlatformTypes", "ActivationIds", "IamRole", "ResourceType", "AssociationStatus");
    private static final List<String> ACTIVATION_FILTER_KEYS = List.of("ActivationIds", "DefaultInstanceName", "IamRole");

    private final Json json;
    private final AwsState state;
    private final int defaultPageSize;
    private final Clock clock = Clock.systemUTC();
    private final SsmRegistry registry;
    private final SsmWrites writes;

    /** Without an account: every operation is UnknownOperationException. */
    SsmService(Json json) {
        this(json, null, 0, null, null);
    }

    /** {@code defaultPageSize} > 0 caps every page (tests exercise the clients' paginators). */
    SsmService(Json json, AwsState state, int defaultPageSize, SsmRegistry registry, IamService iam) {
        this.json = json;
        this.state = state;
        this.defaultPageSize = defaultPageSize;
        this.registry = registry;
        this.writes = state == null ? null : new SsmWrites(json, state, registry, iam);
    }

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public String operation(AwsRequest request) {
        String t = target(request);
        return t.isEmpty() ? null : t;
    }

    /** The operation named by X-Amz-Target, implemented or not (used in messages). */
    static String target(AwsRequest request) {
        String t = request.header("x-amz-target").orElse("");
        return t.startsWith(TARGET_PREFIX) ? t.substring(TARGET_PREFIX.length()) : t;
    }

    /** A request SSM refuses, with its code and message. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest request) {
        if (state == null || !OPERATIONS.contains(operation)) {
            return unknownOperation(request);
        }
        JsonNode body;
        try {
            body = json.read(request.body());
        } catch (UncheckedIOException e) {
            return error(request, 400, "SerializationException", "The request body is not valid JSON.");
        }
        try {
            return switch (operation) {
                case "CreateActivation" -> ok(writes.createActivation(request.region(), body));
                case "DeleteActivation" -> ok(writes.deleteActivation(request.region(), body));
                case "DeregisterManagedInstance" -> ok(writes.deregisterManagedInstance(request.region(), body));
                case "DescribeInstanceInformation" -> describeInstanceInformation(request, body,
                        registry.fleet(state, request.region()));
                default -> describeActivations(request, body, registry.fleet(state, request.region()));
            };
        } catch (Refused e) {
            return error(request, 400, e.code, e.getMessage());
        }
    }

    private AwsResponse describeInstanceInformation(AwsRequest r, JsonNode body, SsmFleet fleet) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        JsonNode list = body.path("InstanceInformationFilterList");
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i).path("key").asText("");
            if (!INSTANCE_FILTER_KEYS.contains(key)) {
                throw validation("Value '" + key + "' at 'instanceInformationFilterList." + (i + 1) + ".member.key' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: " + INSTANCE_FILTER_KEYS);
            }
            filters.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values(list.get(i).path("valueSet"),
                    "instanceInformationFilterList." + (i + 1) + ".member.valueSet"));
        }
        JsonNode strings = body.path("Filters");
        for (int i = 0; i < strings.size(); i++) {
            String key = strings.get(i).path("Key").asText("");
            if (!INSTANCE_FILTER_KEYS.contains(key) && !key.equals("tag-key") && !key.startsWith("tag:")) {
                throw new Refused("InvalidFilterKey", "The filter key " + key + " is not valid.");
            }
            filters.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values(strings.get(i).path("Values"),
                    "filters." + (i + 1) + ".member.values"));
        }
        List<String> ids = filters.getOrDefault("InstanceIds", List.of());
        List<String> unknown = ids.stream().filter(id -> fleet.instances.stream().noneMatch(m -> m.id().equals(id))).toList();
        if (!unknown.isEmpty()) {
            throw new Refused("InvalidInstanceId", "Instances " + unknown + " not in a valid state for account "
                    + state.accountId());
        }
        Map<String, Function<SsmFleet.ManagedInstance, List<String>>> fields = new LinkedHashMap<>();
        fields.put("InstanceIds", m -> List.of(m.id()));
        fields.put("AgentVersion", m -> List.of(SsmFleet.AGENT_VERSION));
        fields.put("PingStatus", m -> List.of("Online"));
        fields.put("PlatformTypes", m -> List.of("Linux"));
        fields.put("ActivationIds", m -> List.of(m.activation().id()));
        fields.put("IamRole", m -> List.of(m.activation().iamRole()));
        fields.put("ResourceType", m -> List.of("ManagedInstance"));
        fields.put("AssociationStatus", m -> List.of());
        fields.put("tag-key", m -> List.copyOf(m.activation().tags().keySet()));
        List<SsmFleet.ManagedInstance> selected = fleet.instances.stream()
                .filter(m -> filters.entrySet().stream().allMatch(f -> fields.getOrDefault(f.getKey(), x -> tag(x, f.getKey())).apply(m)
                        .stream().anyMatch(f.getValue()::contains)))
                .toList();
        Pages<SsmFleet.ManagedInstance> page = page(r, body, "ssm:DescribeInstanceInformation " + r.region() + " " + filters,
                selected, 5, 50);
        Instant now = clock.instant();
        ObjectNode out = json.object();
        ArrayNode arr = out.putArray("InstanceInformationList");
        for (SsmFleet.ManagedInstance m : page.items()) {
            Instant ping = now.minus(Duration.ofSeconds(37)).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode o = arr.addObject().put("InstanceId", m.id()).put("PingStatus", "Online")
                    .put("LastPingDateTime", Json.epochSeconds(ping.isBefore(m.registered()) ? m.registered() : ping))
                    .put("AgentVersion", SsmFleet.AGENT_VERSION).put("IsLatestVersion", false).put("PlatformType", "Linux")
                    .put("ActivationId", m.activation().id()).put("IamRole", m.activation().iamRole())
                    .put("RegistrationDate", Json.epochSeconds(m.registered())).put("ResourceType", "ManagedInstance")
                    .put("Name", m.activation().defaultInstanceName()).put("IPAddress", m.ip())
                    .put("ComputerName", m.computerName()).put("SourceId", m.id())
                    .put("SourceType", "AWS::SSM::ManagedInstance");
            if (m.platformName() != null) {
                // the agent reports its host's platform with its first ping
                o.put("PlatformName", m.platformName())
                        .put("PlatformVersion", m.platformVersion());
            }
        }
        if (page.next() != null) {
            out.put("NextToken", page.next());
        }
        return ok(out);
    }

    private AwsResponse describeActivations(AwsRequest r, JsonNode body, SsmFleet fleet) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        JsonNode list = body.path("Filters");
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i).path("FilterKey").asText("");
            if (!ACTIVATION_FILTER_KEYS.contains(key)) {
                throw validation("Value '" + key + "' at 'filters." + (i + 1) + ".member.filterKey' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: " + ACTIVATION_FILTER_KEYS);
            }
            JsonNode values = list.get(i).path("FilterValues");
            List<String> vs = new ArrayList<>();
            values.forEach(v -> vs.add(v.asText()));
            filters.computeIfAbsent(key, k -> new ArrayList<>()).addAll(vs);
        }
        Map<String, Function<SsmFleet.Activation, String>> fields = Map.of("ActivationIds", SsmFleet.Activation::id,
                "DefaultInstanceName", SsmFleet.Activation::defaultInstanceName, "IamRole", SsmFleet.Activation::iamRole);
        List<SsmFleet.Activation> selected = fleet.activations.stream()
                .filter(a -> filters.entrySet().stream().allMatch(f -> f.getValue().contains(fields.get(f.getKey()).apply(a))))
                .toList();
        Pages<SsmFleet.Activation> page = page(r, body, "ssm:DescribeActivations " + r.region() + " " + filters, selected, 1, 50);
        Instant now = clock.instant();
        ObjectNode out = json.object();
        ArrayNode arr = out.putArray("ActivationList");
        for (SsmFleet.Activation a : page.items()) {
            ObjectNode o = arr.addObject().put("ActivationId", a.id()).put("Description", a.description())
                    .put("DefaultInstanceName", a.defaultInstanceName()).put("IamRole", a.iamRole())
                    .put("RegistrationLimit", a.registrationLimit()).put("RegistrationsCount", a.registrationsCount())
                    .put("ExpirationDate", Json.epochSeconds(a.expires())).put("Expired", !now.isBefore(a.expires()))
                    .put("CreatedDate", Json.epochSeconds(a.created()));
            ArrayNode tags = o.putArray("Tags");
            a.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        if (page.next() != null) {
            out.put("NextToken", page.next());
        }
        return ok(out);
    }

    /** A filter's values: 1 to 100 of them, none empty. */
    private static List<String> values(JsonNode set, String where) {
        if (!set.isArray() || set.size() < 1 || set.size() > 100) {
            throw validation("Value at '" + where + "' failed to satisfy constraint: Member must have length between 1 and 100");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : set) {
            if (v.asText().isEmpty()) {
                throw validation("Value '' at '" + where + "' failed to satisfy constraint: Member must have length greater "
                        + "than or equal to 1");
            }
            out.add(v.asText());
        }
        return out;
    }

    private <T> Pages<T> page(AwsRequest r, JsonNode body, String call, List<T> all, int least, int most) {
        int size = most;
        JsonNode max = body.path("MaxResults");
        if (!max.isMissingNode() && !max.isNull()) {
            if (!max.canConvertToInt()) {
                throw validation("Value '" + max.asText() + "' at 'maxResults' failed to satisfy constraint: Member must be "
                        + "an integer");
            }
            size = max.asInt();
            if (size < least) {
                throw validation("Value '" + size + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to " + least);
            }
            if (size > most) {
                throw validation("Value '" + size + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                        + "less than or equal to " + most);
            }
        }
        if (defaultPageSize > 0) {
            size = Math.min(size, defaultPageSize);
        }
        String token = body.path("NextToken").isTextual() ? body.path("NextToken").asText() : null;
        try {
            return Pages.of(call, all, token, size);
        } catch (Pages.BadTokenException e) {
            throw new Refused("InvalidNextToken", "The specified token is not valid.");
        }
    }

    /** A "tag:KEY" filter's field: the tag's value (managed instances carry their activation's tags). */
    private static List<String> tag(SsmFleet.ManagedInstance m, String key) {
        String value = key.startsWith("tag:") ? m.activation().tags().get(key.substring(4)) : null;
        return value == null ? List.of() : List.of(value);
    }

    static Refused validation(String constraint) {
        return new Refused("ValidationException", "1 validation error detected: " + constraint);
    }

    private AwsResponse ok(ObjectNode body) {
        return AwsResponse.json(200, CONTENT_TYPE, json.write(body));
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        ObjectNode body = json.object().put("__type", code).put("message", message);
        return AwsResponse.json(status, CONTENT_TYPE, json.write(body));
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        return error(request, 400, "UnknownOperationException",
                "The lab does not implement ssm:" + target(request));
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 400, "AccessDeniedException",
                    "User: " + callerArn + " is not authorized to perform: ssm:" + operation + " on resource: *");
            case THROTTLING, SERVICE_UNAVAILABLE -> FaultAnswer.common(fault).answer(this, request);
            case INTERNAL_ERROR -> FaultAnswer.internal("InternalServerError").answer(this, request);
        };
    }
}
