package dev.hybridpane.domain.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * A doctor report as JSON (Jackson), for CI pipelines: {@code cluster}, {@code region}, {@code at}, {@code status} (the
 * worst), {@code counts}, {@code checks} (each with {@code id}, {@code area}, {@code title}, {@code status} (pass, unknown,
 * warn, fail), {@code subjects}, {@code summary}, {@code evidence}, {@code fix}: null, or {@code automatic},
 * {@code action}, {@code params}, {@code description}, {@code snippet}) and the {@code topology}.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String render(DoctorReport r) {
        try {
            return JSON.writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(DoctorReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("cluster", r.cluster());
        root.put("region", r.region());
        root.put("at", r.at() == null ? null : r.at().toString());
        root.put("status", ReportParts.status(r.worst()));
        ObjectNode counts = root.putObject("counts");
        ReportParts.counts(r).forEach((s, n) -> counts.put(ReportParts.status(s), n));
        ArrayNode checks = root.putArray("checks");
        for (DoctorCheck c : r.checks()) {
            ObjectNode o = checks.addObject();
            o.put("id", c.id());
            o.put("area", c.area());
            o.put("title", c.title());
            o.put("status", ReportParts.status(c.status()));
            c.subjects().forEach(o.putArray("subjects")::add);
            o.put("summary", c.summary());
            ArrayNode evidence = o.putArray("evidence");
            c.evidence().forEach(evidence::add);
            DoctorFix f = c.fix();
            if (f.present() || f.automatic()) {
                ObjectNode fix = o.putObject("fix");
                fix.put("automatic", f.automatic());
                fix.put("action", f.action().isEmpty() ? null : f.action());
                ObjectNode params = fix.putObject("params");
                f.params().forEach(params::put);
                fix.put("description", f.description());
                fix.put("snippet", f.snippet().isEmpty() ? null : f.snippet());
            } else {
                o.putNull("fix");
            }
        }
        ObjectNode topology = root.putObject("topology");
        ArrayNode elements = topology.putArray("elements");
        for (Topology.Element e : r.topology().elements()) {
            ObjectNode o = elements.addObject();
            o.put("id", e.id());
            o.put("kind", e.kind() == null ? null : e.kind().name());
            o.put("label", e.label());
            e.details().forEach(o.putArray("details")::add);
            o.put("status", ReportParts.status(ReportParts.worstOf(r, e.id())));
        }
        ArrayNode links = topology.putArray("links");
        for (Topology.Link l : r.topology().links()) {
            ObjectNode o = links.addObject();
            o.put("id", l.id());
            o.put("from", l.from());
            o.put("to", l.to());
            o.put("label", l.label());
            o.put("status", ReportParts.status(ReportParts.worstOf(r, l.id())));
        }
        return root;
    }
}
