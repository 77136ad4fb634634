package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabDirectConnectGateway;
import dev.hybridpane.lab.world.LabWorld.LabVirtualInterface;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Direct Connect on JSON 1.1 ({@code X-Amz-Target: OvertureService.<Operation>}), the reads the network doctor makes:
 * DescribeDirectConnectGateways (the account's gateways: they are global, so every Region lists them all),
 * DescribeDirectConnectGatewayAttachments (each transit virtual interface attached to its gateway) and
 * DescribeVirtualInterfaces (the Region's virtual interfaces, with their BGP peers). Member names and states are the
 * Direct Connect API reference's: a virtual interface whose BGP peers are all down is {@code down} ("a virtual interface
 * that is BGP down"), else {@code available}. The peers' status changes only through the lab's switch
 * ({@link #setBgp}): AWS has no call for it, an outage on the premises does it. Errors are DirectConnectClientException.
 */
final class DirectConnectService implements AwsService {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "OvertureService.";
    private static final Set<String> OPERATIONS = Set.of("DescribeDirectConnectGateways",
            "DescribeDirectConnectGatewayAttachments", "DescribeVirtualInterfaces");

    private final Json json;
    private final AwsState state;
    /** Virtual interface id to its BGP peers' status as switched at run time ("up"/"down", in order). */
    private final Map<String, List<String>> bgp = new ConcurrentHashMap<>();

    DirectConnectService(Json json, AwsState state) {
        this.json = json;
        this.state = state;
    }

    /** One virtual interface with the gateway it is attached to and the Region it is in. */
    private record Vif(LabVirtualInterface vif, LabDirectConnectGateway gateway, String region) {
    }

    @Override
    public String signingName() {
        return "directconnect";
    }

    @Override
    public String operation(AwsRequest request) {
        String t = target(request);
        return OPERATIONS.contains(t) ? t : null;
    }

    private static String target(AwsRequest request) {
        String t = request.header("x-amz-target").orElse("");
        return t.startsWith(TARGET_PREFIX) ? t.substring(TARGET_PREFIX.length()) : t;
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest request) {
        JsonNode body;
        try {
            body = json.read(request.body());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return error(request, 400, "SerializationException", "The request body is not valid JSON.");
        }
        return switch (operation) {
            case "DescribeDirectConnectGateways" -> gateways(body);
            case "DescribeDirectConnectGatewayAttachments" -> attachments(body);
            default -> virtualInterfaces(request, body);
        };
    }

    private List<Vif> vifs(String region) {
        List<Vif> out = new ArrayList<>();
        for (String r : state.regions()) {
            if (region != null && !region.equals(r)) {
                continue;
            }
            for (LabCluster c : state.clusters(r)) {
                if (c.vpc() != null) {
                    c.vpc().directConnectGateways().forEach(g -> g.virtualInterfaces().forEach(v -> out.add(new Vif(v, g, r))));
                }
            }
        }
        return out;
    }

    private List<LabDirectConnectGateway> allGateways() {
        List<LabDirectConnectGateway> out = new ArrayList<>();
        for (String r : state.regions()) {
            state.clusters(r).stream().filter(c -> c.vpc() != null).forEach(c -> out.addAll(c.vpc().directConnectGateways()));
        }
        return out;
    }

    private AwsResponse gateways(JsonNode body) {
        String id = body.path("directConnectGatewayId").asText("");
        ObjectNode out = json.object();
        ArrayNode list = out.putArray("directConnectGateways");
        for (LabDirectConnectGateway g : allGateways()) {
            if (id.isEmpty() || id.equals(g.id())) {
                list.addObject().put("directConnectGatewayId", g.id()).put("directConnectGatewayName", g.name())
                        .put("amazonSideAsn", g.amazonSideAsn()).put("ownerAccount", state.accountId())
                        .put("directConnectGatewayState", "available");
            }
        }
        return ok(out);
    }

    private AwsResponse attachments(JsonNode body) {
        String gateway = body.path("directConnectGatewayId").asText("");
        String vifId = body.path("virtualInterfaceId").asText("");
        ObjectNode out = json.object();
        ArrayNode list = out.putArray("directConnectGatewayAttachments");
        for (Vif v : vifs(null)) {
            if ((gateway.isEmpty() || gateway.equals(v.gateway().id())) && (vifId.isEmpty() || vifId.equals(v.vif().id()))) {
                list.addObject().put("directConnectGatewayId", v.gateway().id()).put("virtualInterfaceId", v.vif().id())
                        .put("virtualInterfaceRegion", v.region()).put("virtualInterfaceOwnerAccount", state.accountId())
                        .put("attachmentState", "attached").put("attachmentType", "TransitVirtualInterface");
            }
        }
        return ok(out);
    }

    private AwsResponse virtualInterfaces(AwsRequest r, JsonNode body) {
        String connection = body.path("connectionId").asText("");
        String vifId = body.path("virtualInterfaceId").asText("");
        ObjectNode out = json.object();
        ArrayNode list = out.putArray("virtualInterfaces");
        int n = 0;
        for (Vif v : vifs(r.region())) {
            n++;
            LabVirtualInterface vif = v.vif();
            if (!connection.isEmpty() && !connection.equals(vif.connectionId()) || !vifId.isEmpty() && !vifId.equals(vif.id())) {
                continue;
            }
            List<String> peers = peers(vif);
            String device = vif.location() + "-" + Integer.toHexString(vif.id().hashCode() & 0xfffff);
            ObjectNode o = list.addObject().put("ownerAccount", state.accountId()).put("virtualInterfaceId", vif.id())
                    .put("location", vif.location()).put("connectionId", vif.connectionId())
                    .put("virtualInterfaceType", "transit").put("virtualInterfaceName", v.gateway().name() + "-vif")
                    .put("vlan", vif.vlan()).put("asn", vif.asn()).put("amazonSideAsn", v.gateway().amazonSideAsn())
                    .put("addressFamily", "ipv4").put("amazonAddress", "169.254." + (200 + n) + ".1/30")
                    .put("customerAddress", "169.254." + (200 + n) + ".2/30")
                    .put("virtualInterfaceState", peers.contains("up") ? "available" : "down")
                    .put("mtu", 8500).put("jumboFrameCapable", true).put("virtualGatewayId", "")
                    .put("directConnectGatewayId", v.gateway().id()).put("region", v.region()).put("awsDeviceV2", device);
            ArrayNode bgpPeers = o.putArray("bgpPeers");
            for (int i = 0; i < peers.size(); i++) {
                bgpPeers.addObject().put("bgpPeerId", "dxpeer-" + vif.id().substring(vif.id().indexOf('-') + 1) + i)
                        .put("asn", vif.asn()).put("addressFamily", "ipv4")
                        .put("amazonAddress", "169.254." + (200 + n) + "." + (1 + 4 * i) + "/30")
                        .put("customerAddress", "169.254." + (200 + n) + "." + (2 + 4 * i) + "/30")
                        .put("bgpPeerState", "available").put("bgpStatus", peers.get(i)).put("awsDeviceV2", device);
            }
        }
        return ok(out);
    }

    private List<String> peers(LabVirtualInterface vif) {
        return bgp.getOrDefault(vif.id(), vif.bgpPeers());
    }

    /**
     * The lab's switch for a BGP peer (1-based) of a virtual interface: up or down, as an outage or its repair on the
     * premises would leave it.
     *
     * @throws IllegalArgumentException when the Region has no such virtual interface or peer
     */
    void setBgp(String region, String virtualInterfaceId, int peer, boolean up) {
        LabVirtualInterface vif = vifs(region).stream().map(Vif::vif).filter(v -> v.id().equals(virtualInterfaceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(region + " has no virtual interface " + virtualInterfaceId));
        bgp.compute(vif.id(), (k, old) -> {
            List<String> peers = new ArrayList<>(old == null ? vif.bgpPeers() : old);
            if (peer < 1 || peer > peers.size()) {
                throw new IllegalArgumentException(virtualInterfaceId + " has BGP peers 1 to " + peers.size());
            }
            peers.set(peer - 1, up ? "up" : "down");
            return List.copyOf(peers);
        });
    }

    private AwsResponse ok(ObjectNode body) {
        return AwsResponse.json(200, CONTENT_TYPE, json.write(body));
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        return AwsResponse.json(status, CONTENT_TYPE, json.write(json.object().put("__type", code).put("message", message)));
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        return error(request, 400, "UnknownOperationException", "The lab does not implement directconnect:" + target(request));
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 400, "AccessDeniedException", "User: " + callerArn
                    + " is not authorized to perform: directconnect:" + operation + " on resource: *");
            case THROTTLING, INTERNAL_ERROR, SERVICE_UNAVAILABLE -> FaultAnswer.common(fault).answer(this, request);
        };
    }
}
