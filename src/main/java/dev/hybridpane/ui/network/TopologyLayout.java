package dev.hybridpane.ui.network;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the picture draws each element and link, and in which state: columns from the VPC on the left through the
 * gateways, the VPN connections or Direct Connect, the sites, to the pools on the right; inside a column, elements
 * follow the mean position of what links to them, so links cross as little as a simple rule allows. Pure: the FX
 * picture and the SVG writer draw the same layout.
 */
public record TopologyLayout(List<Box> boxes, List<Edge> edges, double width, double height) {
    static final double BOX_WIDTH = 184;
    static final double COLUMN_GAP = 116;
    static final double ROW_GAP = 26;
    static final double MARGIN = 24;
    static final double HEADER = 40;
    static final double LINE = 17;
    static final double PADDING = 16;

    private static final Pattern TUNNEL = Pattern.compile("(?i)(tunnel|BGP peer)\\s*(\\d+)\\b.*?\\b(UP|DOWN)\\b");

    /** A VPN tunnel's or a Direct Connect BGP peer's light: its name ("tunnel 1", "BGP peer 2") and whether it is up. */
    public record Light(String name, boolean up) {
    }

    /** An element drawn at (x, y), its worst check, its tunnel lights and its other detail lines. */
    public record Box(Topology.Element element, double x, double y, double width, double height, DoctorStatus status,
            int checks, List<Light> lights, List<String> lines) {
        public double centerY() {
            return y + height / 2;
        }
    }

    /**
     * A link from the right edge of one box to the left edge of another; {@code failing} the first failing (or else
     * warning) check that names it, whose title the picture writes on a broken link.
     */
    public record Edge(Topology.Link link, double x1, double y1, double x2, double y2, DoctorStatus status,
            Optional<DoctorCheck> failing) {
        /** What the picture writes on the link: the failing check's title, or the link's own label. */
        public String caption() {
            return failing.map(c -> (c.status() == DoctorStatus.FAIL ? "✕ " : "! ") + c.title()).orElse(link.label());
        }
    }

    public static int column(Topology.Kind kind) {
        return switch (kind) {
            case VPC -> 0;
            case TRANSIT_GATEWAY, VPN_GATEWAY -> 1;
            case VPN_CONNECTION, DIRECT_CONNECT -> 2;
            case SITE -> 3;
            case POOL -> 4;
        };
    }

    public static TopologyLayout of(DoctorReport report) {
        Topology t = report.topology();
        Map<String, Topology.Element> byId = new LinkedHashMap<>();
        t.elements().forEach(e -> byId.put(e.id(), e));
        List<List<Topology.Element>> columns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            columns.add(new ArrayList<>());
        }
        t.elements().forEach(e -> columns.get(column(e.kind())).add(e));
        columns.removeIf(List::isEmpty);

        Map<String, Double> order = new HashMap<>();
        for (List<Topology.Element> col : columns) {
            Map<String, Double> rank = new HashMap<>();
            for (int i = 0; i < col.size(); i++) {
                Topology.Element e = col.get(i);
                double mean = t.links().stream().filter(l -> l.to().equals(e.id()) && order.containsKey(l.from()))
                        .mapToDouble(l -> order.get(l.from())).average().orElse(1000 + i);
                rank.put(e.id(), mean + i * 1e-6);
            }
            col.sort(Comparator.comparingDouble(e -> rank.get(e.id())));
            for (int i = 0; i < col.size(); i++) {
                order.put(col.get(i).id(), (double) i);
            }
        }

