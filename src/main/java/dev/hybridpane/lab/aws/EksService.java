package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Amazon EKS on REST-JSON: ListClusters, DescribeCluster, ListAccessEntries, DescribeAccessEntry, ListNodegroups,
 * DescribeClusterVersions ({@link EksClusterVersions}), the access policies ({@link EksAccessPolicies}), the lists of
 * what the lab's clusters have none of (Fargate profiles, identity provider configs, Pod Identity associations), and
 * the hybrid operations of {@link EksHybridOps}. Every List call pages with tokens bound to the call (operation,
 * region, cluster); any other token is an InvalidParameterException.
 * <p>EKS is a service of each account: a caller (the principal of the key that signed the request) sees only its own
 * account's clusters, and another account's cluster name is answered as a name EKS does not know there
 * (ResourceNotFoundException).
 */
final class EksService extends RestJsonService {
    private static final int MAX_RESULTS = 100;

    private final AwsState state;
    private final LabCredentials credentials;
    private final Supplier<Map<String, String>> apiEndpoints;
    private final String caData;
    private final int defaultPageSize;
    private final EksHybridOps hybrid;
    private final Clock clock = Clock.systemUTC();

    /** @param apiEndpoints gives the clusters' API URLs; may wait for the lab's API servers to start */
    EksService(Json json, AwsState state, LabCredentials credentials, Supplier<Map<String, String>> apiEndpoints,
            String caData, int defaultPageSize) {
        super(json);
        this.state = state;
        this.credentials = credentials;
        this.apiEndpoints = apiEndpoints;
        this.caData = caData == null ? "" : caData;
        this.defaultPageSize = defaultPageSize;
        this.hybrid = new EksHybridOps(json, state, Clock.systemUTC());
    }

    /** How long an UpdateClusterConfig stays InProgress before it succeeds. */
    void setUpdateDelay(Duration d) {
        hybrid.setDelay(d);
    }

    @Override
    public String signingName() {
        return "eks";
    }

    @Override
    public String operation(AwsRequest r) {
        List<String> s = r.segments();
        if (s.size() == 1 && "cluster-versions".equals(s.get(0)) && "GET".equals(r.method())) {
            return "DescribeClusterVersions";
        }
        if (s.size() == 1 && "access-policies".equals(s.get(0)) && "GET".equals(r.method())) {
            return "ListAccessPolicies";
        }
        if (s.isEmpty() || !"clusters".equals(s.get(0))) {
            return null;
        }
        String m = r.method();
        String sub = s.size() > 2 ? s.get(2) : "";
        if ("GET".equals(m)) {
            return switch (s.size()) {
                case 1 -> "ListClusters";
                case 2 -> "DescribeCluster";
                case 3 -> switch (sub) {
                    case "access-entries" -> "ListAccessEntries";
                    case "updates" -> "ListUpdates";
                    case "addons" -> "ListAddons";
                    case "node-groups" -> "ListNodegroups";
                    case "fargate-profiles" -> "ListFargateProfiles";
                    case "identity-provider-configs" -> "ListIdentityProviderConfigs";
                    case "pod-identity-associations" -> "ListPodIdentityAssociations";
                    default -> null;
                };
                case 5 -> "access-entries".equals(sub) && "access-policies".equals(s.get(4))
                        ? "ListAssociatedAccessPolicies" : null;
                case 4 -> switch (sub) {
                    case "access-entries" -> "DescribeAccessEntry";
                    case "updates" -> "DescribeUpdate";
                    case "addons" -> "DescribeAddon";
                    default -> null;
                };
                default -> null;
            };
        }
        if ("POST".equals(m) && s.size() == 3) {
            return "update-config".equals(sub) ? "UpdateClusterConfig" : "access-entries".equals(sub) ? "CreateAccessEntry" : null;
        }
        if ("DELETE".equals(m) && s.size() == 4 && "access-entries".equals(sub)) {
            return "DeleteAccessEntry";
        }
        return null;
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        try {
            return switch (operation) {
                case "ListClusters" -> listClusters(r);
                case "DescribeCluster" -> describeCluster(r);
                case "ListAccessEntries" -> listAccessEntries(r);
                case "DescribeAccessEntry" -> describeAccessEntry(r);
                case "DescribeClusterVersions" -> describeClusterVersions(r);
                case "ListAccessPolicies" -> EksAccessPolicies.listAccessPolicies(this, r, pageSize(r));
                default -> hybridOperation(operation, r);
            };
        } catch (Pages.BadTokenException e) {
            return error(r, 400, "InvalidParameterException", "The nextToken parameter is not valid. Use the nextToken "
                    + "returned by a previous call of this operation with the same parameters.");
        } catch (NumberFormatException e) {
            return error(r, 400, "InvalidParameterException", "maxResults must be an integer between 1 and " + MAX_RESULTS);
        } catch (IllegalArgumentException e) { // maxResults out of range
            return error(r, 400, "InvalidParameterException", e.getMessage());
        }
    }

