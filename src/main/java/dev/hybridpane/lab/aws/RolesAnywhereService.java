package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * IAM Roles Anywhere on REST-JSON, per region: trust anchors and profiles (create, list, get, enable, disable,
 * delete) and ListCrls (the lab holds no CRLs). Like the real service it allows two objects of the same name, so
 * callers must look before they create. {@code enabled} is false unless the request sets it (the API documents no
 * default, and AWS's own templates set it). A CERTIFICATE_BUNDLE must be PEM X.509 CA certificates
 * ({@link CaBundles}); List calls page with {@code pageSize} and {@code nextToken} ({@link RolesAnywherePages}).
 */
final class RolesAnywhereService extends RestJsonService {
    private static final String NAME_PATTERN = "[ a-zA-Z0-9-_]*";
    private static final String ROLE_ARN_PATTERN = "arn:aws(-[^:]+)?:iam(:.*){2}(:role.*)";

    private final AwsState state;
    private final RolesAnywherePages pages;
    private final List<LabRolesAnywhere.Anchor> anchors = new ArrayList<>();
    private final List<LabRolesAnywhere.Profile> profiles = new ArrayList<>();

    /** {@code pageCap} > 0 caps every List page (the emulator's test page size); 0 for the service's own paging. */
    RolesAnywhereService(Json json, AwsState state, int pageCap) {
        super(json);
        this.state = state;
        this.pages = new RolesAnywherePages(pageCap);
    }

    @Override
    public String signingName() {
        return "rolesanywhere";
    }

    @Override
    public String operation(AwsRequest r) {
        List<String> s = r.segments();
        String m = r.method();
        if (s.size() == 1) {
            return switch (s.get(0) + " " + m) {
                case "trustanchors POST" -> "CreateTrustAnchor";
                case "trustanchors GET" -> "ListTrustAnchors";
                case "profiles POST" -> "CreateProfile";
                case "profiles GET" -> "ListProfiles";
                case "crls GET" -> "ListCrls";
                default -> null;
            };
        }
        String kind = s.isEmpty() ? "" : "trustanchor".equals(s.get(0)) ? "TrustAnchor" : "profile".equals(s.get(0)) ? "Profile" : "";
        if (kind.isEmpty()) {
            return null;
        }
        if (s.size() == 2) {
            return "GET".equals(m) ? "Get" + kind : "DELETE".equals(m) ? "Delete" + kind : null;
        }
        if (s.size() == 3 && "POST".equals(m)) {
            return "enable".equals(s.get(2)) ? "Enable" + kind : "disable".equals(s.get(2)) ? "Disable" + kind : null;
        }
        return null;
    }

    /** Puts an enabled trust anchor into a region as if it had been created long ago (the lab's seeded world). */
    synchronized LabRolesAnywhere.Anchor seedAnchor(String region, String name, String pem, Instant created) {
        CaBundles.problem(pem).ifPresent(p -> {
            throw new IllegalArgumentException("the seeded trust anchor " + name + ": " + p);
        });
        String id = seededId("trust-anchor/" + region + "/" + name);
        var a = new LabRolesAnywhere.Anchor(id, anchorArn(region, id), name, region, pem, true, created, created);
        anchors.add(a);
        return a;
    }

    /** Puts an enabled profile into a region as if it had been created long ago (the lab's seeded world). */
    synchronized LabRolesAnywhere.Profile seedProfile(String region, String name, List<String> roleArns, int durationSeconds,
            Instant created) {
        String id = seededId("profile/" + region + "/" + name);
        var p = new LabRolesAnywhere.Profile(id, profileArn(region, id), name, region, roleArns, durationSeconds, true, true,
                created, created);
        profiles.add(p);
        return p;
    }

    /** The same id at every start, so the seeded ARNs are stable. */
    private static String seededId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String anchorArn(String region, String id) {
        return "arn:aws:rolesanywhere:" + region + ":" + state.accountId() + ":trust-anchor/" + id;
    }

    private String profileArn(String region, String id) {
        return "arn:aws:rolesanywhere:" + region + ":" + state.accountId() + ":profile/" + id;
    }

    synchronized List<LabRolesAnywhere.Anchor> anchors() {
        return List.copyOf(anchors);
    }

    synchronized List<LabRolesAnywhere.Profile> profiles() {
        return List.copyOf(profiles);
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest r) {
        JsonNode body;
        try {
            body = json.read(r.body());
        } catch (UncheckedIOException e) {
            return error(r, 400, "SerializationException", "The request body is not valid JSON.");
        }
        try {
            return switch (operation) {
                case "CreateTrustAnchor" -> createTrustAnchor(body, r);
                case "CreateProfile" -> createProfile(body, r);
                case "ListTrustAnchors" -> list(r, operation, "trustAnchors",
                        anchors.stream().filter(a -> a.region().equals(r.region())).toList(), RolesAnywhereService::anchor);
                case "ListProfiles" -> list(r, operation, "profiles",
                        profiles.stream().filter(p -> p.region().equals(r.region())).toList(), RolesAnywhereService::profile);
                case "ListCrls" -> list(r, operation, "crls", List.<ObjectNode>of(), ObjectNode::setAll);
                default -> byId(operation, r);
            };
        } catch (RolesAnywherePages.InvalidPageRequest e) {
            return error(r, 400, "ValidationException", e.getMessage());
        }
    }

    private <T> AwsResponse list(AwsRequest r, String operation, String field, List<T> all, Writer<T> write)
            throws RolesAnywherePages.InvalidPageRequest {
        RolesAnywherePages.Page<T> page = pages.page(all, operation, r);
        ObjectNode out = json.object();
        ArrayNode arr = out.putArray(field);
        page.items().forEach(x -> write.write(arr.addObject(), x));
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return ok(out);
    }

    /** Writes one object into its JSON shape. */
    private interface Writer<T> {
        void write(ObjectNode o, T item);
    }

    private AwsResponse createTrustAnchor(JsonNode body, AwsRequest r) {
        String name = body.path("name").asText("");
        Optional<String> bad = nameProblem(body.path("name"));
        if (bad.isPresent()) {
            return error(r, 400, "ValidationException", bad.get());
        }
        String type = body.path("source").path("sourceType").asText("");
        if (!"CERTIFICATE_BUNDLE".equals(type)) {
            return error(r, 400, "ValidationException", "The lab's Roles Anywhere takes only a CERTIFICATE_BUNDLE source (it has no "
                    + "AWS Private CA); sourceType was '" + type + "'.");
        }
        String pem = body.path("source").path("sourceData").path("x509CertificateData").asText("");
        if (pem.length() > 16000) {
            return error(r, 400, "ValidationException", "1 validation error detected: Value at 'source.sourceData.x509CertificateData' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 16000");
        }
        Optional<String> problem = CaBundles.problem(pem);
        if (problem.isPresent()) {
            return error(r, 400, "ValidationException", problem.get());
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var a = new LabRolesAnywhere.Anchor(id, anchorArn(r.region(), id), name, r.region(), pem,
                body.path("enabled").asBoolean(false), now, now);
        anchors.add(a);
        ObjectNode out = json.object();
        anchor(out.putObject("trustAnchor"), a);
        return created(out);
    }

    private AwsResponse createProfile(JsonNode body, AwsRequest r) {
        Optional<String> bad = nameProblem(body.path("name"));
        if (bad.isPresent()) {
            return error(r, 400, "ValidationException", bad.get());
        }
        if (!body.path("roleArns").isArray()) {
            return error(r, 400, "ValidationException",
                    "1 validation error detected: Value null at 'roleArns' failed to satisfy constraint: Member must not be null");
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode x : body.path("roleArns")) {
            if (!x.asText("").matches(ROLE_ARN_PATTERN)) {
                return error(r, 400, "ValidationException", "1 validation error detected: Value '" + x.asText("")
                        + "' at 'roleArns' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + ROLE_ARN_PATTERN);
            }
            roles.add(x.asText());
        }
        int duration = body.path("durationSeconds").asInt(3600);
        if (duration < 900 || duration > 43200) {
            return error(r, 400, "ValidationException", "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var p = new LabRolesAnywhere.Profile(id, profileArn(r.region(), id), body.path("name").asText(), r.region(), roles,
                duration, body.path("acceptRoleSessionName").asBoolean(false), body.path("enabled").asBoolean(false), now, now);
        profiles.add(p);
        ObjectNode out = json.object();
        profile(out.putObject("profile"), p);
        return created(out);
    }

    private static Optional<String> nameProblem(JsonNode name) {
        if (!name.isTextual()) {
            return Optional.of("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        String n = name.asText();
        if (n.isEmpty() || n.length() > 255 || !n.matches(NAME_PATTERN)) {
            return Optional.of("1 validation error detected: Value '" + n + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + NAME_PATTERN + " and have length between 1 and 255");
        }
        return Optional.empty();
    }

    /** Get, Enable, Disable and Delete of one trust anchor or profile, named by its id in the path. */
    private AwsResponse byId(String operation, AwsRequest r) {
        String id = r.segments().get(1);
        boolean anchor = operation.endsWith("TrustAnchor");
        int index = -1;
        for (int i = 0; i < (anchor ? anchors.size() : profiles.size()); i++) {
            String itsId = anchor ? anchors.get(i).id() : profiles.get(i).id();
            String region = anchor ? anchors.get(i).region() : profiles.get(i).region();
            if (itsId.equals(id) && region.equals(r.region())) {
                index = i;
            }
        }
        if (index < 0) {
            return error(r, 404, "ResourceNotFoundException", (anchor ? "Trust anchor " : "Profile ") + id + " not found.");
        }
        Instant now = Instant.now();
        ObjectNode out = json.object();
        if (anchor) {
            LabRolesAnywhere.Anchor a = anchors.get(index);
            a = switch (operation.substring(0, operation.length() - "TrustAnchor".length())) {
                case "Enable" -> a.withEnabled(true, now);
                case "Disable" -> a.withEnabled(false, now);
                default -> a;
            };
            anchors.set(index, a);
            if (operation.startsWith("Delete")) {
                anchors.remove(index);
            }
            anchor(out.putObject("trustAnchor"), a);
        } else {
            LabRolesAnywhere.Profile p = profiles.get(index);
            p = switch (operation.substring(0, operation.length() - "Profile".length())) {
                case "Enable" -> p.withEnabled(true, now);
                case "Disable" -> p.withEnabled(false, now);
                default -> p;
            };
            profiles.set(index, p);
            if (operation.startsWith("Delete")) {
                profiles.remove(index);
            }
            profile(out.putObject("profile"), p);
        }
        return ok(out);
    }

    private AwsResponse created(ObjectNode body) {
        return AwsResponse.json(201, "application/json", json.write(body));
    }

    private static void anchor(ObjectNode o, LabRolesAnywhere.Anchor a) {
        o.put("trustAnchorId", a.id());
        o.put("trustAnchorArn", a.arn());
        o.put("name", a.name());
        o.put("enabled", a.enabled());
        ObjectNode src = o.putObject("source");
        src.put("sourceType", "CERTIFICATE_BUNDLE");
        src.putObject("sourceData").put("x509CertificateData", a.pem());
        o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(a.created()));
        o.put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(a.updated()));
    }

    private static void profile(ObjectNode o, LabRolesAnywhere.Profile p) {
        o.put("profileId", p.id());
        o.put("profileArn", p.arn());
        o.put("name", p.name());
        o.put("enabled", p.enabled());
        ArrayNode roles = o.putArray("roleArns");
        p.roleArns().forEach(roles::add);
        o.put("durationSeconds", p.durationSeconds());
        o.put("acceptRoleSessionName", p.acceptRoleSessionName());
        o.put("requireInstanceProperties", false);
        o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(p.created()));
        o.put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(p.updated()));
    }
}
