package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The field selectors a Kubernetes API server supports on core/v1 Pods (spec.nodeName, status.phase... as kubectl drain
 * and nodeadm's pod validation list a node's pods) and on core/v1 Events (besides metadata.name and
 * metadata.namespace, which the CRUD store already answers): involvedObject.kind, .name, .namespace, .uid,
 * .apiVersion, .resourceVersion, .fieldPath, reason, reportingComponent, source and type, with {@code =}, {@code ==}
 * and {@code !=}. A list of events that names any of them is answered from the store without them, then filtered.
 * Watches are left to the store.
 */
final class LabEventSelectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** core/v1 Pods' own field selectors (pkg/registry/core/pod/strategy.go PodToSelectableFields). */
    private static final Set<String> POD_FIELDS = Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName");
    private static final Set<String> FIELDS = Set.of("involvedObject.kind", "involvedObject.name",
            "involvedObject.namespace", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source",
            "type");

    /** One requirement: {@code field=value} or, with {@code negated}, {@code field!=value}. */
    record Requirement(String field, String value, boolean negated) {
        boolean matches(JsonNode event) {
            String actual = switch (field) {
                case "source" -> text(event.path("source").path("component"));
                case "spec.hostNetwork" -> String.valueOf(event.path("spec").path("hostNetwork").asBoolean(false));
                default -> {
                    JsonNode n = event;
                    for (String part : field.split("\\.")) {
                        n = n.path(part);
                    }
                    yield text(n);
                }
            };
            return actual.equals(value) != negated;
        }

        private static String text(JsonNode n) {
            return n.isMissingNode() || n.isNull() ? "" : n.asText();
        }
    }

    /** A list of events with event field requirements: the path to ask the store, and what to keep of its answer. */
    record Selection(String storePath, List<Requirement> requirements) {
        MockResponse answer(MockResponse stored) {
            if (stored.code() != 200 || stored.getBody() == null) {
                return stored;
            }
            String body = stored.getBody().readUtf8();
            try {
                JsonNode list = JSON.readTree(body);
                if (list instanceof ObjectNode o && o.get("items") instanceof ArrayNode items) {
                    ArrayNode kept = JSON.createArrayNode();
                    items.forEach(e -> {
                        if (requirements.stream().allMatch(r -> r.matches(e))) {
                            kept.add(e);
                        }
                    });
                    o.set("items", kept);
                    body = JSON.writeValueAsString(o);
                }
            } catch (IOException e) {
                // not a list: answered as stored
            }
            return stored.setBody(body);
        }
    }

    private LabEventSelectors() {
    }

    /** The selection of a GET that lists events with event field requirements; null for anything else. */
    static Selection of(String method, String path) {
        if (!"GET".equalsIgnoreCase(method) || path == null) {
            return null;
        }
        int q = path.indexOf('?');
        String collection = q < 0 ? path : path.substring(0, q);
        boolean pods = collection.equals("/api/v1/pods") || collection.matches("/api/v1/namespaces/[^/]+/pods");
        if (q < 0 || !(pods || collection.equals("/api/v1/events") || collection.matches("/api/v1/namespaces/[^/]+/events"))) {
            return null;
        }
        Set<String> fields = pods ? POD_FIELDS : FIELDS;
        List<String> params = new ArrayList<>();
        List<Requirement> requirements = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String param : path.substring(q + 1).split("&")) {
            if (param.startsWith("watch=true")) {
                return null;
            }
            if (!param.startsWith("fieldSelector=")) {
                params.add(param);
                continue;
            }
            String selector = URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
            for (String term : selector.split(",")) {
                Requirement r = requirement(term.strip());
                if (r != null && fields.contains(r.field())) {
                    requirements.add(r);
                } else if (!term.isBlank()) {
                    others.add(term.strip());
                }
            }
        }
        if (requirements.isEmpty()) {
            return null;
        }
        if (!others.isEmpty()) {
            params.add("fieldSelector=" + URLEncoder.encode(String.join(",", others), StandardCharsets.UTF_8));
        }
        return new Selection(params.isEmpty() ? collection : collection + "?" + String.join("&", params),
                List.copyOf(requirements));
    }

    private static Requirement requirement(String term) {
        int ne = term.indexOf("!=");
        if (ne > 0) {
            return new Requirement(term.substring(0, ne), term.substring(ne + 2), true);
        }
        int eq = term.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String value = term.substring(eq + 1);
        return new Requirement(term.substring(0, eq), value.startsWith("=") ? value.substring(1) : value, false);
    }
}
