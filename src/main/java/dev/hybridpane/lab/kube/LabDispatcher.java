package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a lab API server's requests: discovery documents first (any query string), then recorded
 * expectations (exact method and path), then fabric8's CRUD store with its watches; a GET asking for a
 * meta.k8s.io Table (kubectl get) gets the CRUD answer printed as a Table ({@link LabTables}).
 */
final class LabDispatcher extends Dispatcher {
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expectationDispatcher;
    private final LabCrudDispatcher crud = new LabCrudDispatcher();
    private final LabDiscovery discovery;
    /** Object path to the exact key it is stored under, for O(1) reads and updates by the lab itself. */
    private final Map<String, AttributeSet> storedKeys = new ConcurrentHashMap<>();
    /** The store's own lock, or null if this fabric8 version hides it differently. */
    private final ReadWriteLock storeLock = crud.storeLock();
    /** The store's write lock, so lab writes never race a list or watch being answered. */
    private final Lock storeWriteLock = storeLock != null ? storeLock.writeLock()
            : new ReentrantLock();
    /** The store's open watches (what its writes notify); null if this fabric8 version hides them differently. */
    private final Set<?> storeWatches = crud.storeWatches();
    private final LabTables tables = new LabTables(this::get, Clock.systemUTC());
    private final LabCrds crds;

    LabDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, LabDiscovery discovery) {
        this.expectations = expectations;
        this.expectationDispatcher = new MockDispatcher(expectations);
        this.discovery = discovery;
        this.crds = new LabCrds(discovery, Clock.systemUTC());
    }

    /** The Eviction subresource of a pod (policy/v1 and v1beta1 Evictions are posted to the same path). */
    private static final Pattern EVICTION = Pattern.compile("/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/eviction(\\?.*)?");
    private volatile LabWorkloads workloads;

    /** The controllers that answer the Eviction API; set by LabApiServer. */
    void serveEvictions(LabWorkloads workloads) {
        this.workloads = workloads;
    }

    /** Tells {@code listener} of every write to the store (several listeners may listen). */
    void listen(LabCrudDispatcher.Changes listener) {
        crud.listen(listener);
    }

    /** Run after each write, outside the store's lock: where a controller acts on what its listener noted. */
    private volatile Runnable afterWrite = () -> { };

    void afterEachWrite(Runnable action) {
        this.afterWrite = action;
    }

    /**
     * The stored pods bound to a node (their JSON), found by a scan of the store's texts rather than a parse of every
     * pod: what a list with fieldSelector spec.nodeName answers, at the cost of a string search per object.
     */
    List<String> podsOn(String node) {
        String bound = "\"nodeName\":\"" + node + "\"";
        List<String> out = new ArrayList<>();
        storeLock().lock();
        try {
            for (String json : crud.getMap().values()) {
                if (json.contains(bound) && "Pod".equals(LabCrudDispatcher.topLevelText(json, "kind"))) {
                    out.add(json);
                }
            }
        } finally {
            storeLock().unlock();
        }
        return out;
    }

    private Lock storeLock() {
        return storeLock != null ? storeLock.readLock() : storeWriteLock;
    }

    /** In-process DELETE of an object (watches see it go). */
    void delete(String objectPath) {
        crud.handleDelete(objectPath);
        storedKeys.remove(objectPath);
        afterWrite.run();
    }

    /** The run's injected faults (after authentication, before anything is read or written); set by LabApiServer. */
    private volatile LabKubeFaults faults = new LabKubeFaults();

    void injectFaults(LabKubeFaults faults) {
        this.faults = faults;
        crud.onGone(faults::watchGone);
    }

    /** Authenticates and authorizes every request first (EKS tokens, the lab's admin token); set by LabApiServer. */
    private volatile LabAuthenticator authenticator;

    void authenticateWith(LabAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse refused = LabAuthenticator.check(authenticator, request);
        if (refused != null) {
            return refused;
        }
        MockResponse fault = faults.before(request);
        return faults.delayed(fault != null ? fault : answer(request));
    }

    private MockResponse answer(RecordedRequest request) {
        request = strategicAsMergePatch(request);
        LabWorkloads w = workloads;
        if (w != null && "POST".equalsIgnoreCase(request.getMethod())) {
            Matcher m = EVICTION.matcher(request.getPath());
            if (m.matches()) {
                return w.evict(m.group(1), m.group(2), request.getUtf8Body());
            }
        }
        if ("GET".equalsIgnoreCase(request.getMethod())) {
            String doc = discovery.answer(request.getPath());
            if (doc != null) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(doc);
            }
        }
        // custom resources are served only while their CRD is established, and checked against its schema
        MockResponse response = crds.handle(request, this::dispatchStored, this::get, crud::handleDelete);
        if (!"GET".equalsIgnoreCase(request.getMethod())) {
            afterWrite.run();
        }
        return response;
    }

    private static final Pattern COLLECTION = Pattern.compile("/(?:api/(v1)|apis/([^/]+/[^/]+))(?:/namespaces/[^/]+)?/([^/?]+)(?:\\?.*)?");
    private static final String UNTYPED_LIST = "\"kind\":\"List\"";

    /**
     * Names a list by its kind ("PodList"), as the API server does: the store answers every list as kind "List", which
     * client-go's typed clients (kubectl drain's pod list, nodeadm's) decode into an empty list without an error.
     */
    private void typedList(String path, MockResponse response) {
        Matcher m = COLLECTION.matcher(path);
        if (!m.matches()) {
            return;
        }
        String body = response.getBody().readUtf8();
        int at = body.indexOf(UNTYPED_LIST);
        String kind = at >= 0 && at < 64 ? discovery.kindOf(m.group(1) != null ? m.group(1) : m.group(2), m.group(3)) : null;
        response.setBody(kind == null ? body : body.substring(0, at) + "\"kind\":\"" + kind + "List\"" + body.substring(at + UNTYPED_LIST.length()));
    }

    /**
     * A strategic merge patch (kubectl cordon, label, annotate) applied as a JSON merge patch, which the store knows: the
     * same result for maps and scalars; a list in the patch replaces the stored list instead of merging by its key.
     * Built-in kinds only.
     */
    static RecordedRequest strategicAsMergePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (!"PATCH".equalsIgnoreCase(request.getMethod()) || type == null
                || !type.startsWith("application/strategic-merge-patch+json")) {
            return request;
        }
        String[] s = request.getPath().split("[/?]");
        if (s.length > 2 && s[1].equals("apis") && LabCrds.isCustomGroup(s[2])) {
            return request; // custom resources take no strategic merge patch (415), as on a real server
        }
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/merge-patch+json");
        if (request.getHeader("Accept") != null) {
            headers.add("Accept", request.getHeader("Accept"));
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers.build(),
                new Buffer(request.getUtf8Body().getBytes(StandardCharsets.UTF_8)));
    }

    private MockResponse dispatchStored(RecordedRequest request) {
        Queue<ServerResponse> queue = expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (queue != null && !queue.isEmpty()) {
            return expectationDispatcher.dispatch(request);
        }
        LabEventSelectors.Selection events = LabEventSelectors.of(request.getMethod(), request.getPath());
        MockResponse response = events != null ? events.answer(crud.handleGet(events.storePath())) : crud.dispatch(request);
        if (response.getWebSocketListener() != null) {
            response.withWebSocketUpgrade(new WatchCloseOffLoop(response.getWebSocketListener(), this::forgetWatch, faults));
        }
        if ("GET".equalsIgnoreCase(request.getMethod()) && response.code() == 200 && response.getWebSocketListener() == null
                && LabTables.wantsTable(request.getHeader("Accept")) && response.getBody() != null) {
            String body = response.getBody().readUtf8();
            String table = tables.table(request.getPath(), request.getHeader("Accept"), body);
            response.setBody(table != null ? table : body);
        }
        if ("GET".equalsIgnoreCase(request.getMethod()) && response.code() == 200 && response.getWebSocketListener() == null
                && response.getBody() != null) {
            typedList(request.getPath(), response);
        }
        if (response.header("Content-Type") == null && response.getWebSocketListener() == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    /**
     * Stores an object straight into the CRUD store, as a create would (uid, resourceVersion, creation time),
     * without an HTTP round trip and without the store's linear duplicate scan. Used for seeding and for the
     * simulation's new events: the caller guarantees names are unique. Open watches are notified as for a create,
     * under the store's write lock as its own writes are (the simulation writes while clients read and watch).
     *
     * @param collectionPath e.g. /api/v1/nodes or /api/v1/namespaces/default/events
     */
    void seed(String collectionPath, ObjectNode object, Instant created) {
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", created.truncatedTo(ChronoUnit.SECONDS).toString());
        if (!metadata.has("generation")) {
            metadata.put("generation", 1L);
        }
        if (LabCrds.CRDS.equals(collectionPath)) {
            crds.establish(object);
        }
        GenericKubernetesResource generic = generic(object);
        storeWriteLock.lock();
        try {
            // the version is taken under the lock, so that objects are stored in the order of their versions
            metadata.put("resourceVersion", String.valueOf(crud.requestResourceVersion()));
            crud.processEvent(collectionPath, crud.getKey(collectionPath), null, generic, object.toString());
        } finally {
            storeWriteLock.unlock();
        }
        storedKeys.put(objectPath(collectionPath, object), storedKey(collectionPath, generic));
        if (LabCrds.CRDS.equals(collectionPath)) {
            crds.written(object);
        }
        afterWrite.run();
    }

    /** The custom resources this server serves (its established CRDs). */
    LabCrds crds() {
        return crds;
    }

    /**
     * What the store indexes an object by: its apiVersion, kind, name, namespace and labels (the store keeps the JSON
     * itself and serves that). Read straight from the lab's tree: binding the whole object into the Kubernetes model
     * took ~25 ms of CPU while the lab was seeded at startup, and CPU on every simulated change after.
     */
    static GenericKubernetesResource generic(ObjectNode object) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(object.path("apiVersion").textValue());
        r.setKind(object.path("kind").textValue());
        JsonNode metadata = object.path("metadata");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(metadata.path("name").textValue());
        meta.setNamespace(metadata.path("namespace").textValue());
        JsonNode labels = metadata.path("labels");
        if (labels.isObject()) {
            Map<String, String> l = new LinkedHashMap<>();
            for (var e : labels.properties()) {
                l.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            meta.setLabels(l);
        }
        r.setMetadata(meta);
        return r;
    }

    /**
     * Replaces a stored object in O(1) (the store's own update scans every object): the simulation uses it to
     * change thousands of node statuses a second. Watches are notified as for an update. Returns false when the
     * object is not where the lab last stored it (changed over HTTP meanwhile); the caller then uses {@link #put}.
     */
    boolean replaceStored(String collectionPath, ObjectNode object) {
        String path = objectPath(collectionPath, object);
        AttributeSet old = storedKeys.get(path);
        if (old == null) {
            return false;
        }
        storeWriteLock.lock();
        try {
            if (!crud.getMap().containsKey(old)) {
                storedKeys.remove(path);
                return false;
            }
            ((ObjectNode) object.get("metadata")).put("resourceVersion", String.valueOf(crud.requestResourceVersion()));
            String json = object.toString();
            GenericKubernetesResource generic = generic(object);
            crud.processEvent(collectionPath, crud.getKey(collectionPath), old, generic, json);
            storedKeys.put(path, storedKey(collectionPath, generic));
            return true;
        } finally {
            storeWriteLock.unlock();
        }
    }

    /** O(1) read of an object the lab stored, or null when unknown to the fast path. */
    String getStored(String objectPath) {
        AttributeSet key = storedKeys.get(objectPath);
        return key == null ? null : crud.getMap().get(key);
    }

    private static String objectPath(String collectionPath, ObjectNode object) {
        return collectionPath + "/" + name(object);
    }

    /** An object's metadata.name ("" when it has none). */
    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The key processEvent stores an object under (same computation as the store's). */
    private AttributeSet storedKey(String collectionPath, GenericKubernetesResource generic) {
        AttributeSet attributes = ((KubernetesAttributesExtractor) crud.getAttributeExtractor()).extract(generic);
        return attributes.containsKey(KubernetesAttributesExtractor.PLURAL) ? attributes
                : AttributeSet.merge(crud.getKey(collectionPath), attributes);
    }

    /**
     * Takes a closing watch out of the store's list before the watch shuts its send executor down. The store
     * drops it from that list only afterwards, and a write in between would fail: the store hands the event to
     * the shut-down executor, and the write (a client's PUT, or the simulation's) gets its rejection.
     * Under the write lock, as every write notifies watches under it.
     */
    private void forgetWatch(Object watch) {
        if (storeWatches == null) {
            return;
        }
        storeWriteLock.lock();
        try {
            storeWatches.remove(watch);
        } finally {
            storeWriteLock.unlock();
        }
    }

    /**
     * Whether the lab reached the store's write lock and its list of open watches. Without them (a fabric8 version
     * that names them differently) lab writes could race the store's own and a closing watch could fail a write;
     * LabWatchCloseTest checks this is true for the pinned version.
     */
    boolean seesStoreInternals() {
        return storeLock != null && storeWatches != null;
    }

    /** Whether a watch from a resourceVersion first gets only what changed after it ({@link LabCrudDispatcher}). */
    boolean honoursWatchVersions() {
        return crud.honoursWatchVersions();
    }

    /** In-process GET against the CRUD store: the JSON body, or null when absent. */
    String get(String path) {
        MockResponse r = crud.handleGet(path);
        return r.code() == 200 && r.getBody() != null ? r.getBody().readUtf8() : null;
    }

    /** In-process PUT against the CRUD store (resourceVersion checked, watches notified); returns the HTTP code. */
    int put(String path, String json) {
        RecordedRequest request = new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path,
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer(json.getBytes(StandardCharsets.UTF_8)));
        return crud.handleUpdate(request).code();
    }

    @Override
    public void shutdown() {
        expectationDispatcher.shutdown();
        crud.shutdown();
    }
}
