package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.lab.kube.EksIdentityLookup.KubernetesUser;
import dev.hybridpane.lab.kube.EksTokenResult.Authenticated;
import dev.hybridpane.lab.kube.EksTokenResult.Unauthenticated;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates and authorizes each request to one lab API server, as an EKS cluster's API server does, before the
 * dispatcher answers it.
 * <p>Authentication (bearer tokens only, as EKS: no client certificates, no basic auth):
 * <ul>
 * <li>An EKS token ({@code k8s-aws-v1.}): verified by {@link EksTokenVerifier} (signature with the account's keys,
 *     x-k8s-aws-id equal to this cluster's name, signed within 15 minutes), then mapped to a Kubernetes user by the
 *     cluster's access entries and, where the authentication mode includes CONFIG_MAP, by the aws-auth ConfigMap in
 *     kube-system (access entries take precedence for the same principal: EKS user guide, "Migrating existing aws-auth
 *     ConfigMap entries to access entries"). A valid token of an unmapped principal is refused as an invalid one:
 *     aws-iam-authenticator answers "ARN is not mapped" and the API server answers 401 Unauthorized.</li>
 * <li>The lab's admin token (random per lab, in memory, for the lab's own clients and the kubeconfig it writes):
 *     user {@code hybridpane:lab-admin} in {@code system:masters}.</li>
 * <li>No token: anonymous, allowed only on the health and version paths that Kubernetes' bootstrap RBAC role
 *     system:public-info-viewer grants to system:unauthenticated (/healthz, /livez, /readyz, /version). Everything else
 *     answers 401, as EKS answers since it restricted anonymous authentication to the health endpoints
 *     (KEP-4633, AnonymousAuthConfigurableEndpoints; EKS 1.32 and later).</li>
 * </ul>
 * Any other or invalid token answers 401 with the Status a real API server sends. Authorization: {@link LabAuthorizer}.
 */
final class LabAuthenticator {
    static final String ADMIN_USER = "hybridpane:lab-admin";
    static final String AWS_AUTH_PATH = "/api/v1/namespaces/kube-system/configmaps/aws-auth";
    private static final Logger LOG = LoggerFactory.getLogger(LabAuthenticator.class);
    private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";
    /** system:public-info-viewer's nonResourceURLs (Kubernetes bootstrap policy). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version", "/version/");
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/(.+)/([^/]+)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** How a lab API server learns who may call it: the lab's admin token, and the account side for EKS tokens. */
    record Access(String adminToken, EksIdentityLookup eks, List<URI> stsEndpoints, Clock clock) {
        Access {
            if (adminToken == null || adminToken.length() < 32) {
                throw new IllegalArgumentException("the lab admin token must be a long random string");
            }
            stsEndpoints = List.copyOf(stsEndpoints);
        }

        @Override
        public String toString() {
            return "Access[adminToken=<redacted>, eks=" + (eks != null) + ", stsEndpoints=" + stsEndpoints + "]";
        }
    }

    private final LabCluster cluster;
    private final Access access;
    private final EksTokenVerifier verifier;
    private final Function<String, String> store;
    private final LabAuthorizer authorizer = new LabAuthorizer();

    /** {@code store}: an in-process GET of the cluster's own objects (for aws-auth). */
    LabAuthenticator(LabCluster cluster, Access access, Function<String, String> store) {
        this.cluster = cluster;
        this.access = access;
        this.store = store;
        this.verifier = access.eks() == null ? null
                : new EksTokenVerifier(access.eks().keys(), access.stsEndpoints(), null);
    }

    /** Null when the request may proceed; else the 401 or 403 answer. Without an authenticator (not wired yet): 401. */
    static MockResponse check(LabAuthenticator authenticator, RecordedRequest request) {
        return authenticator == null ? json(401, UNAUTHORIZED) : authenticator.check(request);
    }

    /** Null when the request may proceed; else the 401 or 403 answer. */
    MockResponse check(RecordedRequest request) {
        String path = request.getPath() == null ? "/" : request.getPath();
        String token = bearer(request.getHeader("Authorization"));
        KubernetesUser user;
        if (token == null) {
            if (PUBLIC_PATHS.contains(stripQuery(path))) {
                return null;
            }
            return unauthorized("no bearer token", path);
        }
        if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), access.adminToken().getBytes(StandardCharsets.UTF_8))) {
            user = new KubernetesUser(ADMIN_USER, List.of("system:masters", "system:authenticated"));
        } else {
            Optional<KubernetesUser> eks = eksUser(token, path);
            if (eks.isEmpty()) {
                return unauthorized(null, path);
            }
            user = eks.get();
        }
        return authorizer.check(user, request.getMethod(), path);
    }

    private Optional<KubernetesUser> eksUser(String token, String path) {
        if (verifier == null) {
            LOG.info("lab API {} {}: 401, an EKS token but this lab has no AWS account to check it", cluster.name(), stripQuery(path));
            return Optional.empty();
        }
        EksTokenResult result = verifier.verify(token, cluster.name(), access.clock().instant());
        if (result instanceof Unauthenticated u) {
            LOG.info("lab API {} {}: 401, {}", cluster.name(), stripQuery(path), u.reason());
            return Optional.empty();
        }
        Authenticated a = (Authenticated) result;
        Optional<String> principal = access.eks().principalArn(a.accessKeyId());
        if (principal.isEmpty()) {
            LOG.info("lab API {} {}: 401, access key {} has no principal", cluster.name(), stripQuery(path), a.accessKeyId());
            return Optional.empty();
        }
        Optional<KubernetesUser> user = mapped(principal.get());
        if (user.isEmpty()) {
            // aws-iam-authenticator: "access denied", error="ARN is not mapped: ..."
            LOG.info("lab API {} {}: 401, ARN is not mapped: {}", cluster.name(), stripQuery(path), principal.get());
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>(user.get().groups());
        groups.add("system:authenticated");
        return Optional.of(new KubernetesUser(user.get().username(), groups, user.get().accessPolicies()));
    }

    /** Access entries first; aws-auth where the authentication mode reads it. */
    private Optional<KubernetesUser> mapped(String principalArn) {
        Optional<String> mode = access.eks().authenticationMode(cluster.region(), cluster.name());
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        Optional<KubernetesUser> entry = access.eks().kubernetesUser(cluster.region(), cluster.name(), principalArn);
        if (entry.isPresent() || "API".equals(mode.get())) {
            return entry;
        }
        return awsAuth(principalArn);
    }

    /** The aws-auth ConfigMap's mapRoles (rolearn) and mapUsers (userarn), as aws-iam-authenticator's EKS mapper reads them. */
    private Optional<KubernetesUser> awsAuth(String principalArn) {
        String json = store.apply(AWS_AUTH_PATH);
        if (json == null) {
            return Optional.empty();
        }
        String canonical = principalArn;
        String session = "";
        String account = "";
        Matcher m = ASSUMED_ROLE.matcher(principalArn);
        if (m.matches()) {
            canonical = "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3);
            account = m.group(2);
            session = m.group(4);
        } else {
            Matcher acct = Pattern.compile("arn:[^:]+:iam::(\\d{12}):.*").matcher(principalArn);
            account = acct.matches() ? acct.group(1) : "";
        }
        try {
            JsonNode data = YAML.readTree(json).path("data");
            for (String[] kind : new String[][] {{"mapRoles", "rolearn"}, {"mapUsers", "userarn"}}) {
                if (!data.path(kind[0]).isTextual()) {
                    continue;
                }
                JsonNode list = YAML.readTree(data.path(kind[0]).asText());
                for (JsonNode e : list) {
                    if (e.path(kind[1]).asText().equalsIgnoreCase(canonical)) {
                        String username = e.path("username").asText(canonical)
                                .replace("{{SessionName}}", session).replace("{{AccountID}}", account);
                        List<String> groups = new ArrayList<>();
                        e.path("groups").forEach(g -> groups.add(g.asText()));
                        return Optional.of(new KubernetesUser(username, groups));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("lab API {}: the aws-auth ConfigMap is not readable: {}", cluster.name(), e.getMessage());
        }
        return Optional.empty();
    }

    private MockResponse unauthorized(String reason, String path) {
        if (reason != null) {
            LOG.debug("lab API {} {}: 401, {}", cluster.name(), stripQuery(path), reason);
        }
        return json(401, UNAUTHORIZED);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** The token of an "Authorization: Bearer TOKEN" header, or null. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String v = authorization.trim();
        if (v.length() < 7 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String t = v.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
