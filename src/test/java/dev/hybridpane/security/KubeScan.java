package dev.hybridpane.security;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every object a Kubernetes API server holds, found through its discovery documents (every group and version, every
 * listable resource, in all namespaces), scanned as JSON; the values of a Secret's data and a ConfigMap's binaryData are
 * decoded and scanned too. Counts what it read by kind.
 */
public final class KubeScan {
    private final SecretScanner scanner;
    private final Map<String, Integer> objects = new LinkedHashMap<>();

    public KubeScan(SecretScanner scanner) {
        this.scanner = scanner;
    }

    /** Objects read so far, by kind. */
    public Map<String, Integer> objects() {
        return objects;
    }

    public int objectCount() {
        return objects.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Scans every object of the cluster that {@code client} reaches; {@code label} names the cluster in findings. */
    public List<SecretScanner.Finding> scan(String label, KubernetesClient client) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup g : client.getApiGroups().getGroups()) {
            for (GroupVersionForDiscovery v : g.getVersions()) {
                groupVersions.add(v.getGroupVersion());
            }
        }
        List<SecretScanner.Finding> out = new ArrayList<>();
        for (String gv : groupVersions) {
            var list = client.getApiResources(gv);
            if (list == null) {
                continue;
            }
            for (APIResource r : list.getResources()) {
                if (r.getName().contains("/") || r.getVerbs() == null || !r.getVerbs().contains("list")) {
                    continue;
                }
                int slash = gv.indexOf('/');
                ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                        .withGroup(slash < 0 ? "" : gv.substring(0, slash)).withVersion(slash < 0 ? gv : gv.substring(slash + 1))
                        .withPlural(r.getName()).withKind(r.getKind()).withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build();
                var resources = client.genericKubernetesResources(ctx);
                List<GenericKubernetesResource> items = Boolean.TRUE.equals(r.getNamespaced())
                        ? resources.inAnyNamespace().list().getItems() : resources.list().getItems();
                for (GenericKubernetesResource o : items) {
                    String where = label + " " + gv + "/" + r.getKind() + " " + (o.getMetadata().getNamespace() == null ? ""
                            : o.getMetadata().getNamespace() + "/") + o.getMetadata().getName();
                    objects.merge(gv + "/" + r.getKind(), 1, Integer::sum);
                    out.addAll(scanner.scan(where, Serialization.asJson(o)));
                    out.addAll(decoded(where, r.getKind(), o));
                }
            }
        }
        return out;
    }

    /** A Secret's data and a ConfigMap's binaryData, base64-decoded. */
    private List<SecretScanner.Finding> decoded(String where, String kind, GenericKubernetesResource o) {
        List<SecretScanner.Finding> out = new ArrayList<>();
        for (String field : List.of("data", "binaryData")) {
            if (!(o.getAdditionalProperties().get(field) instanceof Map<?, ?> m) || ("data".equals(field) && !"Secret".equals(kind))) {
                continue;
            }
            m.forEach((k, v) -> {
                try {
                    String text = new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8);
                    out.addAll(scanner.scan(where + " " + field + "." + k + " (decoded)", text));
                } catch (IllegalArgumentException e) {
                    // not base64: scanned as it is above
                }
            });
        }
        return out;
    }
}
