package dev.hybridpane.lab.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDRBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents a real API server publishes (/api, /api/v1, /apis, /apis/group/version, /version),
 * which fabric8's CRUD mock server lacks and kubectl needs. Thread-safe. Custom resources are published while
 * their CRD is established ({@link LabCrds}).
 */
public final class LabDiscovery {
    static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** groupVersion ("v1", "apps/v1") to its resources, in registration order. */
    private final Map<String, List<APIResource>> resources = new LinkedHashMap<>();
    private final String kubernetesVersion;
    private final String gitVersion;
    private volatile String serverAddress = "127.0.0.1:0";

    /**
     * @param kubernetesVersion "1.31"
     * @param gitVersion e.g. "v1.31.7-eks-473151a"
     */
    public LabDiscovery(String kubernetesVersion, String gitVersion) {
        this.kubernetesVersion = kubernetesVersion;
        this.gitVersion = gitVersion;
        addBuiltIns();
    }

    private void addBuiltIns() {
        add("", "v1", "namespaces", "Namespace", false, "ns");
        add("", "v1", "nodes", "Node", false, "no");
        add("", "v1", "pods", "Pod", true, "po");
        add("", "v1", "events", "Event", true, "ev");
        add("", "v1", "configmaps", "ConfigMap", true, "cm");
        add("", "v1", "secrets", "Secret", true);
        add("", "v1", "services", "Service", true, "svc");
        add("", "v1", "serviceaccounts", "ServiceAccount", true, "sa");
        add("apps", "v1", "daemonsets", "DaemonSet", true, "ds");
        add("apps", "v1", "deployments", "Deployment", true, "deploy");
        add("apps", "v1", "replicasets", "ReplicaSet", true, "rs");
        add("apps", "v1", "statefulsets", "StatefulSet", true, "sts");
        add("events.k8s.io", "v1", "events", "Event", true, "ev");
        add("coordination.k8s.io", "v1", "leases", "Lease", true);
        add("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb");
        add("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds");
        add("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
        add("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);
        // custom resources (HybridPane's own included) appear only once their CRD is established (LabCrds)
    }

    /** Publishes a resource (for example a custom resource of the console) in the discovery documents. */
    public synchronized void add(String group, String version, String plural, String kind, boolean namespaced, String... shortNames) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        APIResource r = new APIResourceBuilder().withName(plural).withSingularName(kind.toLowerCase())
                .withKind(kind).withNamespaced(namespaced).withVerbs(ALL_VERBS)
                .withShortNames(shortNames.length == 0 ? null : List.of(shortNames)).build();
        List<APIResource> list = resources.computeIfAbsent(gv, k -> new ArrayList<>());
        list.removeIf(x -> x.getName().equals(plural));
        list.add(r);
        if ("pods".equals(plural) && group.isEmpty()) {
            // kubectl drain finds the Eviction API here (drain.CheckEvictionSupport: name, kind, group and version)
            list.add(new APIResourceBuilder().withName("pods/eviction").withSingularName("").withKind("Eviction").withGroup("policy")
                    .withVersion("v1").withNamespaced(true).withVerbs("create").build());
        }
        if ("nodes".equals(plural) && group.isEmpty()) {
            list.add(new APIResourceBuilder().withName("nodes/status").withKind(kind).withNamespaced(false)
                    .withVerbs("get", "patch", "update").build());
        }
    }

    /**
     * Publishes a custom resource of an established CRD, as the apiextensions server does: its names, verbs and
     * categories, and its status subresource when the version declares one.
     */
    synchronized void addCustom(String group, String version, String plural, String singular, String kind, boolean namespaced,
            List<String> shortNames, List<String> categories, boolean statusSubresource) {
        String gv = group + "/" + version;
        List<APIResource> list = resources.computeIfAbsent(gv, k -> new ArrayList<>());
        list.removeIf(x -> x.getName().equals(plural) || x.getName().startsWith(plural + "/"));
        list.add(new APIResourceBuilder().withName(plural).withSingularName(singular).withKind(kind).withNamespaced(namespaced)
                .withVerbs(ALL_VERBS).withShortNames(shortNames.isEmpty() ? null : List.copyOf(shortNames))
                .withCategories(categories.isEmpty() ? null : List.copyOf(categories)).build());
        if (statusSubresource) {
            list.add(new APIResourceBuilder().withName(plural + "/status").withSingularName("").withKind(kind)
                    .withNamespaced(namespaced).withVerbs("get", "patch", "update").build());
        }
    }

    /** Stops publishing a resource (its CRD was deleted); its group version goes when nothing is left in it. */
    synchronized void remove(String group, String version, String plural) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        List<APIResource> list = resources.get(gv);
        if (list == null) {
            return;
        }
        list.removeIf(x -> x.getName().equals(plural) || x.getName().startsWith(plural + "/"));
        if (list.isEmpty()) {
            resources.remove(gv);
        }
    }

