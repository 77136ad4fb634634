package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The columns and cells a real API server's built-in printers produce for the lab's kinds (nodes, daemonsets,
 * events), as in kubernetes/pkg/printers/internalversion. The server always fills every column; kubectl hides
 * priority-1 columns unless asked for {@code -o wide}.
 */
final class LabPrinters {
    /** One column definition of a meta.k8s.io Table. */
    record Column(String name, String type, String format, String description, int priority) {
        static Column of(String name, String type, String description) {
            return new Column(name, type, "", description, 0);
        }

        static Column wide(String name, String type, String description) {
            return new Column(name, type, "", description, 1);
        }

        static Column objectName() {
            return new Column("Name", "string", "name", "Name must be unique within a namespace.", 0);
        }
    }

    /** Columns and a row function for one kind. */
    interface Printer {
        List<Column> columns();

        List<Object> cells(JsonNode object, Instant now);
    }

    private LabPrinters() {
    }

    /** The built-in printer for a resource (plural of the core or apps group), or null. */
    static Printer forResource(String group, String plural) {
        if (group.isEmpty() && plural.equals("nodes")) {
            return NODES;
        }
        if (group.equals("apps") && plural.equals("daemonsets")) {
            return DAEMON_SETS;
        }
        if (group.isEmpty() && plural.equals("events")) {
            return EVENTS;
        }
        return null;
    }