    /** EKS's own model: ThrottlingException is HTTP 429, ServerException 500, ServiceUnavailableException 503. */
    @Override
    FaultAnswer transientAnswer(Fault fault) {
        return switch (fault) {
            case THROTTLING -> FaultAnswer.throttling(429, "ThrottlingException");
            case INTERNAL_ERROR -> FaultAnswer.internal("ServerException");
            default -> FaultAnswer.unavailable("ServiceUnavailableException");
        };
    }

    @Override
    String resourceArn(AwsRequest r) {
        if (r.segments().size() >= 2) {
            return "arn:aws:eks:" + r.region() + ":" + account(r) + ":cluster/" + r.segments().get(1);
        }
        return "arn:aws:eks:" + r.region() + ":" + account(r) + ":cluster/*";
    }

    /** The caller's account: that of the principal whose key signed the request (the world's own when unsigned). */
    String account(AwsRequest r) {
        return credentials.accountId(r.accessKeyId()).orElse(state.accountId());
    }

    int pageSize(AwsRequest r) {
        Optional<String> max = r.param("maxResults");
        if (max.isEmpty()) {
            return defaultPageSize > 0 ? defaultPageSize : MAX_RESULTS;
        }
        int n = Integer.parseInt(max.get());
        if (n < 1 || n > MAX_RESULTS) {
            throw new IllegalArgumentException("maxResults must be between 1 and " + MAX_RESULTS);
        }
        return defaultPageSize > 0 ? Math.min(n, defaultPageSize) : n;
    }

    private AwsResponse listClusters(AwsRequest r) {
        List<String> names = state.clusters(account(r), r.region()).stream().map(LabCluster::name).toList();
        return page(r, "eks:ListClusters " + r.region(), "clusters", names);
    }

    /** One page of {@code all} as {@code {field: [...], nextToken}}, the token bound to {@code call}. */
    AwsResponse page(AwsRequest r, String call, String field, List<String> all) {
        Pages<String> page = Pages.of(call, all, r.param("nextToken").orElse(null), pageSize(r));
        ObjectNode body = json.object();
        ArrayNode arr = body.putArray(field);
        page.items().forEach(arr::add);
        if (page.next() != null) {
            body.put("nextToken", page.next());
        }
        return ok(body);
    }

    /**
     * An error that names the cluster, as EKS's InvalidParameterException, InvalidRequestException and
     * ResourceInUseException do ({@code clusterName} beside {@code message}).
     */
    AwsResponse clusterError(AwsRequest r, int status, String code, String clusterName, String message) {
        ObjectNode body = json.object().put("clusterName", clusterName).put("message", message);
        return AwsResponse.json(status, "application/json", json.write(body)).withHeader("x-amzn-ErrorType", code);
    }

    private Optional<LabCluster> cluster(AwsRequest r) {
        hybrid.settle();
        return state.cluster(account(r), r.region(), r.segments().get(1));
    }

