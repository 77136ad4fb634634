package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * IAM Roles Anywhere on REST-JSON: CreateTrustAnchor, ListTrustAnchors, CreateProfile, ListProfiles, per region.
 * Like the real service it allows two objects of the same name, so callers must look before they create.
 */
final class RolesAnywhereService extends RestJsonService {
    private final AwsState state;
    private final List<LabRolesAnywhere.Anchor> anchors = new ArrayList<>();
    private final List<LabRolesAnywhere.Profile> profiles = new ArrayList<>();

    RolesAnywhereService(Json json, AwsState state) {
        super(json);
        this.state = state;
    }

    @Override
    public String signingName() {
        return "rolesanywhere";
    }

    @Override
    public String operation(AwsRequest r) {
        if (r.segments().size() != 1) {
            return null;
        }
        String what = r.segments().get(0);
        boolean post = "POST".equals(r.method());
        boolean get = "GET".equals(r.method());
        if ("trustanchors".equals(what)) {
            return post ? "CreateTrustAnchor" : get ? "ListTrustAnchors" : null;
        }
        if ("profiles".equals(what)) {
            return post ? "CreateProfile" : get ? "ListProfiles" : null;
        }
        return null;
    }

    /** Puts a trust anchor into a region as if it had been created long ago (the lab's seeded world). */
    synchronized LabRolesAnywhere.Anchor seedAnchor(String region, String name, String pem, Instant created) {
        String id = seededId("trust-anchor/" + region + "/" + name);
        var a = new LabRolesAnywhere.Anchor(id, "arn:aws:rolesanywhere:" + region + ":" + state.accountId() + ":trust-anchor/" + id,
                name, region, pem, created);
        anchors.add(a);
        return a;
    }

    /** Puts a profile into a region as if it had been created long ago (the lab's seeded world). */
    synchronized LabRolesAnywhere.Profile seedProfile(String region, String name, List<String> roleArns, int durationSeconds,
            Instant created) {
        String id = seededId("profile/" + region + "/" + name);
        var p = new LabRolesAnywhere.Profile(id, "arn:aws:rolesanywhere:" + region + ":" + state.accountId() + ":profile/" + id,
                name, region, List.copyOf(roleArns), durationSeconds, true, created);
        profiles.add(p);
        return p;
    }

    /** The same id at every start, so the seeded ARNs are stable. */
    private static String seededId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    synchronized List<LabRolesAnywhere.Anchor> anchors() {
        return List.copyOf(anchors);
    }

    synchronized List<LabRolesAnywhere.Profile> profiles() {
        return List.copyOf(profiles);
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest r) {
        JsonNode body = json.read(r.body());
        return switch (operation) {
            case "CreateTrustAnchor" -> {
                String name = body.path("name").asText("");
                String type = body.path("source").path("sourceType").asText("");
                String pem = body.path("source").path("sourceData").path("x509CertificateData").asText("");
                if (name.isBlank() || !"CERTIFICATE_BUNDLE".equals(type) || !pem.contains("BEGIN CERTIFICATE")) {
                    yield error(r, 400, "ValidationException", "A trust anchor needs a name and a CERTIFICATE_BUNDLE source with a PEM certificate.");
                }
                String id = UUID.randomUUID().toString();
                var a = new LabRolesAnywhere.Anchor(id, "arn:aws:rolesanywhere:" + r.region() + ":" + state.accountId() + ":trust-anchor/" + id,
                        name, r.region(), pem, Instant.now());
                anchors.add(a);
                ObjectNode out = json.object();
                anchor(out.putObject("trustAnchor"), a);
                yield ok(out);
            }
            case "ListTrustAnchors" -> {
                ObjectNode out = json.object();
                ArrayNode arr = out.putArray("trustAnchors");
                anchors.stream().filter(a -> a.region().equals(r.region())).forEach(a -> anchor(arr.addObject(), a));
                yield ok(out);
            }
            case "CreateProfile" -> {
                String name = body.path("name").asText("");
                List<String> roles = new ArrayList<>();
                body.path("roleArns").forEach(x -> roles.add(x.asText()));
                int duration = body.path("durationSeconds").asInt(3600);
                if (name.isBlank() || roles.isEmpty()) {
                    yield error(r, 400, "ValidationException", "A profile needs a name and at least one role ARN.");
                }
                if (duration < 900 || duration > 43200) {
                    yield error(r, 400, "ValidationException", "durationSeconds must be between 900 and 43200.");
                }
                String id = UUID.randomUUID().toString();
                var p = new LabRolesAnywhere.Profile(id, "arn:aws:rolesanywhere:" + r.region() + ":" + state.accountId() + ":profile/" + id,
                        name, r.region(), roles, duration, body.path("acceptRoleSessionName").asBoolean(false), Instant.now());
                profiles.add(p);
                ObjectNode out = json.object();
                profile(out.putObject("profile"), p);
                yield ok(out);
            }
            case "ListProfiles" -> {
                ObjectNode out = json.object();
                ArrayNode arr = out.putArray("profiles");
                profiles.stream().filter(p -> p.region().equals(r.region())).forEach(p -> profile(arr.addObject(), p));
                yield ok(out);
            }
            default -> unknownOperation(r);
        };
    }

    private static void anchor(ObjectNode o, LabRolesAnywhere.Anchor a) {
        o.put("trustAnchorId", a.id());
        o.put("trustAnchorArn", a.arn());
        o.put("name", a.name());
        o.put("enabled", true);
        ObjectNode src = o.putObject("source");
        src.put("sourceType", "CERTIFICATE_BUNDLE");
        src.putObject("sourceData").put("x509CertificateData", a.pem());
        o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(a.created()));
        o.put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(a.created()));
    }

    private static void profile(ObjectNode o, LabRolesAnywhere.Profile p) {
        o.put("profileId", p.id());
        o.put("profileArn", p.arn());
        o.put("name", p.name());
        o.put("enabled", true);
        ArrayNode roles = o.putArray("roleArns");
        p.roleArns().forEach(roles::add);
        o.put("durationSeconds", p.durationSeconds());
        o.put("acceptRoleSessionName", p.acceptRoleSessionName());
        o.put("requireInstanceProperties", false);
        o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(p.created()));
        o.put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(p.created()));
    }
}
