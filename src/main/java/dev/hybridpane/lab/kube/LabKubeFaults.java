package dev.hybridpane.lab.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults of the lab's Kubernetes API servers, settable per run (tests, {@code hybridpane lab --kube-...} flags) and
 * shared by every cluster's server. Off by default. Each is what a real API server does:
 * <ul>
 * <li>watches are ended every N seconds, as the API server ends a watch at its request timeout (the websocket closes
 * normally, code 1000); the client watches again from its last resourceVersion, and one too old for the server's
 * watch cache is answered 410 Gone (Status reason Expired, {@link LabCrudDispatcher}), so the client lists again;</li>
 * <li>a PUT (update, status update) or a PATCH that carries a resourceVersion is refused, at a rate, with 409 Conflict
 * as an update with a stale resourceVersion is ({@code Operation cannot be fulfilled on KIND "NAME": the object has
 * been modified; please apply your changes to the latest version and try again}, Status reason Conflict); nothing is
 * written. A patch without a resourceVersion never conflicts on a real server and is left alone;</li>
 * <li>any request is refused, at a rate, with 429 Too Many Requests as API Priority and Fairness rejects one
 * ({@code Retry-After: 1}, Status reason TooManyRequests, details.retryAfterSeconds 1);</li>
 * <li>every answer is sent a given latency late (a slow API server).</li>
 * </ul>
 * Draws come from one {@link Random} seeded by {@link #seed(long)}: the same seed gives the same sequence of draws.
 * Each injected fault is counted.
 */
public final class LabKubeFaults implements AutoCloseable {
    /** The default seed, printed by tests and the lab. */
    public static final long DEFAULT_SEED = 25L;

    private volatile Duration watchDrop = Duration.ZERO;
    private volatile double conflictRate;
    private volatile Set<String> conflictResources = Set.of();
    private volatile double tooManyRate;
    private volatile Duration latency = Duration.ZERO;
    private long seed = DEFAULT_SEED;
    private Random random = new Random(DEFAULT_SEED);

    private final AtomicLong watchesDropped = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong gone = new AtomicLong();
    /** Open watches and when they opened (nanoTime). */
    private final Map<WebSocket, Long> watches = new ConcurrentHashMap<>();
    private ScheduledExecutorService dropper;

    /** Reseeds the draws (and restarts their sequence). */
    public synchronized LabKubeFaults seed(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        return this;
    }

    public synchronized long seed() {
        return seed;
    }

    /** Ends every watch {@code every} after it opened; zero or null: never (the default). */
    public synchronized LabKubeFaults dropWatchesEvery(Duration every) {
        this.watchDrop = every == null || every.isNegative() ? Duration.ZERO : every;
        if (!watchDrop.isZero() && dropper == null) {
            dropper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lab-watch-drops");
                t.setDaemon(true);
                return t;
            });
            dropper.scheduleWithFixedDelay(this::dropDue, 100, 100, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Refuses this share (0 to 1) of updates with 409 Conflict; {@code resources} are the plural resource names it
     * applies to (configmaps, leases, clusterprofiles, hybridnodepools, ...), none: every kind.
     */
    public LabKubeFaults conflicts(double rate, String... resources) {
        this.conflictRate = rate(rate, "conflict");
        Set<String> r = ConcurrentHashMap.newKeySet();
        for (String s : resources) {
            r.add(s.toLowerCase(Locale.ROOT));
        }
        this.conflictResources = r;
        return this;
    }

    /** Refuses this share (0 to 1) of requests with 429 Too Many Requests. */
    public LabKubeFaults tooManyRequests(double rate) {
        this.tooManyRate = rate(rate, "429");
        return this;
    }

    /** Adds this latency to every request; zero or null: none. */
    public LabKubeFaults latency(Duration latency) {
        this.latency = latency == null || latency.isNegative() ? Duration.ZERO : latency;
        return this;
    }

    private static double rate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the " + what + " rate must be from 0 to 1, not " + rate);
        }
        return rate;
    }

    /** Whether any fault is armed. */
    public boolean armed() {
        return !watchDrop.isZero() || conflictRate > 0 || tooManyRate > 0 || !latency.isZero();
    }

    /** What was injected so far. */
    public Counts counts() {
        return new Counts(watchesDropped.get(), gone.get(), conflicts.get(), tooMany.get(), delayed.get());
    }

    /** Injected faults: watches ended, watches answered 410 Gone, 409 Conflicts, 429s, and requests delayed. */
    public record Counts(long watchesDropped, long watchesGone, long conflicts, long tooManyRequests, long delayed) {
        @Override
        public String toString() {
            return "watches dropped " + watchesDropped + ", watches answered 410 Gone " + watchesGone + ", 409 Conflicts "
                    + conflicts + ", 429 Too Many Requests " + tooManyRequests + ", requests delayed " + delayed;
        }
    }

    /**
     * Called for each client request after authentication: a 429 or a 409 when drawn, or null to let the request
     * through.
     */
    MockResponse before(RecordedRequest request) {
        if (tooManyRate > 0 && draw(tooManyRate)) {
            tooMany.incrementAndGet();
            return tooManyRequests();
        }
        ResourcePath target = conflictRate > 0 ? conflictTarget(request) : null;
        if (target != null && draw(conflictRate)) {
            conflicts.incrementAndGet();
            return conflict(target);
        }
        return null;
    }

    /**
     * The answer, sent the latency later (on the server's timer: the server is not blocked meanwhile). Answers with a
     * body only: every answer of the API but a watch's upgrade has one.
     */
    MockResponse delayed(MockResponse response) {
        Duration wait = latency;
        if (!wait.isZero() && response.getWebSocketListener() == null && response.getBody() != null
                && response.getBody().size() > 0) {
            delayed.incrementAndGet();
            response.setBodyDelay(wait);
        }
        return response;
    }

    private synchronized boolean draw(double rate) {
        return random.nextDouble() < rate;
    }

    /** The object an update would write, when it may be refused with a 409; null otherwise. */
    private ResourcePath conflictTarget(RecordedRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        boolean put = method.equals("PUT");
        // the body is looked at, not read: reading it would consume it
        if (!put && !(method.equals("PATCH") && request.getBody() != null
                && new String(request.getBody().getBytes(), StandardCharsets.UTF_8).contains("\"resourceVersion\""))) {
            return null;
        }
        String path = request.getPath();
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        ResourcePath p = ResourcePath.parse(path.endsWith("/status") ? path.substring(0, path.length() - 7) : path);
        if (p == null || p.name() == null) {
            return null;
        }
        Set<String> only = conflictResources;
        return only.isEmpty() || only.contains(p.plural()) ? p : null;
    }

    /** 429 as API Priority and Fairness answers it. */
    static MockResponse tooManyRequests() {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Too many requests, please try again later.\",\"reason\":\"TooManyRequests\","
                + "\"details\":{\"retryAfterSeconds\":1},\"code\":429}";
        return new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "1").setBody(body);
    }

    /** 409 as an update with a stale resourceVersion gets it. */
    static MockResponse conflict(ResourcePath p) {
        String qualified = p.group().isEmpty() ? p.plural() : p.plural() + "." + p.group();
        String message = "Operation cannot be fulfilled on " + qualified + " \\\"" + p.name() + "\\\": the object has been "
                + "modified; please apply your changes to the latest version and try again";
        String group = p.group().isEmpty() ? "" : ",\"group\":\"" + p.group() + "\"";
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"Conflict\",\"details\":{\"name\":\"" + p.name() + "\"" + group + ",\"kind\":\""
                + p.plural() + "\"},\"code\":409}";
        return new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A watch opened (its websocket): ended by {@link #dropDue()} when watches are dropped. */
    void watchOpened(WebSocket socket) {
        watches.put(socket, System.nanoTime());
    }

    void watchClosed(WebSocket socket) {
        watches.remove(socket);
    }

    /** A watch from a version older than the watch cache was answered 410 Gone. */
    void watchGone() {
        gone.incrementAndGet();
    }

    /** Ends the watches open for the drop period, as the API server ends a watch at its timeout. */
    void dropDue() {
        Duration every = watchDrop;
        if (every.isZero()) {
            return;
        }
        long now = System.nanoTime();
        for (Map.Entry<WebSocket, Long> e : watches.entrySet()) {
            if (now - e.getValue() >= every.toNanos() && watches.remove(e.getKey(), e.getValue())) {
                watchesDropped.incrementAndGet();
                try {
                    e.getKey().close(1000, "");
                } catch (RuntimeException ex) {
                    // already closing
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (dropper != null) {
            dropper.shutdownNow();
            dropper = null;
        }
        watches.clear();
    }
}