        Map<String, Box> boxes = new LinkedHashMap<>();
        double[] heights = new double[columns.size()];
        List<List<Box>> laid = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<Box> col = new ArrayList<>();
            double y = 0;
            for (Topology.Element e : columns.get(c)) {
                List<Light> lights = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                for (String d : e.details()) {
                    Matcher m = TUNNEL.matcher(d);
                    if (m.find()) {
                        String kind = m.group(1).toLowerCase(Locale.ROOT).startsWith("tunnel") ? "tunnel" : "BGP peer";
                        lights.add(new Light(kind + " " + m.group(2), m.group(3).toUpperCase(Locale.ROOT).equals("UP")));
                    } else {
                        lines.add(d);
                    }
                }
                double h = HEADER + (lines.size() + lights.size()) * LINE + PADDING;
                List<DoctorCheck> checks = report.checksOf(e.id());
                col.add(new Box(e, 0, y, BOX_WIDTH, h, worst(checks), checks.size(), List.copyOf(lights), List.copyOf(lines)));
                y += h + ROW_GAP;
            }
            heights[c] = Math.max(0, y - ROW_GAP);
            laid.add(col);
        }
        double tallest = 0;
        for (double h : heights) {
            tallest = Math.max(tallest, h);
        }
        for (int c = 0; c < laid.size(); c++) {
            double x = MARGIN + c * (BOX_WIDTH + COLUMN_GAP);
            double top = MARGIN + (tallest - heights[c]) / 2;
            for (Box b : laid.get(c)) {
                boxes.put(b.element().id(), new Box(b.element(), x, top + b.y(), b.width(), b.height(), b.status(),
                        b.checks(), b.lights(), b.lines()));
            }
        }

        List<Edge> edges = new ArrayList<>();
        for (Topology.Link l : t.links()) {
            Box from = boxes.get(l.from());
            Box to = boxes.get(l.to());
            if (from == null || to == null) {
                continue;
            }
            List<DoctorCheck> checks = report.checksOf(l.id());
            DoctorStatus status = worst(checks);
            Optional<DoctorCheck> failing = checks.stream().filter(c -> c.status() == DoctorStatus.FAIL).findFirst()
                    .or(() -> checks.stream().filter(c -> c.status() == DoctorStatus.WARN).findFirst());
            boolean forward = from.x() <= to.x();
            edges.add(new Edge(l, forward ? from.x() + from.width() : from.x(), from.centerY(),
                    forward ? to.x() : to.x() + to.width(), to.centerY(), status, failing));
        }
        double width = laid.isEmpty() ? 0 : 2 * MARGIN + laid.size() * BOX_WIDTH + (laid.size() - 1) * COLUMN_GAP;
        double height = laid.isEmpty() ? 0 : 2 * MARGIN + tallest;
        return new TopologyLayout(List.copyOf(boxes.values()), List.copyOf(edges), width, height);
    }

    /** The worst status of these checks; PASS when there are none. */
    static DoctorStatus worst(List<DoctorCheck> checks) {
        DoctorStatus w = DoctorStatus.PASS;
        for (DoctorCheck c : checks) {
            w = w.worst(c.status());
        }
        return w;
    }

    /**
     * The label without the kind its box already names ("Transit gateway tgw-0c2d" → "tgw-0c2d", "VPN vpn-0a" →
     * "vpn-0a"); a label that does not start with its kind stays as it is.
     */
    public static String shortLabel(Topology.Element e) {
        String label = e.label();
        for (String prefix : List.of(kindName(e.kind()) + " ", "VPN ", "VPC ", "Direct Connect ", "Site ", "Pool ")) {
            if (label.regionMatches(true, 0, prefix, 0, prefix.length()) && label.length() > prefix.length()) {
                return label.substring(prefix.length());
            }
        }
        return label;
    }

    /** Human name of an element kind ("Transit gateway"). */
    public static String kindName(Topology.Kind kind) {
        return switch (kind) {
            case VPC -> "VPC";
            case TRANSIT_GATEWAY -> "Transit gateway";
            case VPN_GATEWAY -> "Virtual private gateway";
            case VPN_CONNECTION -> "VPN connection";
            case DIRECT_CONNECT -> "Direct Connect";
            case SITE -> "Site";
            case POOL -> "Node pool";
        };
    }
}
