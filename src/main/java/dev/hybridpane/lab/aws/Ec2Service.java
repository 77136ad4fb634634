package dev.hybridpane.lab.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon EC2 on its own query protocol (XML in the 2016-11-15 namespace, errors as
 * {@code <Response><Errors><Error>}): DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeSecurityGroups,
 * DescribeNetworkInterfaces, DescribeTransitGateways, DescribeTransitGatewayAttachments and
 * DescribeTransitGatewayRouteTables with id lists, filters (with EC2's * and ? wildcards) and MaxResults/NextToken
 * pagination; DescribeVpnConnections and DescribeVpnGateways (which do not page), DescribeVpcAttribute, the transit
 * gateway route table reads ({@link Ec2TransitGatewayReads}) and the network changes ({@link Ec2Writes}) on each
 * region's {@link Ec2Network}. A NextToken is bound to the
 * action, region and filters that issued it; any other is refused with InvalidPaginationToken, as EC2 does.
 * EC2 is a service of each account: a caller (the principal of the signing key) sees and changes its own account's
 * network only, made of that account's clusters' VPCs.
 */
final class Ec2Service implements AwsService {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Set<String> READS = Set.of("DescribeVpcs", "DescribeSubnets", "DescribeRouteTables",
            "DescribeSecurityGroups", "DescribeNetworkInterfaces", "DescribeVpcAttribute", "DescribeTransitGateways",
            "DescribeTransitGatewayAttachments", "DescribeVpnConnections", "DescribeVpnGateways",
            "DescribeTransitGatewayRouteTables", "SearchTransitGatewayRoutes", "GetTransitGatewayRouteTableAssociations",
            "GetTransitGatewayRouteTablePropagations");
    private static final Set<String> TGW_ROUTE_TABLE_FILTERS = Set.of("default-association-route-table",
            "default-propagation-route-table", "state", "transit-gateway-id", "transit-gateway-route-table-id", "tag-key");
    /** The filters DescribeVpnConnections and DescribeVpnGateways take (EC2 API reference). */
    private static final Set<String> VPN_CONNECTION_FILTERS = Set.of("customer-gateway-configuration", "customer-gateway-id",
            "state", "option.static-routes-only", "route.destination-cidr-block", "bgp-asn", "type", "vpn-connection-id",
            "vpn-gateway-id", "transit-gateway-id", "tag-key");
    private static final Set<String> VPN_GATEWAY_FILTERS = Set.of("amazon-side-asn", "attachment.state", "attachment.vpc-id",
            "availability-zone", "state", "type", "vpn-gateway-id", "tag-key");
    private static final Set<String> VPC_ATTRIBUTES = Set.of("enableDnsSupport", "enableDnsHostnames",
            "enableNetworkAddressUsageMetrics");
    private static final Pattern FILTER_NAME = Pattern.compile("Filter\\.(\\d+)\\.Name");

    private final AwsState state;
    private final LabCredentials credentials;
    /** Each account's Region's network ("ACCOUNT/REGION") as changed at run time. */
    private final Map<String, Ec2Network> networks = new ConcurrentHashMap<>();

    /**
     * EC2 does not cap a page the caller did not ask for (without MaxResults a Describe call answers everything), so
     * the emulator's test page size does not apply here: clients page by passing MaxResults.
     */
    Ec2Service(AwsState state, LabCredentials credentials) {
        this.state = state;
        this.credentials = credentials;
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public String operation(AwsRequest r) {
        String action = r.params().get("Action");
        return action != null && (READS.contains(action) || Ec2Writes.ACTIONS.contains(action)
                || Ec2AttachmentWrites.ACTIONS.contains(action)) ? action : null;
    }

    /**
     * How a resource type is described: its id parameter, its not-found error and its XML; {@code filterNames} the
     * filters it takes (null: those its resources answer), {@code minResults} the least MaxResults it accepts (0: any;
     * -1: it does not page).
     */
    record Kind<T>(String idParam, String notFoundCode, String notFoundFormat, String setName,
            Function<T, String> id, Function<T, Map<String, List<String>>> filters, BiConsumer<Xml, T> writer,
            Set<String> filterNames, int minResults) {
        Kind(String idParam, String notFoundCode, String notFoundFormat, String setName, Function<T, String> id,
                Function<T, Map<String, List<String>>> filters, BiConsumer<Xml, T> writer) {
            this(idParam, notFoundCode, notFoundFormat, setName, id, filters, writer, null, 0);
        }
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        String account = credentials.accountId(r.accessKeyId()).orElse(state.accountId());
        Ec2Inventory inv = new Ec2Inventory(state.clusters(account, r.region()));
        Ec2Network net = network(account, r.region());
        net.sync(inv);
        if (Ec2Writes.ACTIONS.contains(operation) || Ec2AttachmentWrites.ACTIONS.contains(operation)) {
            try {
                return Ec2Writes.ACTIONS.contains(operation) ? new Ec2Writes(net, inv, account).handle(operation, r)
                        : new Ec2AttachmentWrites(net, inv, account).handle(operation, r);
            } catch (Ec2Network.Ec2Error e) {
                return error(r, e.status, e.code, e.getMessage());
            }
        }
        Map<String, String> groupNames = new HashMap<>();
        inv.securityGroups.forEach(g -> groupNames.put(g.id(), g.name()));
        Ec2Xml xml = new Ec2Xml(account, r.region(), groupNames::get);
        return switch (operation) {
            case "DescribeVpcs" -> describe(operation, r, inv.vpcs, new Kind<>("VpcId", "InvalidVpcID.NotFound",
                    "The vpc ID '%s' does not exist", "vpcSet", Ec2Inventory.Vpc::id, Ec2Inventory.Vpc::filterValues, xml::vpc));
            case "DescribeSubnets" -> describe(operation, r, inv.subnets, new Kind<>("SubnetId", "InvalidSubnetID.NotFound",
                    "The subnet ID '%s' does not exist", "subnetSet", Ec2Inventory.Subnet::id,
                    Ec2Inventory.Subnet::filterValues, xml::subnet));
            case "DescribeRouteTables" -> describe(operation, r, net.routeTables(), new Kind<>("RouteTableId",
                    "InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", "routeTableSet",
                    Ec2Inventory.RouteTable::id, Ec2Inventory.RouteTable::filterValues, xml::routeTable));
            case "DescribeSecurityGroups" -> describe(operation, r, net.securityGroups(), new Kind<>("GroupId",
                    "InvalidGroup.NotFound", "The security group '%s' does not exist", "securityGroupInfo",
                    Ec2Inventory.SecurityGroup::id, Ec2Inventory.SecurityGroup::filterValues, xml::securityGroup));
            case "DescribeNetworkInterfaces" -> describe(operation, r, inv.networkInterfaces, new Kind<>("NetworkInterfaceId",
                    "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist", "networkInterfaceSet",
                    Ec2Inventory.NetworkInterface::id, n -> n.filterValues(account), xml::networkInterface,
                    inv.networkInterfaces.isEmpty() ? Set.of() : inv.networkInterfaces.get(0).filterValues(account).keySet(), 5));
            case "DescribeTransitGateways" -> describe(operation, r, inv.transitGateways, new Kind<>("TransitGatewayIds",
                    "InvalidTransitGatewayID.NotFound", "Transit Gateway %s was deleted or does not exist.",
                    "transitGatewaySet", Ec2Inventory.TransitGateway::id, t -> t.filterValues(account), xml::transitGateway,
                    new Ec2Inventory.TransitGateway("tgw-0", List.of()).filterValues(account).keySet(), 5));
            case "DescribeTransitGatewayAttachments" -> describe(operation, r, net.attachments(),
                    new Kind<>("TransitGatewayAttachmentIds", "InvalidTransitGatewayAttachmentID.NotFound",
                            "Transit Gateway Attachment %s was deleted or does not exist.", "transitGatewayAttachments",
                            Ec2Inventory.TransitGatewayAttachment::id, a -> a.filterValues(account), xml::transitGatewayAttachment,
                            new Ec2Inventory.TransitGatewayAttachment("", "", "", "", "", "").filterValues(account).keySet(), 5));
            case "DescribeVpnConnections" -> describe(operation, r, net.vpnConnections(), new Kind<>("VpnConnectionId",
                    "InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%s' does not exist", "vpnConnectionSet",
                    Ec2Routing.VpnConnection::id, Ec2Routing.VpnConnection::filterValues, Ec2RoutingXml::vpnConnection,
                    VPN_CONNECTION_FILTERS, -1));
            case "DescribeVpnGateways" -> describe(operation, r, inv.vpnGateways, new Kind<>("VpnGatewayId",
                    "InvalidVpnGatewayID.NotFound", "The vpnGateway ID '%s' does not exist", "vpnGatewaySet",
                    Ec2Routing.VpnGateway::id, Ec2Routing.VpnGateway::filterValues, Ec2RoutingXml::vpnGateway,
                    VPN_GATEWAY_FILTERS, -1));
            case "DescribeTransitGatewayRouteTables" -> describe(operation, r, net.tgwRouteTables(), new Kind<>(
                    "TransitGatewayRouteTableIds", "InvalidRouteTableID.NotFound",
                    "Transit Gateway Route Table %s was deleted or does not exist.", "transitGatewayRouteTables",
                    Ec2Routing.TgwRouteTable::id, Ec2Routing.TgwRouteTable::filterValues, Ec2RoutingXml::tgwRouteTable,
                    TGW_ROUTE_TABLE_FILTERS, 5));
            case "SearchTransitGatewayRoutes", "GetTransitGatewayRouteTableAssociations",
                    "GetTransitGatewayRouteTablePropagations" -> new Ec2TransitGatewayReads(this, inv, net).handle(operation, r);
            case "DescribeVpcAttribute" -> describeVpcAttribute(r, net);
            default -> unknownOperation(r);
        };
    }

    /** The lab's switch for a VPN tunnel ({@link AwsEmulator#setVpnTunnel}), in the world's own account. */
    void setTunnel(String region, String vpnConnectionId, int tunnel, boolean up) {
        Ec2Network net = network(state.accountId(), region);
        net.sync(new Ec2Inventory(state.clusters(state.accountId(), region)));
        try {
            net.setTunnel(vpnConnectionId, tunnel, up);
        } catch (Ec2Network.Ec2Error e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** An account's Region's network as changed at run time (seeded from the world on first use). */
    Ec2Network network(String account, String region) {
        return networks.computeIfAbsent(account + "/" + region, k -> new Ec2Network());
    }

    <T> AwsResponse describe(String operation, AwsRequest r, List<T> all, Kind<T> kind) {
        return describe(operation, operation, r, all, kind);
    }

    /** A Describe-style answer whose page tokens are bound to {@code pageKey} (the operation and what it reads). */
    <T> AwsResponse describe(String operation, String pageKey, AwsRequest r, List<T> all, Kind<T> kind) {
        List<String> ids = indexed(r.params(), kind.idParam() + ".");
        Map<String, List<String>> filters = filters(r.params());
        String maxText = r.params().get("MaxResults");
        if (maxText != null && !ids.isEmpty()) {
            return error(r, 400, "InvalidParameterCombination",
                    "The parameter " + kind.idParam() + "s cannot be used with the parameter MaxResults");
        }
        List<T> selected = new ArrayList<>();
        for (String id : ids) {
            T found = all.stream().filter(t -> kind.id().apply(t).equals(id)).findFirst().orElse(null);
            if (found == null) {
                return error(r, 400, kind.notFoundCode(), String.format(kind.notFoundFormat(), id));
            }
            selected.add(found);
        }
        if (ids.isEmpty()) {
            selected.addAll(all);
        }
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            boolean known = kind.filterNames() != null ? kind.filterNames().contains(f.getKey()) || f.getKey().startsWith("tag:")
                    : all.isEmpty() || kind.filters().apply(all.get(0)).containsKey(f.getKey());
            if (!known) {
                return error(r, 400, "InvalidParameterValue", "The filter '" + f.getKey() + "' is invalid");
            }
            selected.removeIf(t -> kind.filters().apply(t).getOrDefault(f.getKey(), List.of()).stream()
                    .noneMatch(actual -> f.getValue().stream().anyMatch(wanted -> matches(wanted, actual))));
        }
        if (kind.minResults() < 0 && (maxText != null || r.params().containsKey("NextToken"))) {
            return error(r, 400, "UnknownParameter", "The parameter " + (maxText != null ? "MaxResults" : "NextToken")
                    + " is not recognized");
        }
        int max;
        try {
            max = maxText == null ? 0 : Integer.parseInt(maxText);
        } catch (NumberFormatException e) {
            return error(r, 400, "InvalidParameterValue", "Invalid value '" + maxText + "' for MaxResults");
        }
        if (maxText != null && kind.minResults() > 0 && (max < kind.minResults() || max > 1000)) {
            return error(r, 400, "InvalidParameterValue", "Value ( " + max + " ) for parameter maxResults is invalid. "
                    + "Parameter must be between " + kind.minResults() + " and 1000.");
        }
        Pages<T> page;
        try {
            page = Pages.of(pageKey + " " + r.region() + " " + new TreeMap<>(filters), selected, r.params().get("NextToken"), max);
        } catch (Pages.BadTokenException e) {
            return error(r, 400, "InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
        }
        Xml x = new Xml().openNs(operation + "Response", NS).leaf("requestId", r.requestId()).open(kind.setName());
        for (T t : page.items()) {
            x.open("item");
            kind.writer().accept(x, t);
            x.close("item");
        }
        x.close(kind.setName()).leaf("nextToken", page.next()).close(operation + "Response");
        return AwsResponse.xml(200, x.toString());
    }

    /** An EC2 filter value against a resource's value: "*" matches any run of characters, "?" one; "\\" escapes. */
    static boolean matches(String wanted, String actual) {
        if (wanted.indexOf('*') < 0 && wanted.indexOf('?') < 0) {
            return wanted.equals(actual);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < wanted.length(); i++) {
            char c = wanted.charAt(i);
            if (c == '\\' && i + 1 < wanted.length()) {
                re.append(Pattern.quote(String.valueOf(wanted.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return actual.matches(re.toString());
    }

    /**
     * DescribeVpcAttribute: enableDnsSupport and enableDnsHostnames as the VPC has them (seeded true: EKS requires both
     * for private endpoint access; ModifyVpcAttribute changes them), enableNetworkAddressUsageMetrics false. Both parameters are required; an attribute EC2 does not have is
     * InvalidParameterValue, a VPC the region does not hold InvalidVpcID.NotFound.
     */
    private AwsResponse describeVpcAttribute(AwsRequest r, Ec2Network net) {
        String vpcId = r.params().get("VpcId");
        String attribute = r.params().get("Attribute");
        if (vpcId == null || vpcId.isEmpty()) {
            return error(r, 400, "MissingParameter", "The request must contain the parameter vpcId");
        }
        if (attribute == null || attribute.isEmpty()) {
            return error(r, 400, "MissingParameter", "The request must contain the parameter attribute");
        }
        if (!VPC_ATTRIBUTES.contains(attribute)) {
            return error(r, 400, "InvalidParameterValue", "Value (" + attribute + ") for parameter attribute is invalid. "
                    + "Unknown attribute.");
        }
        Ec2Network.Dns dns = net.dns(vpcId);
        if (dns == null) {
            return error(r, 400, "InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        boolean value = switch (attribute) {
            case "enableDnsSupport" -> dns.support();
            case "enableDnsHostnames" -> dns.hostnames();
            default -> false;
        };
        Xml x = new Xml().openNs("DescribeVpcAttributeResponse", NS).leaf("requestId", r.requestId()).leaf("vpcId", vpcId)
                .open(attribute).leaf("value", value).close(attribute)
                .close("DescribeVpcAttributeResponse");
        return AwsResponse.xml(200, x.toString());
    }

    /** Values of "Prefix.1", "Prefix.2"... in index order. */
    static List<String> indexed(Map<String, String> params, String prefix) {
        TreeMap<Integer, String> out = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.substring(prefix.length()).matches("\\d+")) {
                out.put(Integer.parseInt(k.substring(prefix.length())), v);
            }
        });
        return new ArrayList<>(out.values());
    }

    /** Filter.N.Name / Filter.N.Value.M into name -> values. */
    static Map<String, List<String>> filters(Map<String, String> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        TreeMap<Integer, String> names = new TreeMap<>();
        params.forEach((k, v) -> {
            Matcher m = FILTER_NAME.matcher(k);
            if (m.matches()) {
                names.put(Integer.parseInt(m.group(1)), v);
            }
        });
        names.forEach((n, name) -> out.computeIfAbsent(name, k -> new ArrayList<>())
                .addAll(indexed(params, "Filter." + n + ".Value.")));
        return out;
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        Xml x = new Xml().open("Response").open("Errors").open("Error").leaf("Code", code).leaf("Message", message)
                .close("Error").close("Errors").leaf("RequestID", request.requestId()).close("Response");
        return AwsResponse.xml(status, x.toString());
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        String action = request.params().get("Action");
        if (action == null) {
            return error(request, 400, "MissingAction", "The request must contain the parameter Action");
        }
        return error(request, 400, "InvalidAction", "The action " + action + " is not valid for this web service.");
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 403, "UnauthorizedOperation",
                    "You are not authorized to perform this operation. User: " + callerArn
                            + " is not authorized to perform: ec2:" + operation
                            + " because no identity-based policy allows the ec2:" + operation + " action");
            // EC2 answers RequestLimitExceeded with HTTP 503 (the SDKs' logs show "Status Code: 503"); its server
            // error codes are InternalError (500) and Unavailable (503)
            case THROTTLING -> error(request, 503, "RequestLimitExceeded", "Request limit exceeded.");
            case INTERNAL_ERROR -> FaultAnswer.internal("InternalError").answer(this, request);
            case SERVICE_UNAVAILABLE -> FaultAnswer.unavailable("Unavailable").answer(this, request);
        };
    }
}