    private AwsResponse hybridOperation(String operation, AwsRequest r) {
        Optional<LabCluster> found = cluster(r);
        if (found.isEmpty()) {
            return noCluster(r);
        }
        LabCluster c = found.get();
        return switch (operation) {
            case "UpdateClusterConfig" -> hybrid.updateClusterConfig(this, r, c);
            case "DescribeUpdate" -> hybrid.describeUpdate(this, r, c, r.segments().get(3));
            case "ListUpdates" -> page(r, "eks:ListUpdates " + r.region() + "/" + c.name(), "updateIds", hybrid.updateIds(c));
            case "ListAddons" -> page(r, "eks:ListAddons " + r.region() + "/" + c.name(), "addons", c.addons());
            case "ListNodegroups" -> page(r, "eks:ListNodegroups " + r.region() + "/" + c.name(), "nodegroups", nodegroups(c));
            // the lab's clusters have none of these: an empty page, paged (and its token checked) as every list is
            case "ListFargateProfiles" -> page(r, "eks:ListFargateProfiles " + r.region() + "/" + c.name(),
                    "fargateProfileNames", List.of());
            case "ListIdentityProviderConfigs" -> page(r, "eks:ListIdentityProviderConfigs " + r.region() + "/" + c.name(),
                    "identityProviderConfigs", List.of());
            case "ListPodIdentityAssociations" -> page(r, "eks:ListPodIdentityAssociations " + r.region() + "/" + c.name(),
                    "associations", List.of());
            case "ListAssociatedAccessPolicies" -> EksAccessPolicies.listAssociated(this, r, c, state, state.createdAt(c),
                    pageSize(r));
            case "DescribeAddon" -> hybrid.describeAddon(this, r, c, r.segments().get(3));
            case "DeleteAccessEntry" -> hybrid.deleteAccessEntry(this, r, c, r.segments().get(3));
            case "CreateAccessEntry" -> {
                AwsResponse err = hybrid.createAccessEntry(this, r, c, null);
                if (err != null) {
                    yield err;
                }
                String principal = json.read(r.body()).path("principalArn").asText();
                yield describeAccessEntry(new AwsRequest("GET", r.rawPath(), List.of("clusters", c.name(), "access-entries", principal),
                        r.params(), r.headers(), new byte[0], r.accessKeyId(), r.region(), r.service(), r.requestId()));
            }
            default -> unknownOperation(r);
        };
    }

    /**
     * The cluster's managed node groups: the lab's cloud nodes all carry {@code eks.amazonaws.com/nodegroup:
     * <cluster>-default} (lab/kube's node factory), so a cluster with cloud nodes has that one group; hybrid nodes
     * belong to no node group.
     */
    static List<String> nodegroups(LabCluster c) {
        return c.cloudNodes() > 0 ? List.of(c.name() + "-default") : List.of();
    }

    /**
     * DescribeClusterVersions (GET /cluster-versions): the versions in standard or extended support, all of them with
     * includeAll=true, only the default with defaultOnly=true; versionStatus (or the deprecated status) and
     * clusterVersions filter, clusterType must be "eks". Pages as every EKS list does.
     */
    private AwsResponse describeClusterVersions(AwsRequest r) {
        java.time.Instant now = clock.instant();
        String type = r.param("clusterType").orElse("eks");
        if (!"eks".equals(type)) {
            return error(r, 400, "InvalidParameterException", "The cluster type " + type + " is not supported. Valid types: eks");
        }
        Optional<String> bad = Stream.of("includeAll", "defaultOnly").filter(p -> r.param(p).isPresent())
                .filter(p -> !r.param(p).get().matches("true|false")).findFirst();
        if (bad.isPresent()) {
            return error(r, 400, "InvalidParameterException", bad.get() + " must be true or false");
        }
        boolean includeAll = Boolean.parseBoolean(r.param("includeAll").orElse("false"));
        boolean defaultOnly = Boolean.parseBoolean(r.param("defaultOnly").orElse("false"));
        String versionStatus = r.param("versionStatus").orElse(null);
        if (versionStatus != null && !List.of("UNSUPPORTED", "STANDARD_SUPPORT", "EXTENDED_SUPPORT").contains(versionStatus)) {
            return error(r, 400, "InvalidParameterException", "versionStatus must be one of UNSUPPORTED, STANDARD_SUPPORT, "
                    + "EXTENDED_SUPPORT");
        }
        String status = r.param("status").orElse(null);
        if (status != null && !List.of("unsupported", "standard-support", "extended-support").contains(status)) {
            return error(r, 400, "InvalidParameterException", "status must be one of unsupported, standard-support, "
                    + "extended-support");
        }
        String only = r.param("clusterVersions").orElse(null);
        String defaultVersion = EksClusterVersions.defaultVersion(now);
        List<EksClusterVersions.Version> all = EksClusterVersions.released(now).stream()
                .filter(v -> includeAll || versionStatus != null || status != null
                        || !"UNSUPPORTED".equals(v.versionStatus(now)))
                .filter(v -> versionStatus == null || versionStatus.equals(v.versionStatus(now)))
                .filter(v -> status == null || status.equals(v.status(now)))
                .filter(v -> only == null || only.equals(v.version()))
                .filter(v -> !defaultOnly || v.version().equals(defaultVersion)).toList();
        String call = "eks:DescribeClusterVersions " + includeAll + " " + defaultOnly + " " + versionStatus + " " + status + " "
                + only;
        Pages<EksClusterVersions.Version> page = Pages.of(call, all, r.param("nextToken").orElse(null), pageSize(r));
        ObjectNode body = json.object();
        ArrayNode arr = body.putArray("clusterVersions");
        for (EksClusterVersions.Version v : page.items()) {
            ObjectNode o = arr.addObject().put("clusterVersion", v.version()).put("clusterType", "eks");
            if (v.defaultPlatformVersion() != null) {
                o.put("defaultPlatformVersion", v.defaultPlatformVersion());
            }
            o.put("defaultVersion", v.version().equals(defaultVersion))
                    .put("releaseDate", Json.epochSeconds(EksClusterVersions.Version.start(v.released())))
                    .put("endOfStandardSupportDate", Json.epochSeconds(EksClusterVersions.Version.start(v.endOfStandard())))
                    .put("endOfExtendedSupportDate", Json.epochSeconds(EksClusterVersions.Version.start(v.endOfExtended())))
                    .put("status", v.status(now)).put("versionStatus", v.versionStatus(now));
        }
        if (page.next() != null) {
            body.put("nextToken", page.next());
        }
        return ok(body);
    }

