package dev.hybridpane.core.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CNI DaemonSet (cilium, calico-node) as a pool operation reads it: where its pods may run. {@code requiredTerms} are
 * the pod template's nodeAffinity requiredDuringSchedulingIgnoredDuringExecution nodeSelectorTerms (ORed; null when the
 * template has none: the DaemonSet may run on every node).
 */
public record CniDaemonSet(String namespace, String name, Map<String, String> nodeSelector, List<Term> requiredTerms,
                           List<Toleration> tolerations) {
    public CniDaemonSet {
        nodeSelector = Map.copyOf(nodeSelector == null ? Map.of() : nodeSelector);
        requiredTerms = requiredTerms == null ? null : List.copyOf(requiredTerms);
        tolerations = List.copyOf(tolerations == null ? List.of() : tolerations);
    }

    /** One nodeSelectorTerm: its matchExpressions, ANDed. */
    public record Term(List<Requirement> expressions) {
        public Term {
            expressions = List.copyOf(expressions == null ? List.of() : expressions);
        }
    }

    /** A matchExpression: key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt), values. */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values == null ? List.of() : values);
        }

        /** As Kubernetes matches a node's labels. */
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator == null ? "" : operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                case "Gt", "Lt" -> v != null && values.size() == 1 && compare(v, values.get(0), operator);
                default -> false;
            };
        }

        private static boolean compare(String v, String bound, String op) {
            try {
                long a = Long.parseLong(v);
                long b = Long.parseLong(bound);
                return "Gt".equals(op) ? a > b : a < b;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return key + " " + operator + (values.isEmpty() ? "" : " " + values);
        }
    }

    /** A toleration: key ("" with Exists: every taint), operator (Equal or Exists), value, effect ("": every effect). */
    public record Toleration(String key, String operator, String value, String effect) {
        public Toleration {
            key = key == null ? "" : key;
            operator = operator == null || operator.isBlank() ? "Equal" : operator;
            value = value == null ? "" : value;
            effect = effect == null ? "" : effect;
        }

        /** As the scheduler tolerates a taint. */
        boolean tolerates(String taintKey, String taintValue, String taintEffect) {
            if (!effect.isEmpty() && !effect.equals(taintEffect)) {
                return false;
            }
            if ("Exists".equals(operator)) {
                return key.isEmpty() || key.equals(taintKey);
            }
            return key.equals(taintKey) && value.equals(taintValue == null ? "" : taintValue);
        }
    }

    /** Whether the nodeSelector and the required node affinity select a node with these labels. */
    public boolean selects(Map<String, String> labels) {
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return affinitySelects(labels);
    }

    /** The required node affinity alone (none: every node). A term with no expression selects nothing. */
    public boolean affinitySelects(Map<String, String> labels) {
        if (requiredTerms == null || requiredTerms.isEmpty()) {
            return true;
        }
        for (Term t : requiredTerms) {
            if (!t.expressions().isEmpty() && t.expressions().stream().allMatch(r -> r.matches(labels))) {
                return true;
            }
        }
        return false;
    }

    /** The node selector's entries the labels do not have (a patch of the affinity cannot fix those). */
    public List<String> nodeSelectorMisses(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        nodeSelector.forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }

    /** "kube-system/cilium". */
    public String ref() {
        return namespace + "/" + name;
    }
}
