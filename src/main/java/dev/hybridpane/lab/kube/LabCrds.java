package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Custom resources as a Kubernetes API server serves them: a kind is served (discovery, resource paths) only once
 * its CustomResourceDefinition (apiextensions.k8s.io/v1) exists and is Established, and no longer once it is
 * deleted (with its objects). Until then its paths answer 404 with the API server's own Status ("the server could
 * not find the requested resource"). Objects written to a served kind are checked against the version's
 * openAPIV3Schema ({@link LabSchemaCheck}): violations get 422 Invalid; unknown fields are pruned with a Warning
 * header, or refused with 400 BadRequest when the request asks for {@code fieldValidation=Strict}.
 *
 * <p>Like the apiextensions server's naming and establishing controllers (which a real server runs within moments),
 * the lab accepts a CRD's names and establishes it as it is written: status.conditions NamesAccepted and Established,
 * status.acceptedNames and status.storedVersions. The status subresource (main resource writes keep .status,
 * /status writes change only .status) is fabric8's CRUD store's own, as it registers stored CRDs itself; the lab
 * turns JSON and merge patches of custom objects into full updates so that their result is checked first.
 *
 * <p>Built-in groups (no dot, or *.k8s.io / *.kubernetes.io, which CRDs cannot claim without approval) pass through.
 */
final class LabCrds {
    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    /** The body of a real API server's 404 for a path it does not serve (e.g. a kind with no CRD). */
    static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"details\":{},\"code\":404}";

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final LabDiscovery discovery;
    private final Clock clock;
    /** Established CRDs by name (plural.group), as stored. */
    private final Map<String, JsonNode> served = new ConcurrentHashMap<>();

    LabCrds(LabDiscovery discovery, Clock clock) {
        this.discovery = discovery;
        this.clock = clock;
    }

    /**
     * Answers a request when it concerns CRDs or custom resources; anything else goes to {@code next} unchanged.
     *
     * @param get reads an object from the store by path (JSON or null)
     * @param delete deletes an object from the store by path
     */
    MockResponse handle(RecordedRequest request, Function<RecordedRequest, MockResponse> next, Function<String, String> get,
            Consumer<String> delete) {
        String pathWithQuery = request.getPath();
        int q = pathWithQuery.indexOf('?');
        String path = q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
        if (!path.startsWith("/apis/")) {
            return next.apply(request);
        }
        if (path.equals(CRDS) || path.startsWith(CRDS + "/")) {
            return crdRequest(request, path, next, get, delete);
        }
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        if (s.length < 2 || !s[0].equals("apis") || !isCustomGroup(s[1])) {
            return next.apply(request);
        }
        if (s.length < 4) {
            // /apis/GROUP or /apis/GROUP/VERSION that discovery did not answer: not served
            return notFound();
        }
        String group = s[1];
        String version = s[2];
        int i = 3;
        boolean namespacedPath = false;
        if (s.length - i >= 3 && s[i].equals("namespaces")) {
            namespacedPath = true;
            i += 2;
        }
        String plural = s[i];
        String name = s.length > i + 1 ? s[i + 1] : null;
        String sub = s.length > i + 2 ? s[i + 2] : null;
        JsonNode crd = served.get(plural + "." + group);
        JsonNode v = crd == null ? null : servedVersion(crd, version);
        if (v == null || s.length > i + 3) {
            return notFound();
        }
        boolean namespaced = "Namespaced".equals(crd.path("spec").path("scope").asText());
        if ((namespacedPath && !namespaced) || (namespaced && !namespacedPath && name != null)) {
            return notFound();
        }
        if (sub != null && !v.path("subresources").has(sub)) {
            return notFound();
        }
        String method = request.getMethod().toUpperCase();
        MockResponse response;
        if (method.equals("POST") && name == null) {
            response = write(request, request.getUtf8Body(), crd, v, null, next);
        } else if (method.equals("PUT") && name != null) {
            response = write(request, request.getUtf8Body(), crd, v, null, next);
        } else if (method.equals("PATCH") && name != null) {
            String objectPath = "/" + String.join("/", List.of(s).subList(0, i + 2));
            String current = get.apply(objectPath);
            String patched = current == null ? null : patch(current, request);
            response = patched == null ? next.apply(request) : write(request, patched, crd, v, HttpMethod.PUT, next);
        } else {
            response = next.apply(request);
        }
        if (response.code() == 404 && name != null) {
            // the kind is served, the object is not there: the apiserver names it (apierrors.NewNotFound)
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("name", name).put("group", group).put("kind", plural);
            return status(404, "NotFound", plural + "." + group + " \"" + name + "\" not found", details);
        }
        return response;
    }