    private AwsResponse noCluster(AwsRequest r) {
        return error(r, 404, "ResourceNotFoundException", "No cluster found for name: " + r.segments().get(1) + ".");
    }

    private AwsResponse describeCluster(AwsRequest r) {
        Optional<LabCluster> c = cluster(r);
        if (c.isEmpty()) {
            return noCluster(r);
        }
        ObjectNode body = json.object();
        ObjectNode cluster = body.putObject("cluster");
        new EksClusterJson(state, apiEndpoints.get(), caData).write(c.get(), cluster);
        if ("ACTIVE".equals(c.get().status()) && hybrid.updating(c.get())) {
            cluster.put("status", "UPDATING");
        }
        return ok(body);
    }

    private AwsResponse listAccessEntries(AwsRequest r) {
        if (cluster(r).isEmpty()) {
            return noCluster(r);
        }
        List<String> arns = state.accessEntries(r.region(), r.segments().get(1)).stream()
                .map(LabAccessEntry::principalArn).toList();
        return page(r, "eks:ListAccessEntries " + r.region() + "/" + r.segments().get(1), "accessEntries", arns);
    }

    private AwsResponse describeAccessEntry(AwsRequest r) {
        Optional<LabCluster> c = cluster(r);
        if (c.isEmpty()) {
            return noCluster(r);
        }
        String principal = r.segments().get(3);
        Optional<LabAccessEntry> entry = state.accessEntries(r.region(), c.get().name()).stream()
                .filter(e -> e.principalArn().equals(principal)).findFirst();
        if (entry.isEmpty()) {
            return error(r, 404, "ResourceNotFoundException", "The specified access entry resource is not found.");
        }
        LabAccessEntry e = entry.get();
        ObjectNode ae = json.object();
        ae.put("clusterName", c.get().name());
        ae.put("principalArn", e.principalArn());
        ArrayNode groups = ae.putArray("kubernetesGroups");
        e.kubernetesGroups().forEach(groups::add);
        ae.put("accessEntryArn", accessEntryArn(c.get(), e.principalArn()));
        ae.put("createdAt", Json.epochSeconds(state.createdAt(c.get())));
        ae.put("modifiedAt", Json.epochSeconds(state.createdAt(c.get())));
        ae.putObject("tags");
        ae.put("username", e.username());
        ae.put("type", e.type());
        ObjectNode body = json.object();
        body.set("accessEntry", ae);
        return ok(body);
    }

    private String accessEntryArn(LabCluster c, String principalArn) {
        // arn:aws:eks:<region>:<acct>:access-entry/<cluster>/<role|user>/<acct>/<name>/<uuid>
        String[] parts = principalArn.split(":", 6);
        String resource = parts.length == 6 ? parts[5] : principalArn;
        String kind = resource.startsWith("user/") ? "user" : "role";
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        String id = UUID.nameUUIDFromBytes((c.name() + principalArn).getBytes(StandardCharsets.UTF_8))
                .toString();
        String principalAccount = parts.length == 6 ? parts[4] : c.account();
        return "arn:aws:eks:" + c.region() + ":" + c.account() + ":access-entry/" + c.name() + "/" + kind + "/"
                + principalAccount + "/" + name + "/" + id;
    }
}
