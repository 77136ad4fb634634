package dev.hybridpane.adapters.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.hybrid.ClusterAdminPort;
import dev.hybridpane.core.hybrid.CniStatus;
import dev.hybridpane.core.hybrid.FootprintManifest;
import dev.hybridpane.core.hybrid.FootprintStatus;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.NodeLabels;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@link ClusterAdminPort} on fabric8: applies HybridPane's manifest object by object (create, or update when it
 * exists) and waits for its CRDs to be Established, reads node counts and the CNI's affinity, JSON-patches the Cilium affinity and edits aws-auth.
 * Kubernetes errors become {@link IllegalStateException}s with a sentence.
 */
public final class Fabric8ClusterAdmin implements ClusterAdminPort {
    static final String KUBE_SYSTEM = "kube-system";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public List<String> objectNames(String manifestYaml) {
        return objects(manifestYaml).stream().map(Fabric8ClusterAdmin::name).toList();
    }

    private static List<HasMetadata> objects(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : FootprintManifest.documents(yaml)) {
            out.add(Serialization.unmarshal(doc, HasMetadata.class));
        }
        return out;
    }

    private static String name(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    @Override
    public FootprintStatus footprint(ClusterAccess access, String manifestYaml) {
        return with(access, "read HybridPane's objects", c -> {
            List<String> present = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (HasMetadata o : objects(manifestYaml)) {
                (c.resource(o).get() != null ? present : missing).add(name(o));
            }
            return new FootprintStatus(present, missing);
        });
    }

    @Override
    public List<String> apply(ClusterAccess access, String manifestYaml) {
        return with(access, "apply HybridPane's manifest", c -> {
            List<String> changed = new ArrayList<>();
            List<HasMetadata> objects = objects(manifestYaml);
            for (HasMetadata o : objects) {
                c.resource(o).createOr(NonDeletingOperation::update);
                changed.add(name(o));
            }
            // a new kind is served only once its CRD is Established: nothing may write custom objects before that
            for (HasMetadata o : objects) {
                if ("CustomResourceDefinition".equals(o.getKind())) {
                    awaitEstablished(c, o.getMetadata().getName());
                }
            }
            return changed;
        });
    }

    /** How long a new CRD may take to be Established (the API server's controllers usually take a second). */
    static final long ESTABLISH_SECONDS = 60;

    /** Waits until the CRD's Established condition is True, as kubectl wait --for condition=established does. */
    static void awaitEstablished(KubernetesClient c, String crd) {
        try {
            c.apiextensions().v1().customResourceDefinitions().withName(crd)
                    .waitUntilCondition(Fabric8ClusterAdmin::established, ESTABLISH_SECONDS, TimeUnit.SECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new IllegalStateException("The custom resource definition " + crd + " was not Established within "
                    + ESTABLISH_SECONDS + " s: the cluster does not serve its kind yet; check its status.conditions "
                    + "(kubectl get crd " + crd + " -o yaml) and import again.", e);
        }
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus()));
    }

    @Override
    public Map<ComputeType, Integer> nodeCounts(ClusterAccess access) {
        return with(access, "list nodes", c -> {
            Map<ComputeType, Integer> counts = new EnumMap<>(ComputeType.class);
            for (Node n : c.nodes().list().getItems()) {
                String label = n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(NodeLabels.COMPUTE_TYPE);
                ComputeType t = ComputeType.fromLabel(label);
                counts.merge(t, 1, Integer::sum);
            }
            return counts;
        });
    }

    @Override
    public CniStatus cni(ClusterAccess access) {
        return with(access, "read the CNI DaemonSets", c -> {
            DaemonSet cilium = c.apps().daemonSets().inNamespace(KUBE_SYSTEM).withName("cilium").get();
            DaemonSet calico = c.apps().daemonSets().inNamespace(KUBE_SYSTEM).withName("calico-node").get();
            if (calico == null) {
                calico = c.apps().daemonSets().inNamespace("calico-system").withName("calico-node").get();
            }
            DaemonSet vpc = c.apps().daemonSets().inNamespace(KUBE_SYSTEM).withName("aws-node").get();
            boolean vpcAnti = vpc != null && has(vpc.getSpec().getTemplate(), "NotIn");
            if (cilium != null) {
                Deployment op = c.apps().deployments().inNamespace(KUBE_SYSTEM).withName("cilium-operator").get();
                return new CniStatus("cilium", has(cilium.getSpec().getTemplate(), "In"), op != null,
                        op != null && has(op.getSpec().getTemplate(), "In"), vpc != null, vpcAnti);
            }
            if (calico != null) {
                return new CniStatus("calico", has(calico.getSpec().getTemplate(), "In"), false, false, vpc != null, vpcAnti);
            }
            return new CniStatus("none", false, false, false, vpc != null, vpcAnti);
        });
    }

    /** The template has a required node affinity on compute-type with the operator and the value "hybrid". */
    static boolean has(PodTemplateSpec t, String operator) {
        Affinity a = t == null || t.getSpec() == null ? null : t.getSpec().getAffinity();
        if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return false;
        }
        return a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().stream()
                .flatMap(term -> term.getMatchExpressions() == null ? Stream.empty() : term.getMatchExpressions().stream())
                .anyMatch(e -> NodeLabels.COMPUTE_TYPE.equals(e.getKey()) && operator.equals(e.getOperator())
                        && e.getValues() != null && e.getValues().contains("hybrid"));
    }

    static Affinity hybridAffinity() {
        return new AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey(NodeLabels.COMPUTE_TYPE).withOperator("In").withValues("hybrid").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }

    @Override
    public void patchCiliumAffinity(ClusterAccess access) {
        with(access, "patch the Cilium affinity", c -> {
            var ds = c.apps().daemonSets().inNamespace(KUBE_SYSTEM).withName("cilium");
            if (ds.get() == null) {
                throw new IllegalStateException("There is no cilium DaemonSet in kube-system to patch.");
            }
            if (!has(ds.get().getSpec().getTemplate(), "In")) {
                ds.edit(d -> {
                    d.getSpec().getTemplate().getSpec().setAffinity(hybridAffinity());
                    return d;
                });
            }
            var op = c.apps().deployments().inNamespace(KUBE_SYSTEM).withName("cilium-operator");
            if (op.get() != null && !has(op.get().getSpec().getTemplate(), "In")) {
                op.edit(d -> {
                    d.getSpec().getTemplate().getSpec().setAffinity(hybridAffinity());
                    return d;
                });
            }
            return null;
        });
    }

    @Override
    public boolean awsAuthMapsRole(ClusterAccess access, String roleArn) {
        return with(access, "read aws-auth", c -> {
            ConfigMap cm = c.configMaps().inNamespace(KUBE_SYSTEM).withName("aws-auth").get();
            return cm != null && mapRoles(cm).findValuesAsText("rolearn").contains(roleArn);
        });
    }

    @Override
    public void addAwsAuthMapRole(ClusterAccess access, String roleArn) {
        with(access, "edit aws-auth", c -> {
            ConfigMap cm = c.configMaps().inNamespace(KUBE_SYSTEM).withName("aws-auth").get();
            ArrayNode roles = cm == null ? YAML.createArrayNode() : mapRoles(cm);
            if (roles.findValuesAsText("rolearn").contains(roleArn)) {
                return null;
            }
            ObjectNode entry = roles.addObject();
            entry.put("rolearn", roleArn);
            entry.put("username", "system:node:{{SessionName}}");
            entry.putArray("groups").add("system:bootstrappers").add("system:nodes");
            String text;
            try {
                text = YAML.writeValueAsString(roles).replaceFirst("^---\\s*\\n", "");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ConfigMap next = cm == null ? new ConfigMapBuilder().withNewMetadata().withName("aws-auth").withNamespace(KUBE_SYSTEM)
                    .endMetadata().addToData("mapRoles", text).build()
                    : new ConfigMapBuilder(cm).addToData("mapRoles", text).build();
            c.resource(next).createOr(NonDeletingOperation::update);
            return null;
        });
    }

    private static ArrayNode mapRoles(ConfigMap cm) {
        String text = cm.getData() == null ? null : cm.getData().get("mapRoles");
        if (text == null || text.isBlank()) {
            return YAML.createArrayNode();
        }
        try {
            var node = YAML.readTree(text);
            return node instanceof ArrayNode a ? a : YAML.createArrayNode();
        } catch (IOException e) {
            throw new IllegalStateException("aws-auth mapRoles is not valid YAML: " + e.getMessage());
        }
    }

    private static <T> T with(ClusterAccess access, String what, Function<KubernetesClient, T> body) {
        Config config;
        if (access instanceof ClusterAccess.EksTokenAccess eks) {
            config = Fabric8ClusterPort.eksConfig(eks);
        } else if (access instanceof ClusterAccess.KubeconfigContext kc) {
            config = KubeProxies.fromEnvironment().applyTo(Config.autoConfigure(kc.context()));
        } else {
            throw new IllegalArgumentException("unknown access " + access);
        }
        try (KubernetesClient c = KubeClients.build(config)) {
            return KubeRetry.throttled(() -> body.apply(c));
        } catch (KubernetesClientException e) {
            String status = e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            throw new IllegalStateException("Could not " + what + status + ": " + reason, e);
        }
    }
}
