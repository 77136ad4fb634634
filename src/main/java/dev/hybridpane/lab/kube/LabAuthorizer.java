package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.kube.EksIdentityLookup.KubernetesUser;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what an authenticated user may do, as an EKS API server's authorizers do, for what the lab models:
 * <ul>
 * <li>{@code system:masters} may do anything (Kubernetes' superuser group);</li>
 * <li>EKS access policies at cluster scope (EKS user guide, "Review access policy permissions"):
 *     AmazonEKSClusterAdminPolicy allows everything; AmazonEKSAdminPolicy and AmazonEKSEditPolicy everything on
 *     namespaced resources but RBAC objects (Admin also those) and reading the rest; AmazonEKSViewPolicy get, list and
 *     watch of everything but Secrets;</li>
 * <li>every authenticated user: the discovery, health and version paths (bootstrap roles system:discovery,
 *     system:public-info-viewer) and the self reviews (system:basic-user);</li>
 * <li>{@code system:nodes}: an outline of the Node authorizer and system:node role (read the cluster's objects but
 *     Secrets and ConfigMaps, write nodes, their status, leases, events, pod status and CSRs).</li>
 * </ul>
 * The lab does not evaluate RBAC objects (Roles, ClusterRoleBindings) stored in the cluster: groups other than these
 * get what every authenticated user gets. Everything else answers 403 with Kubernetes' Forbidden Status.
 */
final class LabAuthorizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> RBAC = Set.of("roles", "rolebindings", "clusterroles", "clusterrolebindings");
    private static final Set<String> NODE_READS = Set.of("nodes", "pods", "services", "endpoints", "endpointslices",
            "persistentvolumes", "persistentvolumeclaims", "csinodes", "csidrivers", "runtimeclasses", "leases",
            "namespaces", "storageclasses", "volumeattachments");
    private static final Set<String> NODE_WRITES = Set.of("nodes", "nodes/status", "pods/status", "events", "leases",
            "certificatesigningrequests", "csinodes");
    private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews",
            "selfsubjectreviews");

    /** What a request asks to do, as Kubernetes' RequestInfo reads it from the method and path. */
    record Attributes(String verb, boolean resourceRequest, String path, String group, String namespace,
            String resource, String subresource, String name) {

        static Attributes of(String method, String pathWithQuery) {
            String path = LabAuthenticator.stripQuery(pathWithQuery);
            String query = pathWithQuery.length() > path.length() ? pathWithQuery.substring(path.length() + 1) : "";
            String m = method == null ? "get" : method.toLowerCase(Locale.ROOT);
            List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
            String group;
            List<String> rest;
            if (parts.size() >= 2 && parts.get(0).equals("api")) {
                group = "";
                rest = parts.subList(2, parts.size());
            } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
                group = parts.get(1);
                rest = parts.subList(3, parts.size());
            } else {
                return new Attributes(m, false, path, "", "", "", "", "");
            }
            if (rest.isEmpty()) {
                return new Attributes(m, false, path, "", "", "", "", "");
            }
            String namespace = "";
            if (rest.get(0).equals("namespaces") && rest.size() >= 2) {
                namespace = rest.get(1);
                if (rest.size() > 2 && !Set.of("status", "finalize").contains(rest.get(2))) {
                    rest = rest.subList(2, rest.size());
                }
            }
            String resource = rest.get(0);
            String name = rest.size() > 1 ? rest.get(1) : "";
            String sub = rest.size() > 2 ? rest.get(2) : "";
            boolean watch = Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
            String verb = switch (m) {
                case "get", "head" -> watch ? "watch" : name.isEmpty() ? "list" : "get";
                case "post" -> "create";
                case "put" -> "update";
                case "patch" -> "patch";
                case "delete" -> name.isEmpty() ? "deletecollection" : "delete";
                default -> m;
            };
            return new Attributes(verb, true, path, group, namespace, resource, sub, name);
        }

        String qualifiedResource() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }
    }

    /** Null when allowed; else the 403 Status. */
    MockResponse check(KubernetesUser user, String method, String path) {
        Attributes a = Attributes.of(method, path);
        if (allowed(user, a)) {
            return null;
        }
        return LabAuthenticator.json(403, forbidden(user.username(), a));
    }

    static boolean allowed(KubernetesUser user, Attributes a) {
        List<String> groups = user.groups();
        List<String> policies = user.accessPolicies();
        if (groups.contains("system:masters") || policies.contains("AmazonEKSClusterAdminPolicy")) {
            return true;
        }
        if (!a.resourceRequest()) {
            String p = a.path();
            return a.verb().equals("get") && (p.equals("/api") || p.startsWith("/api/") || p.equals("/apis")
                    || p.startsWith("/apis/") || p.equals("/openapi") || p.startsWith("/openapi/")
                    || Set.of("/healthz", "/livez", "/readyz", "/version", "/version/").contains(p));
        }
        String r = a.qualifiedResource();
        if (a.verb().equals("create") && SELF_REVIEWS.contains(a.resource())) {
            return true;
        }
        boolean read = READ.contains(a.verb());
        boolean namespaced = !a.namespace().isEmpty() && !a.resource().equals("namespaces");
        if (policies.contains("AmazonEKSAdminPolicy") && (read || namespaced)) {
            return true;
        }
        if (policies.contains("AmazonEKSEditPolicy") && (read || namespaced && !RBAC.contains(a.resource()))) {
            return true;
        }
        if (policies.contains("AmazonEKSViewPolicy") && read && !a.resource().equals("secrets")) {
            return true;
        }
        if (groups.contains("system:nodes")) {
            return read && NODE_READS.contains(a.resource()) && a.subresource().isEmpty()
                    || Set.of("create", "update", "patch", "get").contains(a.verb()) && NODE_WRITES.contains(r);
        }
        return false;
    }

    /** Kubernetes' Forbidden Status: "RESOURCE[.GROUP] ["NAME"] is forbidden: User "U" cannot VERB resource ...". */
    static String forbidden(String username, Attributes a) {
        String reason;
        String subject;
        if (a.resourceRequest()) {
            reason = "User \"" + username + "\" cannot " + a.verb() + " resource \"" + a.qualifiedResource()
                    + "\" in API group \"" + a.group() + "\""
                    + (a.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"");
            String qualified = a.group().isEmpty() ? a.resource() : a.resource() + "." + a.group();
            subject = qualified + (a.name().isEmpty() ? "" : " \"" + a.name() + "\"") + " is forbidden: ";
        } else {
            reason = "User \"" + username + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
            subject = "forbidden: ";
        }
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", subject + reason).put("reason", "Forbidden");
        ObjectNode details = status.putObject("details");
        if (!a.name().isEmpty()) {
            details.put("name", a.name());
        }
        if (!a.group().isEmpty()) {
            details.put("group", a.group());
        }
        if (!a.resource().isEmpty()) {
            details.put("kind", a.resource());
        }
        status.put("code", 403);
        return status.toString();
    }
}
