package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.Ec2Routing.Block;
import dev.hybridpane.lab.aws.Ec2Routing.TgwRoute;
import dev.hybridpane.lab.aws.Ec2Routing.TgwRouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads of one transit gateway route table (EC2 API reference): SearchTransitGatewayRoutes (Filters required;
 * route-search.exact-match, subnet-of-match, supernet-of-match and longest-prefix-match compare CIDRs, the other filters
 * values; at most MaxResults routes, additionalRoutesAvailable when more matched), and
 * GetTransitGatewayRouteTableAssociations / GetTransitGatewayRouteTablePropagations (every attachment of the gateway
 * is associated with its default route table and propagates to it; they page like the Describe calls).
 */
final class Ec2TransitGatewayReads {
    private static final Set<String> ROUTE_FILTERS = Set.of("attachment.transit-gateway-attachment-id",
            "attachment.resource-id", "attachment.resource-type", "prefix-list-id", "route-search.exact-match",
            "route-search.longest-prefix-match", "route-search.subnet-of-match", "route-search.supernet-of-match", "state",
            "type");
    private static final Set<String> ATTACHMENT_FILTERS = Set.of("resource-id", "resource-type",
            "transit-gateway-attachment-id");

    private final Ec2Service service;
    private final Ec2Inventory inv;
    private final Ec2Network net;

    Ec2TransitGatewayReads(Ec2Service service, Ec2Inventory inv, Ec2Network net) {
        this.service = service;
        this.inv = inv;
        this.net = net;
    }

    AwsResponse handle(String operation, AwsRequest r) {
        String tableId = r.params().get("TransitGatewayRouteTableId");
        if (tableId == null || tableId.isEmpty()) {
            return service.error(r, 400, "MissingParameter", "The request must contain the parameter TransitGatewayRouteTableId");
        }
        TgwRouteTable table = net.tgwRouteTables().stream().filter(t -> t.id().equals(tableId)).findFirst().orElse(null);
        if (table == null) {
            return service.error(r, 400, "InvalidRouteTableID.NotFound", "Transit Gateway Route Table " + tableId
                    + " was deleted or does not exist.");
        }
        if (operation.equals("SearchTransitGatewayRoutes")) {
            return search(r, table);
        }
        boolean associations = operation.equals("GetTransitGatewayRouteTableAssociations");
        List<Ec2Inventory.TransitGatewayAttachment> attached = net.attachments().stream()
                .filter(a -> a.routeTableId().equals(tableId)).toList();
        return service.describe(operation, operation + " " + tableId, r, attached, new Ec2Service.Kind<>("-", "-", "-",
                associations ? "associations" : "transitGatewayRouteTablePropagations",
                Ec2Inventory.TransitGatewayAttachment::id,
                a -> Map.of("resource-id", List.of(a.resourceId()), "resource-type", List.of(a.resourceType()),
                        "transit-gateway-attachment-id", List.of(a.id())),
                (x, a) -> Ec2RoutingXml.attachmentState(x, a, associations ? "associated" : "enabled"),
                ATTACHMENT_FILTERS, 5));
    }

    private AwsResponse search(AwsRequest r, TgwRouteTable table) {
        Map<String, List<String>> filters = Ec2Service.filters(r.params());
        if (filters.isEmpty()) {
            return service.error(r, 400, "MissingParameter", "The request must contain the parameter Filters");
        }
        List<TgwRoute> routes = new ArrayList<>(table.routes());
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String name = f.getKey();
            if (!ROUTE_FILTERS.contains(name)) {
                return service.error(r, 400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            if (name.startsWith("route-search.")) {
                List<Block> wanted = new ArrayList<>();
                for (String v : f.getValue()) {
                    Block b = Block.parse(v);
                    if (b == null) {
                        return service.error(r, 400, "InvalidParameterValue", "Value (" + v + ") for filter " + name
                                + " is invalid. This is not a valid CIDR block.");
                    }
                    wanted.add(b);
                }
                routes = search(routes, name, wanted);
            } else if (name.equals("prefix-list-id")) {
                routes.clear();
            } else {
                routes.removeIf(t -> t.filterValues().getOrDefault(name, List.of()).stream()
                        .noneMatch(actual -> f.getValue().stream().anyMatch(w -> Ec2Service.matches(w, actual))));
            }
        }
        String maxText = r.params().get("MaxResults");
        int max = 1000;
        if (maxText != null) {
            try {
                max = Integer.parseInt(maxText);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 5 || max > 1000) {
                return service.error(r, 400, "InvalidParameterValue", "Value ( " + maxText + " ) for parameter maxResults "
                        + "is invalid. Parameter must be between 5 and 1000.");
            }
        }
        Xml x = new Xml().openNs("SearchTransitGatewayRoutesResponse", Ec2Service.NS).leaf("requestId", r.requestId())
                .open("routeSet");
        for (TgwRoute route : routes.subList(0, Math.min(max, routes.size()))) {
            x.open("item");
            Ec2RoutingXml.tgwRoute(x, route);
            x.close("item");
        }
        x.close("routeSet").leaf("additionalRoutesAvailable", routes.size() > max)
                .close("SearchTransitGatewayRoutesResponse");
        return AwsResponse.xml(200, x.toString());
    }

    /** The routes a route-search filter keeps: any of the wanted CIDRs matching as the filter's name says. */
    private static List<TgwRoute> search(List<TgwRoute> routes, String name, List<Block> wanted) {
        List<TgwRoute> out = new ArrayList<>();
        for (TgwRoute route : routes) {
            Block b = Block.parse(route.destination());
            boolean keep = wanted.stream().anyMatch(w -> switch (name) {
                case "route-search.exact-match" -> b.equals(w);
                case "route-search.subnet-of-match" -> w.contains(b);
                case "route-search.supernet-of-match", "route-search.longest-prefix-match" -> b.contains(w);
                default -> false;
            });
            if (keep) {
                out.add(route);
            }
        }
        if (name.equals("route-search.longest-prefix-match") && !out.isEmpty()) {
            int longest = out.stream().mapToInt(t -> Block.parse(t.destination()).prefix()).max().orElse(0);
            out.removeIf(t -> Block.parse(t.destination()).prefix() != longest);
        }
        return out;
    }
}