    static final Printer NODES = new Printer() {
        @Override
        public List<Column> columns() {
            return List.of(Column.objectName(),
                    Column.of("Status", "string", "The status of the node"),
                    Column.of("Roles", "string", "The roles of the node"),
                    Column.of("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
                    Column.of("Version", "string", "Kubelet Version reported by the node."),
                    Column.wide("Internal-IP", "string", "List of addresses reachable to the node."),
                    Column.wide("External-IP", "string", "List of addresses reachable to the node."),
                    Column.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                    Column.wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                    Column.wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."));
        }

        @Override
        public List<Object> cells(JsonNode n, Instant now) {
            List<String> status = new ArrayList<>();
            for (JsonNode c : n.path("status").path("conditions")) {
                if ("Ready".equals(c.path("type").asText())) {
                    status.add("True".equals(c.path("status").asText()) ? "Ready" : "NotReady");
                }
            }
            if (status.isEmpty()) {
                status.add("Unknown");
            }
            if (n.path("spec").path("unschedulable").asBoolean(false)) {
                status.add("SchedulingDisabled");
            }
            TreeSet<String> roles = new TreeSet<>();
            n.path("metadata").path("labels").properties().forEach(e -> {
                if (e.getKey().startsWith("node-role.kubernetes.io/")) {
                    String role = e.getKey().substring("node-role.kubernetes.io/".length());
                    if (!role.isEmpty()) {
                        roles.add(role);
                    }
                } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
                    roles.add(e.getValue().asText());
                }
            });
            JsonNode info = n.path("status").path("nodeInfo");
            List<Object> cells = new ArrayList<>();
            cells.add(text(n.path("metadata").path("name")));
            cells.add(String.join(",", status));
            cells.add(roles.isEmpty() ? "<none>" : String.join(",", roles));
            cells.add(age(n.path("metadata").path("creationTimestamp"), now));
            cells.add(text(info.path("kubeletVersion")));
            cells.add(address(n, "InternalIP"));
            cells.add(address(n, "ExternalIP"));
            cells.add(orUnknown(info.path("osImage")));
            cells.add(orUnknown(info.path("kernelVersion")));
            cells.add(orUnknown(info.path("containerRuntimeVersion")));
            return cells;
        }

        private String address(JsonNode n, String type) {
            for (JsonNode a : n.path("status").path("addresses")) {
                if (type.equals(a.path("type").asText())) {
                    return a.path("address").asText();
                }
            }
            return "<none>";
        }
    };

    static final Printer DAEMON_SETS = new Printer() {
        @Override
        public List<Column> columns() {
            return List.of(Column.objectName(),
                    Column.of("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
                    Column.of("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
                    Column.of("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
                    Column.of("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
                    Column.of("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
                    Column.of("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
                    Column.of("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
                    Column.wide("Containers", "string", "Names of each container in the template."),
                    Column.wide("Images", "string", "Images referenced by each container in the template."),
                    Column.wide("Selector", "string", "A label query over pods that are managed by the daemon set."));
        }

        @Override
        public List<Object> cells(JsonNode ds, Instant now) {
            JsonNode st = ds.path("status");
            JsonNode pod = ds.path("spec").path("template").path("spec");
            List<String> names = new ArrayList<>();
            List<String> images = new ArrayList<>();
            for (JsonNode c : pod.path("containers")) {
                names.add(c.path("name").asText());
                images.add(c.path("image").asText());
            }
            List<Object> cells = new ArrayList<>();
            cells.add(text(ds.path("metadata").path("name")));
            cells.add(st.path("desiredNumberScheduled").asLong(0));
            cells.add(st.path("currentNumberScheduled").asLong(0));
            cells.add(st.path("numberReady").asLong(0));
            cells.add(st.path("updatedNumberScheduled").asLong(0));
            cells.add(st.path("numberAvailable").asLong(0));
            cells.add(labels(pod.path("nodeSelector")));
            cells.add(age(ds.path("metadata").path("creationTimestamp"), now));
            cells.add(String.join(",", names));
            cells.add(String.join(",", images));
            cells.add(labels(ds.path("spec").path("selector").path("matchLabels")));
            return cells;
        }
    };

    static final Printer EVENTS = new Printer() {
        @Override
        public List<Column> columns() {
            return List.of(Column.of("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
                    Column.of("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
                    Column.of("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
                    Column.of("Object", "string", "The object that this event is about."),
                    Column.wide("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
                    Column.wide("Source", "string", "The component reporting this event. Should be a short machine understandable string."),
                    Column.of("Message", "string", "A human-readable description of the status of this operation."),
                    Column.wide("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
                    Column.wide("Count", "string", "The number of times this event has occurred."),
                    new Column("Name", "string", "name", "Name must be unique within a namespace.", 1));
        }

        @Override
        public List<Object> cells(JsonNode e, Instant now) {
            String first = age(e.path("firstTimestamp"), now);
            if (e.path("firstTimestamp").isMissingNode() || e.path("firstTimestamp").isNull()) {
                first = age(e.path("eventTime"), now);
            }
            String last = e.path("lastTimestamp").isTextual() ? age(e.path("lastTimestamp"), now) : first;
            long count = e.path("count").asLong(0);
            if (count > 1) {
                last = last + " (x" + count + " over " + first + ")";
            }
            JsonNode obj = e.path("involvedObject");
            JsonNode src = e.path("source");
            String component = src.path("component").asText("");
            if (component.isEmpty()) {
                component = e.path("reportingComponent").asText("");
            }
            String host = src.path("host").asText("");
            List<Object> cells = new ArrayList<>();
            cells.add(last);
            cells.add(text(e.path("type")));
            cells.add(text(e.path("reason")));
            cells.add(obj.path("kind").asText("").toLowerCase(Locale.ROOT) + "/" + obj.path("name").asText(""));
            cells.add(text(obj.path("fieldPath")));
            cells.add(host.isEmpty() ? component : component + ", " + host);
            cells.add(text(e.path("message")).strip());
            cells.add(first);
            cells.add(count);
            cells.add(text(e.path("metadata").path("name")));
            return cells;
        }
    };

    static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static String orUnknown(JsonNode n) {
        String s = text(n);
        return s.isEmpty() ? "<unknown>" : s;
    }

    /** "k=v,k2=v2" with sorted keys, or "&lt;none&gt;", as labels.FormatLabels does. */
    static String labels(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        if (sorted.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** translateTimestampSince: the age of an RFC 3339 timestamp, or "&lt;unknown&gt;". */
    static String age(JsonNode timestamp, Instant now) {
        if (!timestamp.isTextual() || timestamp.asText().isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp.asText()), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