    /** The plural of a kind in a group version ("v1", "rbac.authorization.k8s.io/v1"), or null when not published. */
    synchronized String plural(String groupVersion, String kind) {
        List<APIResource> list = resources.get(groupVersion);
        if (list == null) {
            return null;
        }
        return list.stream().filter(r -> r.getKind().equals(kind) && !r.getName().contains("/")).map(APIResource::getName)
                .findFirst().orElse(null);
    }

    /** The kind of a resource (its plural) in a group version, or null when not published. */
    synchronized String kindOf(String groupVersion, String plural) {
        List<APIResource> list = resources.get(groupVersion);
        return list == null ? null : list.stream().filter(r -> r.getName().equals(plural)).map(APIResource::getKind)
                .findFirst().orElse(null);
    }

    /** Whether a kind of a group version is namespaced; false when not published. */
    synchronized boolean namespaced(String groupVersion, String kind) {
        List<APIResource> list = resources.get(groupVersion);
        return list != null && list.stream().anyMatch(r -> r.getKind().equals(kind) && !r.getName().contains("/")
                && Boolean.TRUE.equals(r.getNamespaced()));
    }

    void setServerAddress(String hostPort) {
        this.serverAddress = hostPort;
    }

    /** The JSON answer for a GET of {@code path} (query string ignored), or null when it is not a discovery path. */
    public synchronized String answer(String pathWithQuery) {
        String raw = stripQuery(pathWithQuery);
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (path.equals("/version")) {
            return versionJson();
        }
        if (path.equals("/api")) {
            return Serialization.asJson(new APIVersionsBuilder().withVersions("v1")
                    .withServerAddressByClientCIDRs(new ServerAddressByClientCIDRBuilder().withClientCIDR("0.0.0.0/0")
                            .withServerAddress(serverAddress).build()).build());
        }
        if (path.equals("/apis")) {
            return Serialization.asJson(new APIGroupListBuilder().withGroups(groups()).build());
        }
        String gv = null;
        if (path.startsWith("/api/")) {
            gv = path.substring("/api/".length());
        } else if (path.startsWith("/apis/")) {
            gv = path.substring("/apis/".length());
            if (!gv.contains("/")) {
                APIGroup g = groups().stream().filter(x -> x.getName().equals(path.substring("/apis/".length())))
                        .findFirst().orElse(null);
                return g == null ? null : Serialization.asJson(g);
            }
        }
        if (gv == null || !resources.containsKey(gv)) {
            return null;
        }
        return Serialization.asJson(new APIResourceListBuilder().withGroupVersion(gv).withResources(resources.get(gv)).build());
    }

    private List<APIGroup> groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (String gv : resources.keySet()) {
            int slash = gv.indexOf('/');
            if (slash > 0) {
                versionsByGroup.computeIfAbsent(gv.substring(0, slash), k -> new ArrayList<>()).add(gv.substring(slash + 1));
            }
        }
        List<APIGroup> out = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> {
            APIGroupBuilder b = new APIGroupBuilder().withName(group);
            for (String v : versions) {
                b.addToVersions(new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/" + v).withVersion(v).build());
            }
            b.withPreferredVersion(new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/" + versions.get(0))
                    .withVersion(versions.get(0)).build());
            out.add(b.build());
        });
        return out;
    }

    private String versionJson() {
        String[] mm = kubernetesVersion.split("\\.");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("major", mm[0]);
        v.put("minor", mm.length > 1 ? mm[1] + "+" : "0");
        v.put("gitVersion", gitVersion);
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2025-03-01T00:00:00Z");
        v.put("goVersion", "go1.23.6");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return Serialization.asJson(v);
    }

    static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
