package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's CRUD store, with watches that honour the {@code resourceVersion} they start from, as a Kubernetes API
 * server does. fabric8's mock (7.8.0) ignores it: every watch first gets every object it matches as ADDED. An
 * informer lists, then watches from the list's version, so it received everything twice; the lab serialized each
 * object again for that, and the console read and applied each again, at every start.
 *
 * <p>A watch from version N (N &gt; 0) now first gets the changes made after N, each as what it was (ADDED,
 * MODIFIED or DELETED), replayed from a short log of recent changes as a real server replays its watch cache; one from
 * no version or "0" gets every object as ADDED, as from a real server.
 *
 * <p>The watch joins the store's list of watches only when it opens, under the store's lock, after its replay: a
 * write is then either replayed or notified, never both, and never lost in between. A watch from a version older than that log is answered 410 Gone (Status reason Expired), as a real server answers
 * it, and the client lists again (should the log move past it between the answer and the watch's opening, the watch
 * gets the objects changed after N as ADDED). The watch itself is still
 * fabric8's (its events for later writes are unchanged): it is made by reflection, as its class is not public.
 * Where this fabric8 version differs, watches are answered as fabric8 answers them.
 */
final class LabCrudDispatcher extends KubernetesCrudDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LabCrudDispatcher.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final WatchParts PARTS = WatchParts.find();

    /** How many recent changes are kept for watches that start from a version. */
    static final int CHANGE_LOG = 1024;

    private final Set<Object> watches;
    private final ReadWriteLock lock;
    /** Recent changes, oldest first; written under the store's write lock, read under its read lock. */
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    /** The version of the newest change dropped from the log (0: none dropped yet). */
    private long droppedUpTo;
    /** Told of every write (kind, old state, new state), under the store's write lock: they must only take note. */
    private final List<Changes> changesListeners = new CopyOnWriteArrayList<>();

    /** What the lab's controllers hear of the store's writes; called under the store's write lock, so it must be quick. */
    interface Changes {
        void changed(String kind, String oldState, String newState);
    }

    void listen(Changes listener) {
        changesListeners.add(listener);
    }

    @SuppressWarnings("unchecked")
    LabCrudDispatcher() {
        this.watches = (Set<Object>) field("watchEventListeners", Set.class);
        this.lock = field("lock", ReadWriteLock.class);
    }

    /** The store's lock, or null if this fabric8 version hides it differently. */
    ReadWriteLock storeLock() {
        return lock;
    }

    /** The store's open watches (what its writes notify), or null if this fabric8 version hides them differently. */
    Set<?> storeWatches() {
        return watches;
    }

    /** Whether watches from a version skip what the client has already listed (false: answered as fabric8 does). */
    boolean honoursWatchVersions() {
        return PARTS != null && watches != null && lock != null;
    }

    @Override
    public MockResponse handleWatch(String path) {
        long since = resourceVersion(path);
        if (since <= 0 || !honoursWatchVersions()) {
            return super.handleWatch(path);
        }
        long oldest = oldestReplayable();
        if (since < oldest) {
            onGone.run();
            return gone(since, oldest);
        }
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = watchedName(path);
        if (name != null) {
            query = query.add(new Attribute("name", name));
        }
        Consumer<Object> onOpen = watch -> openSince(watch, since);
        Object watch;
        try {
            watch = PARTS.create.newInstance(context, query, watches, LOG, onOpen);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return super.handleWatch(path);
        }
        return new MockResponse().withWebSocketUpgrade((WebSocketListener) watch);
    }

    /**
     * Records each write with what it replaced, so that a later watch can replay it. Every caller (the store's
     * handlers and the lab's fast paths) holds the store's write lock.
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        String oldState = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (Objects.equals(oldState, newState) || (oldState == null && newState == null)) {
            return;
        }
        if (!changesListeners.isEmpty()) {
            String kind = resource != null && resource.getKind() != null ? resource.getKind()
                    : topLevelText(newState != null ? newState : oldState, "kind");
            changesListeners.forEach(l -> l.changed(kind, oldState, newState));
        }
        AttributeSet newKey = null;
        if (newState != null) {
            newKey = resource != null ? kubernetes().extract(resource) : kubernetes().fromResource(newState);
            if (!newKey.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                newKey = AttributeSet.merge(pathAttributes, newKey);
            }
        }
        long version = newState == null ? Long.MAX_VALUE : storedVersion(newState);
        if (version == Long.MAX_VALUE) {
            version = requestResourceVersion();
        }
        changes.addLast(new Change(version, oldState == null ? null : oldAttributes, newKey, oldState, newState));
        if (changes.size() > CHANGE_LOG) {
            droppedUpTo = changes.removeFirst().version();
        }
    }

    private KubernetesAttributesExtractor kubernetes() {
        return (KubernetesAttributesExtractor) getAttributeExtractor();
    }

    /**
     * A watch from {@code since} opens: it first gets what changed after that version, then joins the store's
     * watches, both under the store's lock so that no write falls between them.
     */
    private void openSince(Object watch, long since) {
        lock.readLock().lock();
        try {
            if (since >= droppedUpTo) {
                replay(watch, since);
            } else {
                sendChangedSince(watch, since);
            }
            watches.add(watch);
        } catch (ReflectiveOperationException e) {
            LOG.warn("A lab watch could not send what changed before it opened: {}", e.toString());
            watches.add(watch);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Told of each watch answered 410 Gone (the lab's fault counters). */
    private volatile Runnable onGone = () -> { };

    void onGone(Runnable listener) {
        this.onGone = listener;
    }

    /** The oldest version a watch can start from and get every change after it (0: every version). */
    private long oldestReplayable() {
        lock.readLock().lock();
        try {
            return droppedUpTo;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * 410 Gone, as the API server's watch cache answers a watch from a version it no longer holds ("too old resource
     * version: SINCE (OLDEST)", Status reason Expired): the client lists again and watches from the list's version.
     */
    static MockResponse gone(long since, long oldest) {
        return new MockResponse().setResponseCode(410).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"too old resource version: " + since + " (" + oldest + ")\",\"reason\":\"Expired\","
                        + "\"code\":410}");
    }

    /** Sends the logged changes after {@code since} that the watch matches, as the store notifies a write. */
    private void replay(Object watch, long since) throws ReflectiveOperationException {
        for (Change c : changes) {
            if (c.version() <= since) {
                continue;
            }
            boolean was = c.oldKey() != null && (Boolean) PARTS.matches.invoke(watch, c.oldKey());
            boolean is = c.newKey() != null && (Boolean) PARTS.matches.invoke(watch, c.newKey());
            if (was && is) {
                PARTS.send.invoke(watch, c.newState(), Watcher.Action.MODIFIED);
            } else if (was) {
                PARTS.send.invoke(watch, c.oldState(), Watcher.Action.DELETED);
            } else if (is) {
                PARTS.send.invoke(watch, c.newState(), Watcher.Action.ADDED);
            }
        }
    }

    /** When the log no longer reaches back to {@code since}: the objects the watch matches changed after it, as ADDED. */
    private void sendChangedSince(Object watch, long since) throws ReflectiveOperationException {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<AttributeSet, String> e : new ArrayList<>(map.entrySet())) {
            if ((Boolean) PARTS.matches.invoke(watch, e.getKey()) && storedVersion(e.getValue()) > since) {
                changed.add(e.getValue());
            }
        }
        for (String object : changed) {
            PARTS.send.invoke(watch, object, Watcher.Action.ADDED);
        }
    }

    /** One write: the key and state it replaced (null when it created), and the new ones (null when it deleted). */
    private record Change(long version, AttributeSet oldKey, AttributeSet newKey, String oldState, String newState) {
    }

    /** The {@code resourceVersion} query parameter as a number, or -1 when absent, empty or not a number. */
    static long resourceVersion(String path) {
        String value = queryParameter(path, "resourceVersion");
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The name in a {@code fieldSelector=metadata.name=NAME} watch, as fabric8 reads it; null otherwise. */
    static String watchedName(String path) {
        String selector = queryParameter(path, "fieldSelector");
        if (selector == null || !selector.startsWith("metadata.name=")) {
            return null;
        }
        String name = selector.substring("metadata.name=".length());
        return name.isEmpty() ? null : name;
    }

    private static String queryParameter(String path, String name) {
        String query;
        try {
            query = new URI(path).getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A top-level text field of a stored object (its kind), or "" when absent or unreadable. */
    static String topLevelText(String json, String field) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: no kind
        }
        return "";
    }

    /** The stored object's {@code metadata.resourceVersion}, or Long.MAX_VALUE when it has none (then it is sent). */
    static long storedVersion(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Long.MAX_VALUE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        if ("resourceVersion".equals(key)) {
                            return Long.parseLong(p.getValueAsString());
                        }
                        p.skipChildren();
                    }
                    return Long.MAX_VALUE;
                }
                p.skipChildren();
            }
        } catch (IOException | NumberFormatException e) {
            // sent, as fabric8 would
        }
        return Long.MAX_VALUE;
    }

    /** A private field of fabric8's CRUD store, or null when absent or of another type. Lab-only reflection. */
    private <T> T field(String name, Class<T> type) {
        try {
            var f = KubernetesCrudDispatcher.class.getDeclaredField(name);
            f.setAccessible(true);
            Object value = f.get(this);
            return type.isInstance(value) ? type.cast(value) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** fabric8's watch listener: its constructor, and its matching and sending methods. */
    private record WatchParts(Constructor<?> create, Method matches, Method send) {
        static WatchParts find() {
            try {
                Class<?> type = Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener");
                Constructor<?> create = type.getDeclaredConstructor(Context.class, AttributeSet.class, Set.class,
                        Logger.class, Consumer.class);
                Method matches = type.getDeclaredMethod("attributeMatches", AttributeSet.class);
                Method send = type.getDeclaredMethod("sendWebSocketResponse", String.class, Watcher.Action.class);
                if (!WebSocketListener.class.isAssignableFrom(type)) {
                    return null;
                }
                create.setAccessible(true);
                matches.setAccessible(true);
                send.setAccessible(true);
                return new WatchParts(create, matches, send);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
