package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.client.Watcher;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>A watch from version N (N &gt; 0) now first gets only the objects changed after N; one from no version or "0"
 * gets all of them, as from a real server. The watch itself is still fabric8's (its events for later writes are
 * unchanged): it is made by reflection, as its class is not public. Where this fabric8 version differs, watches are
 * answered as fabric8 answers them.
 */
final class LabCrudDispatcher extends KubernetesCrudDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LabCrudDispatcher.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final WatchParts PARTS = WatchParts.find();

    private final Set<Object> watches;
    private final ReadWriteLock lock;

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
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = watchedName(path);
        if (name != null) {
            query = query.add(new Attribute("name", name));
        }
        Consumer<Object> onOpen = watch -> sendChangedSince(watch, since);
        Object watch;
        try {
            watch = PARTS.create.newInstance(context, query, watches, LOG, onOpen);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return super.handleWatch(path);
        }
        watches.add(watch);
        return new MockResponse().withWebSocketUpgrade((WebSocketListener) watch);
    }

    /** What a new watch gets first: the objects it matches that changed after {@code since}, as ADDED. */
    private void sendChangedSince(Object watch, long since) {
        List<String> changed = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Map.Entry<AttributeSet, String> e : new ArrayList<>(map.entrySet())) {
                if ((Boolean) PARTS.matches.invoke(watch, e.getKey()) && storedVersion(e.getValue()) > since) {
                    changed.add(e.getValue());
                }
            }
            for (String object : changed) {
                PARTS.send.invoke(watch, object, Watcher.Action.ADDED);
            }
        } catch (ReflectiveOperationException e) {
            LOG.warn("A lab watch could not send what changed before it opened: {}", e.toString());
        } finally {
            lock.readLock().unlock();
        }
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
