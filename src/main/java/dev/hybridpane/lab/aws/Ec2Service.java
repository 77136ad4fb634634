package dev.hybridpane.lab.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon EC2 on its own query protocol (XML in the 2016-11-15 namespace, errors as
 * {@code <Response><Errors><Error>}): DescribeVpcs, DescribeSubnets, DescribeRouteTables and
 * DescribeSecurityGroups with id lists, filters and MaxResults/NextToken pagination. A NextToken is bound to the
 * action, region and filters that issued it; any other is refused with InvalidPaginationToken, as EC2 does.
 */
final class Ec2Service implements AwsService {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Set<String> ACTIONS = Set.of("DescribeVpcs", "DescribeSubnets", "DescribeRouteTables",
            "DescribeSecurityGroups");
    private static final Pattern FILTER_NAME = Pattern.compile("Filter\\.(\\d+)\\.Name");

    private final AwsState state;

    Ec2Service(AwsState state) {
        this.state = state;
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public String operation(AwsRequest r) {
        String action = r.params().get("Action");
        return action != null && ACTIONS.contains(action) ? action : null;
    }

    /** How a resource type is described: its id parameter, its not-found error and its XML. */
    private record Kind<T>(String idParam, String notFoundCode, String notFoundFormat, String setName,
            Function<T, String> id, Function<T, Map<String, List<String>>> filters, BiConsumer<Xml, T> writer) {
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest r) {
        Ec2Inventory inv = new Ec2Inventory(state.clusters(r.region()));
        Ec2Xml xml = new Ec2Xml(state.accountId(), r.region());
        return switch (operation) {
            case "DescribeVpcs" -> describe(operation, r, inv.vpcs, new Kind<>("VpcId", "InvalidVpcID.NotFound",
                    "The vpc ID '%s' does not exist", "vpcSet", Ec2Inventory.Vpc::id, Ec2Inventory.Vpc::filterValues, xml::vpc));
            case "DescribeSubnets" -> describe(operation, r, inv.subnets, new Kind<>("SubnetId", "InvalidSubnetID.NotFound",
                    "The subnet ID '%s' does not exist", "subnetSet", Ec2Inventory.Subnet::id,
                    Ec2Inventory.Subnet::filterValues, xml::subnet));
            case "DescribeRouteTables" -> describe(operation, r, inv.routeTables, new Kind<>("RouteTableId",
                    "InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", "routeTableSet",
                    Ec2Inventory.RouteTable::id, Ec2Inventory.RouteTable::filterValues, xml::routeTable));
            case "DescribeSecurityGroups" -> describe(operation, r, inv.securityGroups, new Kind<>("GroupId",
                    "InvalidGroup.NotFound", "The security group '%s' does not exist", "securityGroupInfo",
                    Ec2Inventory.SecurityGroup::id, Ec2Inventory.SecurityGroup::filterValues, xml::securityGroup));
            default -> unknownOperation(r);
        };
    }

    private <T> AwsResponse describe(String operation, AwsRequest r, List<T> all, Kind<T> kind) {
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
            if (!all.isEmpty() && !kind.filters().apply(all.get(0)).containsKey(f.getKey())) {
                return error(r, 400, "InvalidParameterValue", "The filter '" + f.getKey() + "' is invalid");
            }
            selected.removeIf(t -> kind.filters().apply(t).getOrDefault(f.getKey(), List.of()).stream()
                    .noneMatch(f.getValue()::contains));
        }
        int max;
        try {
            max = maxText == null ? 0 : Integer.parseInt(maxText);
        } catch (NumberFormatException e) {
            return error(r, 400, "InvalidParameterValue", "Invalid value '" + maxText + "' for MaxResults");
        }
        Pages<T> page;
        try {
            page = Pages.of(operation + " " + r.region() + " " + new TreeMap<>(filters), selected, r.params().get("NextToken"), max);
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
            case THROTTLING -> error(request, 503, "RequestLimitExceeded", "Request limit exceeded.");
        };
    }
}
