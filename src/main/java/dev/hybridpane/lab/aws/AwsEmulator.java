package dev.hybridpane.lab.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.lab.world.LabWorld;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's AWS: one HTTP server on 127.0.0.1 that answers STS, EKS, EC2, IAM, SSM, IAM Roles Anywhere and Direct Connect
 * in their real wire protocols. Every request must be signed with AWS Signature Version 4 (Authorization header or
 * presigned query) by a key this account issued ({@link #credentials()}: the lab user's
 * {@link LabCredentials#LAB_ACCESS_KEY_ID}, or an STS session's), within 5 minutes of now, for a Region of AWS's and
 * for the service the request addresses; otherwise it is refused with AWS's own error in the service's protocol
 * ({@link SignatureRefusals}). The scope's Region then says which Region the call is for.
 * Use it as the endpoint override of any AWS SDK or the aws CLI ({@code AWS_ENDPOINT_URL}).
 * Stateful and thread-safe. Faults can be injected per operation ("eks:DescribeCluster"), or on a share of the calls
 * ({@link #armFaults}).
 */
public final class AwsEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
    private final Map<String, CompletableFuture<?>> holds = new ConcurrentHashMap<>();

    private final AwsState state;
    private final Ec2Service ec2;
    private final Map<String, AwsService> services = new HashMap<>();
    private final FaultInjector faults = new FaultInjector();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final EksService eks;
    private final IamService iam;
    private final RolesAnywhereService rolesAnywhere;
    private final DirectConnectService directConnect;
    private final AwsInspection inspection;
    private final LabNodeadmAws nodeadm;
    private final LabCredentials credentials = new LabCredentials();
    /** Services whose operations AWS serves unsigned (SSO OIDC, the access portal with its bearer token). */
    private static final Set<String> UNSIGNED = Set.of("sso-oauth", "awsssoportal");
    private final OidcService oidc;
    private final SigV4Verifier verifier = new SigV4Verifier(credentials);
    private final Clock clock = Clock.systemUTC();
    private HttpServer server;
    private ExecutorService executor;

    /** {@code apiEndpoints}: "region/clusterName" to that lab cluster's Kubernetes API URL. */
    public AwsEmulator(LabWorld world, Map<String, String> apiEndpoints, String caDataBase64) {
        this(world, apiEndpoints, caDataBase64, 0);
    }

    /**
     * As above; {@code defaultPageSize} > 0 caps every EKS list page (ListClusters, ListAccessEntries) and every
     * Roles Anywhere list page to that many items so that clients' paginators are exercised. 0 means the services'
     * own defaults.
     */
    public AwsEmulator(LabWorld world, Map<String, String> apiEndpoints, String caDataBase64, int defaultPageSize) {
        this(world, constant(Map.copyOf(apiEndpoints)), caDataBase64, defaultPageSize);
    }

    private static Supplier<Map<String, String>> constant(Map<String, String> endpoints) {
        return () -> endpoints;
    }

    /** Requests for this service (its signing name: "ssm") wait until {@code ready} completes, whichever way. */
    public void hold(String serviceName, CompletableFuture<?> ready) {
        holds.put(serviceName, ready);
    }

    /**
     * With the clusters' API URLs given later: {@code apiEndpoints} is asked on each DescribeCluster and may wait
     * until the lab's API servers are up, so the emulator can serve the other calls before they are.
     */
    public AwsEmulator(LabWorld world, Supplier<Map<String, String>> apiEndpoints, String caDataBase64) {
        this(world, apiEndpoints, caDataBase64, 0);
    }

    private AwsEmulator(LabWorld world, Supplier<Map<String, String>> apiEndpoints,
            String caDataBase64, int defaultPageSize) {
        this.state = new AwsState(world);
        credentials.issue(LabCredentials.LAB_ACCESS_KEY_ID, SigV4Verifier.Secret.longTerm(LabCredentials.LAB_SECRET_ACCESS_KEY),
                state.userArn());
        Json json = new Json();
        register(new StsService(state, credentials, clock));
        this.oidc = new OidcService(json, clock);
        register(oidc);
        register(new SsoPortalService(json, oidc, new SsoDirectory(world.accountId()), credentials, clock));
        this.eks = new EksService(json, state, credentials, apiEndpoints, caDataBase64, defaultPageSize);
        register(eks);
        this.ec2 = new Ec2Service(state, credentials);
        register(ec2);
        this.iam = new IamService(state, defaultPageSize);
        register(iam);
        SsmRegistry ssm = new SsmRegistry(clock);
        register(new SsmService(json, state, defaultPageSize, ssm, iam));
        this.rolesAnywhere = new RolesAnywhereService(json, state, defaultPageSize);
        register(rolesAnywhere);
        this.directConnect = new DirectConnectService(json, state);
        register(directConnect);
        this.nodeadm = new LabNodeadmAws(state, ssm, iam, rolesAnywhere, eks, json, clock);
        this.inspection = new AwsInspection(state, iam, rolesAnywhere, ssm, counts, faults,
                new IssuedSecrets.Sources(credentials, oidc, ssm));
        for (LabWorld.LabCluster c : world.clusters()) {
            c.hybridRoles().forEach(h -> seedHybridRole(world, c, h));
        }
    }

    /**
     * A cluster's hybrid nodes role as the EKS user guide writes it ({@link HybridNodesRoleGuide}); for Roles Anywhere
     * also its trust anchor and a profile that lists the role.
     */
    private void seedHybridRole(LabWorld world, LabWorld.LabCluster c, LabWorld.LabHybridRole h) {
        CredentialProvider p = CredentialProvider.parse(h.credentialProvider());
        Instant created = Instant.parse("2024-06-03T10:12:00Z");
        HybridNodesRoleGuide.Role guide;
        if (p == CredentialProvider.IAM_RA) {
            String anchorArn = rolesAnywhere.seedAnchor(c.region(), h.trustAnchor(), h.caCertificate(), created).arn();
            guide = HybridNodesRoleGuide.iamRolesAnywhere(anchorArn);
        } else {
            guide = HybridNodesRoleGuide.ssm(c.region(), world.accountId(), c.arn(world.accountId()));
        }
        LabRole role = iam.seedRole(h.name(), guide.trustPolicy(), guide.managedPolicies(), guide.inlinePolicies(), created);
        if (p == CredentialProvider.IAM_RA) {
            rolesAnywhere.seedProfile(c.region(), h.profile(), List.of(role.arn), 3600, created);
        }
    }

    private void register(AwsService s) {
        services.put(s.signingName(), s);
    }

    /** Starts the server on a free loopback port; returns its base URI (http://127.0.0.1:port). */
    public synchronized URI start() {
        if (server != null) {
            return endpoint();
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("the lab AWS emulator could not open a loopback port", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lab-aws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        LOG.info("lab AWS emulator listening on {}", endpoint());
        return endpoint();
    }

    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the AWS emulator is not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The next call of {@code operation} (e.g. "eks:DescribeCluster") fails with {@code fault}; calls queue up. */
    public void failNext(String operation, Fault fault) {
        faults.failNext(operation, fault);
    }

    /** Every call of {@code operation} fails with {@code fault} until {@link #clearFaults()}; null removes it. */
    public void setFault(String operation, Fault fault) {
        faults.setFault(operation, fault);
    }

    /**
     * Arms a run's rate-based faults (throttling and 5xx on a share of the calls, seeded), replacing earlier ones;
     * {@link AwsFaultPlan#none()} disarms them. Queued and sticky faults still come first. What was injected:
     * {@link AwsInspection#injectedFaults()}.
     */
    public void armFaults(AwsFaultPlan plan) {
        faults.arm(plan);
    }

    /** The run's rate-based faults now. */
    public AwsFaultPlan faultPlan() {
        return faults.plan();
    }

    /** Clears queued, sticky and rate-based faults. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Turns a site-to-site VPN tunnel (1 or 2) UP or DOWN, as an outage or its repair on the premises would: EC2 has no
     * call for it. DescribeVpnConnections shows it in the tunnel's telemetry, with the time it changed.
     *
     * @throws IllegalArgumentException when the region has no such VPN connection or tunnel
     */
    public void setVpnTunnel(String region, String vpnConnectionId, int tunnel, boolean up) {
        ec2.setTunnel(region, vpnConnectionId, tunnel, up);
    }

    /**
     * Turns a BGP peer (1-based) of a Direct Connect virtual interface up or down, as an outage or its repair on the
     * premises would: AWS has no call for it. DescribeVirtualInterfaces shows it (the interface is down when every peer is).
     *
     * @throws IllegalArgumentException when the region has no such virtual interface or peer
     */
    public void setDirectConnectBgp(String region, String virtualInterfaceId, int peer, boolean up) {
        directConnect.setBgp(region, virtualInterfaceId, peer, up);
    }

    /**
     * IAM Identity Center's device codes approve themselves this long after StartDeviceAuthorization, as if the user
     * had opened the verification page; null (the default): only opening the page approves one.
     */
    public void setSsoApproveAfter(Duration delay) {
        oidc.approveAfter(delay);
    }

    /** How long an EKS UpdateClusterConfig stays InProgress before it succeeds (default 3 s). */
    public void setUpdateDelay(Duration delay) {
        eks.setUpdateDelay(delay);
    }

    /** The access keys this account has issued (the lab user's, and STS sessions'); requests must be signed by one. */
    public LabCredentials credentials() {
        return credentials;
    }

    /** The lab's read-only inspection API: what the account holds now and which calls arrived (tests, diagnostics). */
    public AwsInspection inspect() {
        return inspection;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            String requestId = UUID.randomUUID().toString();
            AwsResponse response;
            try {
                response = respond(ex, requestId);
            } catch (RuntimeException e) {
                LOG.warn("lab AWS emulator failed on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                        e.toString());
                response = AwsResponse.json(500, "application/json", "{\"message\":\"lab emulator error\"}")
                        .withHeader("x-amzn-ErrorType", "InternalFailure");
            }
            send(ex, response, requestId);
        }
    }

    private AwsResponse respond(HttpExchange ex, String requestId) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        // the path and query exactly as they travelled (still percent-encoded): what the client signed
        URI uri = ex.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String rawQuery = uri.getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        Map<String, String> params = new LinkedHashMap<>(AwsRequest.parseForm(rawQuery));
        String contentType = headers.getOrDefault("content-type", "");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(AwsRequest.parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        List<String> segments = AwsRequest.splitPath(rawPath);
        Optional<CredentialScope> scope = CredentialScope.fromHeader(headers.get("authorization"))
                .or(() -> CredentialScope.parse(params.get("X-Amz-Credential")));
        String addressed = AddressedService.of(segments, params, headers);
        String serviceName = addressed != null ? addressed : scope.map(CredentialScope::service).orElse(null);
        AwsService service = serviceName == null ? null : services.get(serviceName);
        AwsRequest request = new AwsRequest(ex.getRequestMethod(), rawPath, segments, params, headers, body,
                scope.map(CredentialScope::accessKeyId).orElse(null), scope.map(CredentialScope::region).orElse(null),
                serviceName, requestId);

        boolean unsigned = addressed != null && UNSIGNED.contains(addressed);
        SigV4Result verdict = unsigned ? null : verifier.verify(new SigV4Verifier.HttpRequest(ex.getRequestMethod(), rawPath,
                rawQuery, ex.getRequestHeaders(), body), clock.instant(), addressed, expectedRegion(scope, serviceName));
        if (verdict instanceof SigV4Result.Refused refused) {
            LOG.info("lab AWS refused a {} request ({} {}): {}: {}", serviceName, ex.getRequestMethod(), rawPath,
                    refused.awsErrorCode(), refused.message());
            return service == null ? SignatureRefusals.answerUnaddressed(refused)
                    : SignatureRefusals.answer(service, request, refused);
        }
        String caller = credentials.principalArn(request.accessKeyId()).orElse(state.userArn());
        if (service == null) {
            return AwsResponse.json(400, "application/json",
                    "{\"message\":\"The lab does not emulate the service '" + serviceName.replace("\"", "") + "'\"}")
                    .withHeader("x-amzn-ErrorType", "UnknownOperationException");
        }
        CompletableFuture<?> hold = holds.get(serviceName);
        if (hold != null) {
            // the lab is still making its world (the seeded pools' SSM registrations): answer from the world once made
            hold.exceptionally(e -> null).join();
        }
        String op = service.operation(request);
        String name = serviceName + ":" + (op == null ? "Unknown" : op);
        counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        LOG.debug("lab AWS {} in {}", name, request.region());
        Optional<Fault> fault = op == null ? Optional.empty() : faults.take(name);
        if (fault.isPresent()) {
            return service.fault(fault.get(), op, request, caller);
        }
        return op == null ? service.unknownOperation(request) : service.handle(op, request);
    }

    /**
     * The Region the verifier must find in the scope. The lab's one endpoint serves every Region, so any Region of
     * AWS's is right (null: the scope's own); a scope naming no Region of AWS's is checked against us-east-1, which it
     * is not, so that it is refused as AWS refuses a scope for the wrong Region, before the key is looked up.
     * IAM and STS also take "aws-global": the SDK's pseudo-Region for their global endpoint, which it signs with
     * when given an endpoint override (as here) and replaces with us-east-1 against AWS's own endpoint.
     */
    private static String expectedRegion(Optional<CredentialScope> scope, String serviceName) {
        if (scope.isEmpty() || AwsRegions.known(scope.get().region())) {
            return null;
        }
        boolean global = "iam".equals(serviceName) || "sts".equals(serviceName);
        return global && AwsRegions.AWS_GLOBAL.equals(scope.get().region()) ? null : "us-east-1";
    }

    private static void send(HttpExchange ex, AwsResponse r, String requestId) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        ex.getResponseHeaders().set("x-amz-request-id", requestId);
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    /** What the lab hosts' nodeadm asks of this account (DescribeCluster, SSM registration, Roles Anywhere sessions). */
    public LabNodeadmAws nodeadm() {
        return nodeadm;
    }

    /** The account's side of EKS authentication (access keys, authentication modes, access entries), for the lab's API servers. */
    public dev.hybridpane.lab.kube.EksIdentityLookup eksIdentities() {
        return new LabEksIdentities(state, credentials);
    }
}
