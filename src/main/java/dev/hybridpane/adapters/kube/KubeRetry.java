package dev.hybridpane.adapters.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Rides through an API server's passing refusals, without turning a real conflict into an overwrite:
 * <ul>
 * <li>429 Too Many Requests (API Priority and Fairness): fabric8 retries a request once itself (the adapter's clients
 * fail fast, see Fabric8ClusterPort); after that the whole call is run again after the server's Retry-After
 * (details.retryAfterSeconds, else 1 s), up to {@link #ATTEMPTS} times. A 429 means the request was not served, so
 * running it again writes nothing twice;</li>
 * <li>409 Conflict on a write of an object the console owns (a journal, a pool's status): {@link #rereading} runs the
 * read-modify-write again, reading the object afresh each time;</li>
 * <li>409 Conflict on a write that carries the version the user's change was based on (a profile, a pool's spec, a
 * lease): {@link #unlessMoved} writes again only while the object is still at that version, that is when nobody else
 * wrote it in between; when it moved on, the 409 is a lost race and is thrown for the caller to report.</li>
 * </ul>
 */
final class KubeRetry {
    /** How many times a call is run at most. */
    static final int ATTEMPTS = 10;
    private static final long MAX_WAIT_MS = 5_000;

    private KubeRetry() {
    }

    /** Runs {@code work}, again after the server's Retry-After while it is refused with 429. */
    static <T> T throttled(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 429 || attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(retryAfterMillis(e));
            }
        }
    }

    /**
     * Runs a read-modify-write of an object the console owns (it reads the object each time), again when refused with
     * 409 because the object changed between its read and its write; 429s are ridden through as by {@link #throttled}.
     */
    static <T> T rereading(Supplier<T> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return throttled(readModifyWrite);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(backoffMillis(attempt));
            }
        }
    }

    /**
     * Runs a write based on version {@code base} of an object; when refused with 409 it is run again only if the object
     * is still at {@code base} ({@code current} reads its version now, null when it is gone): nobody else wrote it, so
     * writing again loses nothing. When the object moved on (or went), the 409 is thrown: a real lost race.
     */
    static <T> T unlessMoved(String base, Supplier<String> current, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return throttled(write);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS || base == null
                        || !Objects.equals(base, throttled(current))) {
                    throw e;
                }
                pause(backoffMillis(attempt));
            }
        }
    }

    /** The wait a 429 asks for: details.retryAfterSeconds (the Retry-After header's value), else 1 s; at most 5 s. */
    static long retryAfterMillis(KubernetesClientException e) {
        Status s = e.getStatus();
        Integer seconds = s == null || s.getDetails() == null ? null : s.getDetails().getRetryAfterSeconds();
        long ms = seconds == null || seconds <= 0 ? 1000 : seconds * 1000L;
        return Math.min(ms, MAX_WAIT_MS);
    }

    /** A short, growing wait between writes after a 409: 50, 100, 200... ms, at most 1 s. */
    static long backoffMillis(int attempt) {
        return Math.min(1000, 50L << Math.min(attempt - 1, 5));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while waiting to retry", ie);
        }
    }
}
