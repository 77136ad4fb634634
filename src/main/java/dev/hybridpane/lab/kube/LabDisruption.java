package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * PodDisruptionBudgets as Kubernetes computes and enforces them, from pkg/controller/disruption/disruption.go (status:
 * expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed, the DisruptionAllowed condition) and
 * pkg/registry/core/pod/storage/eviction.go (the Eviction API's answers: 201 with a Success Status; 429 TooManyRequests
 * "Cannot evict pod as it would violate the pod's disruption budget." with a DisruptionBudget cause; 500 when more than
 * one budget selects the pod; 404 when the pod does not exist).
 */
final class LabDisruption {
    static final String TOO_MANY = "Cannot evict pod as it would violate the pod's disruption budget.";
    static final String SEVERAL = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";

    private LabDisruption() {
    }

    /** A label selector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) against an object's labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return false; // policy/v1: a null selector selects nothing; an empty one everything
        }
        for (var e : selector.path("matchLabels").properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            String value = labels.path(x.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            x.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (x.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The budgets of the pod's namespace that select it. */
    static List<JsonNode> budgetsOf(JsonNode pod, JsonNode budgets) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode b : budgets.path("items")) {
            if (b.path("metadata").path("namespace").asText().equals(pod.path("metadata").path("namespace").asText())
                    && selects(b.path("spec").path("selector"), pod.path("metadata").path("labels"))) {
                out.add(b);
            }
        }
        return out;
    }

    /** A budget's figures, as the disruption controller computes them. */
    record Figures(int expected, int currentHealthy, int desiredHealthy, int disruptionsAllowed) {
    }

    /**
     * The figures of a budget over its pods. {@code scale} gives the replicas of a pod's controller (0 when unknown):
     * maxUnavailable and percentages count the controllers' replicas, an integer minAvailable counts the pods.
     */
    static Figures figures(JsonNode budget, List<JsonNode> pods, ToIntFunction<JsonNode> scale) {
        int healthy = 0;
        for (JsonNode p : pods) {
            if (!p.path("metadata").has("deletionTimestamp") && LabPodFactory.ready(p)) {
                healthy++;
            }
        }
        JsonNode spec = budget.path("spec");
        int expected;
        int desired;
        if (spec.has("maxUnavailable") && !spec.get("maxUnavailable").isNull()) {
            expected = controllersScale(pods, scale);
            desired = expected - amount(spec.get("maxUnavailable"), expected, true);
        } else {
            JsonNode min = spec.has("minAvailable") ? spec.get("minAvailable") : JsonNodeFactory.instance.numberNode(1);
            if (min.isTextual() && min.asText().endsWith("%")) {
                expected = controllersScale(pods, scale);
                desired = amount(min, expected, true);
            } else {
                expected = pods.size();
                desired = min.asInt();
            }
        }
        desired = Math.max(0, desired);
        return new Figures(expected, healthy, desired, Math.max(0, healthy - desired));
    }

    private static int controllersScale(List<JsonNode> pods, ToIntFunction<JsonNode> scale) {
        List<String> seen = new ArrayList<>();
        int total = 0;
        for (JsonNode p : pods) {
            JsonNode owner = LabPodFactory.controller(p);
            String uid = owner.path("uid").asText("");
            if (!uid.isEmpty() && !seen.contains(uid)) {
                seen.add(uid);
                total += scale.applyAsInt(owner);
            }
        }
        return total == 0 ? pods.size() : total;
    }

    /** An IntOrString of a budget: a number, or a percentage of {@code of}, rounded up. */
    private static int amount(JsonNode v, int of, boolean roundUp) {
        if (v.isTextual() && v.asText().endsWith("%")) {
            double pct = Double.parseDouble(v.asText().substring(0, v.asText().length() - 1));
            double x = of * pct / 100.0;
            return (int) (roundUp ? Math.ceil(x) : Math.floor(x));
        }
        return v.asInt();
    }

    /** Writes the figures into the budget's status; returns whether it changed. */
    static boolean setStatus(ObjectNode budget, Figures f, String now) {
        ObjectNode status = budget.withObject("status");
        String before = status.toString();
        status.put("currentHealthy", f.currentHealthy()).put("desiredHealthy", f.desiredHealthy())
                .put("disruptionsAllowed", f.disruptionsAllowed()).put("expectedPods", f.expected())
                .put("observedGeneration", budget.path("metadata").path("generation").asLong(1));
        boolean allowed = f.disruptionsAllowed() > 0;
        String transition = now;
        for (JsonNode c : status.path("conditions")) {
            if ("DisruptionAllowed".equals(c.path("type").asText()) && c.path("status").asText().equals(allowed ? "True" : "False")) {
                transition = c.path("lastTransitionTime").asText(now);
            }
        }
        status.putArray("conditions").addObject().put("type", "DisruptionAllowed").put("status", allowed ? "True" : "False")
                .put("reason", allowed ? "SufficientPods" : "InsufficientPods").put("message", "")
                .put("observedGeneration", budget.path("metadata").path("generation").asLong(1))
                .put("lastTransitionTime", transition);
        return !before.equals(status.toString());
    }

    /** 201 Created with the Success Status the eviction subresource returns. */
    static MockResponse evicted() {
        ObjectNode s = status("Success", 201);
        return json(201, s);
    }

    static MockResponse notFound(String pod) {
        ObjectNode s = status("Failure", 404).put("message", "pods \"" + pod + "\" not found").put("reason", "NotFound");
        s.putObject("details").put("name", pod).put("kind", "pods");
        return json(404, reorder(s));
    }

    /** apierrors.NewTooManyRequests with the DisruptionBudget cause. */
    static MockResponse tooMany(String budget, Figures f) {
        ObjectNode s = status("Failure", 429).put("message", TOO_MANY).put("reason", "TooManyRequests");
        s.putObject("details").putArray("causes").addObject().put("reason", "DisruptionBudget").put("message",
                "The disruption budget " + budget + " needs " + f.desiredHealthy() + " healthy pods and has "
                        + f.currentHealthy() + " currently");
        return json(429, reorder(s));
    }

    /** apierrors.NewInternalError for a pod that several budgets select. */
    static MockResponse several() {
        ObjectNode s = status("Failure", 500).put("message", "Internal error occurred: " + SEVERAL).put("reason", "InternalError");
        s.putObject("details").putArray("causes").addObject().put("message", SEVERAL);
        return json(500, reorder(s));
    }

    static MockResponse badRequest(String message) {
        ObjectNode s = status("Failure", 400).put("message", message).put("reason", "BadRequest");
        return json(400, reorder(s));
    }

    private static ObjectNode status(String status, int code) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", status);
        if ("Success".equals(status)) {
            s.put("code", code);
        }
        return s;
    }

    /** metav1.Status field order: kind, apiVersion, metadata, status, message, reason, details, code. */
    private static ObjectNode reorder(ObjectNode s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (String f : new String[] {"kind", "apiVersion", "metadata", "status", "message", "reason", "details"}) {
            if (s.has(f)) {
                o.set(f, s.get(f));
            }
        }
        o.put("code", switch (s.path("reason").asText()) {
            case "NotFound" -> 404;
            case "TooManyRequests" -> 429;
            case "InternalError" -> 500;
            default -> 400;
        });
        return o;
    }

    private static MockResponse json(int code, ObjectNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body.toString());
    }
}
