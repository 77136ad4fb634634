package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.pool.NodeOps;
import dev.hybridpane.core.pool.PoolStoreException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link NodeOps} with fabric8: cordon as a JSON merge patch (RFC 7386) of {@code spec.unschedulable}, pods by field selector, evictions
 * through the pods/eviction subresource (policy/v1), the PDB that refuses an eviction found among the namespace's
 * budgets by its selector.
 */
final class Fabric8NodeOps implements NodeOps {
    private final KubernetesClient client;
    private final KubernetesClient evictions;
    private final String cluster;

    /** @param evictions a client that does not retry a 429 (fabric8's default retries it with backoff) */
    Fabric8NodeOps(KubernetesClient client, KubernetesClient evictions, String cluster) {
        this.client = client;
        this.evictions = evictions;
        this.cluster = cluster;
    }

    private <T> T call(String what, Supplier<T> work) {
        try {
            return KubeRetry.throttled(work);
        } catch (KubernetesClientException e) {
            String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : "HTTP " + e.getCode();
            throw new PoolStoreException("Could not " + what + " in " + cluster + ": " + why + ".", e.getCode() == 409, e);
        } catch (RuntimeException e) {
            throw new PoolStoreException("Could not " + what + " in " + cluster + ": " + RootCause.root(e) + ".", false, e);
        }
    }

    @Override
    public void setUnschedulable(String node, boolean unschedulable) {
        call((unschedulable ? "cordon" : "uncordon") + " node " + node, () -> client.nodes().withName(node)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":" + unschedulable + "}}"));
    }

    @Override
    public List<PodOnNode> pods(String node) {
        return call("list the pods of node " + node, () -> client.pods().inAnyNamespace()
                .withField("spec.nodeName", node).list().getItems().stream().map(Fabric8NodeOps::pod).toList());
    }

    static PodOnNode pod(Pod p) {
        OwnerReference owner = p.getMetadata().getOwnerReferences() == null ? null : p.getMetadata().getOwnerReferences()
                .stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
        Map<String, String> annotations = p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations();
        boolean emptyDir = p.getSpec() != null && p.getSpec().getVolumes() != null
                && p.getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null);
        String phase = p.getStatus() == null ? "" : String.valueOf(p.getStatus().getPhase());
        return new PodOnNode(p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getMetadata().getUid(),
                owner == null ? "" : owner.getKind(), owner == null ? "" : owner.getName(),
                annotations.containsKey("kubernetes.io/config.mirror"), emptyDir,
                phase.equals("Succeeded") || phase.equals("Failed"), p.getMetadata().getLabels());
    }

    @Override
    public Eviction evict(String namespace, String pod) {
        try {
            boolean ok = evictions.pods().inNamespace(namespace).withName(pod).evict(new EvictionBuilder().withNewMetadata()
                    .withName(pod).withNamespace(namespace).endMetadata().build());
            if (ok) {
                return new Eviction.Evicted();
            }
            return blocked(namespace, pod);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return new Eviction.Gone();
            }
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : "HTTP " + e.getCode();
            return new Eviction.Refused(e.getCode(), message);
        }
    }

    /** A 429: the budget that selects the pod, and its figures. */
    private Eviction blocked(String namespace, String pod) {
        try {
            Pod p = client.pods().inNamespace(namespace).withName(pod).get();
            Map<String, String> labels = p == null || p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
            for (PodDisruptionBudget b : client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems()) {
                if (b.getSpec() != null && selects(b.getSpec().getSelector(), labels)) {
                    var s = b.getStatus();
                    String figures = s == null ? "" : " (disruptions allowed " + s.getDisruptionsAllowed() + ", healthy "
                            + s.getCurrentHealthy() + " of " + s.getExpectedPods() + ", needs " + s.getDesiredHealthy() + ")";
                    return new Eviction.Blocked(namespace + "/" + b.getMetadata().getName(),
                            "Cannot evict pod as it would violate the pod's disruption budget" + figures + ".");
                }
            }
        } catch (KubernetesClientException e) {
            // the budget could not be read: the refusal still stands
        }
        return new Eviction.Blocked("", "Too many requests: the API server refused the eviction (429).");
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = labels.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && values.contains(v);
                    case "NotIn" -> v == null || !values.contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean podExists(String namespace, String pod, String uid) {
        return call("read pod " + namespace + "/" + pod, () -> {
            Pod p = client.pods().inNamespace(namespace).withName(pod).get();
            return p != null && (uid == null || uid.equals(p.getMetadata().getUid()));
        });
    }

    @Override
    public void deletePod(String namespace, String pod) {
        call("delete pod " + namespace + "/" + pod, () -> client.pods().inNamespace(namespace).withName(pod).delete());
    }

    @Override
    public void deleteNode(String node) {
        call("delete node " + node, () -> client.nodes().withName(node).delete());
    }
}