    /** A group a CRD can define: it has a dot and is not one of Kubernetes' own protected domains. */
    static boolean isCustomGroup(String group) {
        return group.contains(".") && !group.endsWith(".k8s.io") && !group.equals("k8s.io")
                && !group.endsWith(".kubernetes.io") && !group.equals("kubernetes.io");
    }

    /** Checks (and prunes) the object of a create, update or patch, then stores it through {@code next}. */
    private MockResponse write(RecordedRequest request, String body, JsonNode crd, JsonNode version, HttpMethod as,
            Function<RecordedRequest, MockResponse> next) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return next.apply(request);
        }
        if (!(tree instanceof ObjectNode object)) {
            return next.apply(request);
        }
        String kind = crd.path("spec").path("names").path("kind").asText();
        String group = crd.path("spec").path("group").asText();
        LabSchemaCheck.Result r = LabSchemaCheck.check(object, version.path("schema").path("openAPIV3Schema"));
        if (!r.errors().isEmpty()) {
            return invalid(kind, group, object.path("metadata").path("name").asText(""), r.errors());
        }
        String validation = queryParameter(request.getPath(), "fieldValidation");
        if (!r.pruned().isEmpty() && "Strict".equals(validation)) {
            List<String> unknown = new ArrayList<>();
            r.pruned().stream().sorted().forEach(p -> unknown.add("unknown field \"" + p + "\""));
            return status(400, "BadRequest", kind + " in version \"" + version.path("name").asText() + "\" cannot be handled as a "
                    + kind + ": strict decoding error: " + String.join(", ", unknown), null);
        }
        RecordedRequest forward = new RecordedRequest(request.getHttpVersion(), as != null ? as : request.method(),
                request.getPath(), as != null ? Headers.builder().add("Content-Type", "application/json").build() : request.getHeaders(),
                new Buffer(object.toString().getBytes(StandardCharsets.UTF_8)));
        MockResponse response = next.apply(forward);
        if (!"Ignore".equals(validation) && response.code() < 300) {
            for (String p : r.pruned().stream().sorted().toList()) {
                response.addHeader("Warning", "299 - \"unknown field \\\"" + p + "\\\"\"");
            }
        }
        return response;
    }

    /** The object after a JSON patch or merge patch, or null for other patch types (the store answers those). */
    private static String patch(String current, RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        try {
            JsonNode source = JSON.readTree(current);
            JsonNode patch = JSON.readTree(request.getUtf8Body());
            if (type != null && type.startsWith("application/json-patch+json")) {
                return JsonPatch.apply(patch, source).toString();
            }
            if (type != null && type.startsWith("application/merge-patch+json")) {
                return mergePatch(source, patch).toString();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** RFC 7386: objects merge, null removes, anything else (lists included) replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
            }
        });
        return out;
    }

    // ---- the CRDs themselves ----

    private MockResponse crdRequest(RecordedRequest request, String path, Function<RecordedRequest, MockResponse> next,
            Function<String, String> get, Consumer<String> delete) {
        String method = request.getMethod().toUpperCase();
        String name = path.length() > CRDS.length() + 1 ? path.substring(CRDS.length() + 1).split("/")[0] : null;
        RecordedRequest forward = request;
        if (method.equals("POST") || method.equals("PUT")) {
            ObjectNode crd;
            try {
                crd = JSON.readTree(request.getUtf8Body()) instanceof ObjectNode o ? o : null;
            } catch (IOException e) {
                crd = null;
            }
            if (crd != null) {
                String expected = crd.path("spec").path("names").path("plural").asText() + "." + crd.path("spec").path("group").asText();
                String actual = crd.path("metadata").path("name").asText("");
                if (!expected.equals(actual)) {
                    return invalid("CustomResourceDefinition", "apiextensions.k8s.io", actual, List.of(new LabSchemaCheck.FieldError(
                            "FieldValueInvalid", "metadata.name", "Invalid value: \"" + actual + "\": must be spec.names.plural+\".\"+spec.group")));
                }
                establish(crd);
                forward = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                        new Buffer(crd.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        MockResponse response = next.apply(forward);
        if (response.code() >= 300 || method.equals("GET")) {
            return response;
        }
        if (method.equals("DELETE")) {
            if (name != null) {
                removed(name, get, delete);
            } else {
                for (String n : List.copyOf(served.keySet())) {
                    if (get.apply(CRDS + "/" + n) == null) {
                        removed(n, get, delete);
                    }
                }
            }
        } else if (name != null || method.equals("POST")) {
            String body = response.getBody() == null ? null : response.getBody().readUtf8();
            if (body != null) {
                response.setBody(body);
                try {
                    written(JSON.readTree(body));
                } catch (IOException e) {
                    // not a CRD: nothing to serve
                }
            }
        }
        return response;
    }

    /** Sets the status the apiextensions server's controllers give a CRD whose names are free: accepted, established. */
    void establish(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode status = crd.putObject("status");
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("lastTransitionTime", now)
                .put("reason", "NoConflicts").put("message", "no conflicts found");
        conditions.addObject().put("type", "Established").put("status", "True").put("lastTransitionTime", now)
                .put("reason", "InitialNamesAccepted").put("message", "the initial names have been accepted");
        ObjectNode names = spec.path("names").isObject() ? ((ObjectNode) spec.get("names")).deepCopy() : status.objectNode();
        if (!names.has("singular") && names.has("kind")) {
            names.put("singular", names.get("kind").asText().toLowerCase());
        }
        if (!names.has("listKind") && names.has("kind")) {
            names.put("listKind", names.get("kind").asText() + "List");
        }
        status.set("acceptedNames", names);
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asText());
            }
        }
    }

    /** A CRD was stored (created or changed): serve its served versions if it is Established. */
    void written(JsonNode crd) {
        String name = crd.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            return;
        }
        JsonNode old = served.remove(name);
        if (old != null) {
            unpublish(old);
        }
        if (!isEstablished(crd)) {
            return;
        }
        served.put(name, crd);
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        List<String> categories = new ArrayList<>();
        names.path("categories").forEach(n -> categories.add(n.asText()));
        for (JsonNode v : spec.path("versions")) {
            if (v.path("served").asBoolean(false)) {
                discovery.addCustom(spec.path("group").asText(), v.path("name").asText(), names.path("plural").asText(),
                        names.path("singular").asText(names.path("kind").asText().toLowerCase()), names.path("kind").asText(),
                        "Namespaced".equals(spec.path("scope").asText()), shortNames, categories,
                        v.path("subresources").has("status"));
            }
        }
    }

    /** A CRD was deleted: its kind is no longer served, and its objects go with it (as the apiserver's cleanup does). */
    private void removed(String name, Function<String, String> get, Consumer<String> delete) {
        JsonNode crd = served.remove(name);
        if (crd == null) {
            return;
        }
        unpublish(crd);
        JsonNode spec = crd.path("spec");
        for (JsonNode v : spec.path("versions")) {
            String list = get.apply("/apis/" + spec.path("group").asText() + "/" + v.path("name").asText() + "/"
                    + spec.path("names").path("plural").asText());
            if (list == null) {
                continue;
            }
            try {
                for (JsonNode item : JSON.readTree(list).path("items")) {
                    JsonNode m = item.path("metadata");
                    String ns = m.path("namespace").asText("");
                    delete.accept("/apis/" + spec.path("group").asText() + "/" + v.path("name").asText()
                            + (ns.isEmpty() ? "" : "/namespaces/" + ns) + "/" + spec.path("names").path("plural").asText()
                            + "/" + m.path("name").asText());
                }
            } catch (IOException e) {
                // nothing listed: nothing to delete
            }
        }
    }

    private void unpublish(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        for (JsonNode v : spec.path("versions")) {
            discovery.remove(spec.path("group").asText(), v.path("name").asText(), spec.path("names").path("plural").asText());
        }
    }

    /** Whether the kind of this CRD name (plural.group) is served now. */
    boolean serves(String crdName) {
        return served.containsKey(crdName);
    }

    static boolean isEstablished(JsonNode crd) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if ("Established".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode servedVersion(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText()) && v.path("served").asBoolean(false)) {
                return v;
            }
        }
        return null;
    }

    // ---- Status answers ----

    static MockResponse notFound() {
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json").setBody(NOT_FOUND);
    }

    /** 422 Invalid, as apierrors.NewInvalid builds it: one error inline, several in brackets, each a cause. */
    static MockResponse invalid(String kind, String group, String name, List<LabSchemaCheck.FieldError> errors) {
        List<String> texts = errors.stream().map(LabSchemaCheck.FieldError::toString).toList();
        String message = kind + "." + group + " \"" + name + "\" is invalid: "
                + (texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]");
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", name).put("group", group).put("kind", kind);
        ArrayNode causes = details.putArray("causes");
        for (LabSchemaCheck.FieldError e : errors) {
            causes.addObject().put("reason", e.reason()).put("message", e.body()).put("field", e.field());
        }
        return status(422, "Invalid", message, details);
    }

    static MockResponse status(int code, String reason, String message, ObjectNode details) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure").put("message", message).put("reason", reason);
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(s.toString());
    }

    private static String queryParameter(String path, String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
