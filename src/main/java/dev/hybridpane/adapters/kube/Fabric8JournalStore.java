package dev.hybridpane.adapters.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Operation journals kept in the cluster, so that another workstation sees an operation and can resume it: one
 * ConfigMap per journal in the given namespace, labelled {@value #LABEL}, its id in an annotation and the journal as
 * JSON in {@code journal.json} (journals hold no secrets). A change of a step, the status or the outputs is written at
 * once; a change of only the log is written within {@link #LOG_DELAY_MS} ms, so a busy operation's log lines cost a
 * write a second, not one each. The log keeps its last {@link #MAX_LOG_LINES} lines (a ConfigMap holds 1 MiB).
 */
public final class Fabric8JournalStore implements JournalStore, AutoCloseable {
    static final String LABEL = "hybridpane.dev/operation-journal";
    static final String ID_ANNOTATION = "hybridpane.dev/operation-id";
    static final String KEY = "journal.json";
    static final long LOG_DELAY_MS = 1000;
    static final int MAX_LOG_LINES = 400;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journal-writer");
        t.setDaemon(true);
        return t;
    });
    private Journal lastWritten;
    private Journal pending;

    /** @param client used, not owned */
    public Fabric8JournalStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The ConfigMap's name for a journal id: readable, lowercase DNS-1123, with a hash so two ids never meet. */
    static String objectName(String id) {
        String readable = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        readable = readable.length() > 40 ? readable.substring(0, 40).replaceAll("-+$", "") : readable;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "hybridpane-op-" + (readable.isEmpty() ? "" : readable + "-") + HexFormat.of().formatHex(h, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void save(Journal journal) {
        Journal trimmed = trim(journal);
        synchronized (this) {
            Journal last = lastWritten;
            boolean logOnly = last != null && last.id().equals(trimmed.id()) && last.status() == trimmed.status()
                    && last.steps().equals(trimmed.steps()) && last.outputs().equals(trimmed.outputs())
                    && Objects.equals(last.error(), trimmed.error()) && !trimmed.status().finished();
            if (logOnly) {
                boolean scheduled = pending != null;
                pending = trimmed;
                if (!scheduled) {
                    later.schedule(this::flush, LOG_DELAY_MS, TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (pending != null && !pending.id().equals(trimmed.id())) {
                write(pending); // another operation's log lines: not lost
            }
            pending = null;
            write(trimmed);
        }
    }

    /** Writes what waits (log lines); called by the timer and on close. */
    public synchronized void flush() {
        if (pending != null) {
            Journal j = pending;
            pending = null;
            try {
                write(j);
            } catch (RuntimeException e) {
                // the next change writes the log with it
            }
        }
    }

    private static Journal trim(Journal j) {
        if (j.log().size() <= MAX_LOG_LINES) {
            return j;
        }
        List<Journal.LogLine> tail = new ArrayList<>(j.log().subList(j.log().size() - MAX_LOG_LINES, j.log().size()));
        return new Journal(j.id(), j.kind(), j.title(), j.target(), j.status(), j.started(), j.finished(), j.steps(),
                j.outputs(), tail, j.error());
    }

    private void write(Journal j) {
        String body;
        try {
            body = JSON.writeValueAsString(j);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the journal of " + j.id() + ": " + e.getOriginalMessage(), e);
        }
        String name = objectName(j.id());
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(LABEL, "true").addToLabels("app.kubernetes.io/managed-by", "hybridpane")
                .addToAnnotations(ID_ANNOTATION, j.id()).endMetadata().addToData(KEY, body).build();
        // the journal is this operation's own: a 409 (changed or created since it was read) reads it and writes again
        KubeRetry.rereading(() -> {
            ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
            if (current == null) {
                cm.getMetadata().setResourceVersion(null);
                client.configMaps().inNamespace(namespace).resource(cm).create();
            } else {
                cm.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                client.configMaps().inNamespace(namespace).resource(cm).update();
            }
            return null;
        });
        lastWritten = j;
    }

    @Override
    public synchronized Optional<Journal> load(String id) {
        if (pending != null && pending.id().equals(id)) {
            return Optional.of(pending);
        }
        ConfigMap cm = KubeRetry.throttled(() -> client.configMaps().inNamespace(namespace).withName(objectName(id)).get());
        return cm == null ? Optional.empty() : read(cm);
    }

    @Override
    public List<Journal> list() {
        flush();
        List<Journal> out = new ArrayList<>();
        for (ConfigMap cm : KubeRetry.throttled(() -> client.configMaps().inNamespace(namespace).withLabel(LABEL, "true").list())
                .getItems()) {
            read(cm).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Journal::started, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    private static Optional<Journal> read(ConfigMap cm) {
        String body = cm.getData() == null ? null : cm.getData().get(KEY);
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(body, Journal.class));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not a journal this version can read
        }
    }

    @Override
    public void close() {
        flush();
        later.shutdownNow();
    }
}
