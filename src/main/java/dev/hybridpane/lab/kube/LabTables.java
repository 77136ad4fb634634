package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.kube.LabPrinters.Column;
import dev.hybridpane.lab.kube.LabPrinters.Printer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Server-side printing for kubectl: turns the CRUD store's JSON answer to a GET into a meta.k8s.io Table when the
 * client asked for one ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...}), for nodes, daemonsets,
 * events and custom resources whose CustomResourceDefinition is stored (its additionalPrinterColumns). Anything else
 * is left alone (null), and kubectl prints NAME and AGE itself, as it does for any server without printers.
 */
final class LabTables {
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";

    private final ObjectMapper json = Serialization.jsonMapper();
    /** Reads an object from the store by path (JSON or null): used to find a custom resource's definition. */
    private final Function<String, String> store;
    private final Clock clock;

    LabTables(Function<String, String> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** True when the Accept header asks for a meta.k8s.io Table (kubectl get does). */
    static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    /**
     * The Table for a GET's CRUD answer, or null when this resource has no printer here (or the path is a watch,
     * a subresource or not a resource at all).
     */
    String table(String pathWithQuery, String accept, String crudBody) {
        ResourcePath rp = ResourcePath.parse(pathWithQuery);
        if (rp == null || rp.watch()) {
            return null;
        }
        Printer printer = LabPrinters.forResource(rp.group(), rp.plural());
        if (printer == null && !rp.group().isEmpty()) {
            printer = customPrinter(rp);
        }
        if (printer == null) {
            return null;
        }
        try {
            JsonNode body = json.readTree(crudBody);
            List<JsonNode> objects = new ArrayList<>();
            if (body.has("items")) {
                body.path("items").forEach(objects::add);
            } else {
                objects.add(body);
            }
            return json.writeValueAsString(build(printer, body, objects, rp.includeObject(),
                    accept.contains("v=v1;") || accept.endsWith("v=v1") ? "meta.k8s.io/v1" : "meta.k8s.io/v1beta1"));
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode build(Printer printer, JsonNode body, List<JsonNode> objects, String includeObject, String apiVersion) {
        Instant now = clock.instant();
        ObjectNode table = json.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", apiVersion);
        ObjectNode meta = table.putObject("metadata");
        String rv = body.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            meta.put("resourceVersion", rv);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        for (Column c : printer.columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("type", c.type());
            col.put("format", c.format());
            col.put("description", c.description());
            col.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(o, now)) {
                cells.add(json.valueToTree(cell));
            }
            if ("Object".equals(includeObject)) {
                row.set("object", o);
            } else if (!"None".equals(includeObject)) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", o.path("metadata"));
            }
        }
        return table;
    }

    /** Columns from the stored CRD's additionalPrinterColumns for the requested version, or null without a CRD. */
    private Printer customPrinter(ResourcePath rp) {
        String crdJson = store.apply(CRDS + rp.plural() + "." + rp.group());
        if (crdJson == null) {
            return null;
        }
        try {
            JsonNode crd = json.readTree(crdJson);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (rp.version().equals(v.path("name").asText())) {
                    return new LabCrdPrinter(v.path("additionalPrinterColumns"));
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
