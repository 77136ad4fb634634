package dev.hybridpane.ui.network;

import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.network.TopologyLayout.Box;
import dev.hybridpane.ui.network.TopologyLayout.Edge;
import dev.hybridpane.ui.network.TopologyLayout.Light;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The topology picture as a standalone SVG document (fonts the system has), in the theme the window shows: the same
 * layout as the view's picture, broken links red with the failing check's title, tunnel and BGP lights, every text
 * escaped. The dark palette is AtlantaFX Primer Dark's (the canvas in its subtle background, the boxes in its default
 * one, light text and lines), as the view draws it; the light one is Primer Light's.
 */
public final class TopologySvg {
    private static final String FONT = "font-family=\"Inter, Segoe UI, Helvetica, Arial, sans-serif\"";

    /** The colours of one theme. */
    record Palette(String page, String box, String border, String text, String muted, String line, String pass,
            String unknown, String warn, String fail, String failBackground, String warnBackground) {
    }

    static final Palette LIGHT = new Palette("#ffffff", "#f6f8fa", "#d0d7de", "#1f2328", "#57606a", "#8c959f", "#1a7f37",
            "#8250df", "#bf8700", "#cf222e", "#ffebe9", "#fff8c5");
    static final Palette DARK = new Palette("#161b22", "#0d1117", "#30363d", "#e6edf3", "#8d96a0", "#6e7681", "#3fb950",
            "#a371f7", "#d29922", "#f85149", "#3c1e20", "#3b2e12");

    private TopologySvg() {
    }

    /** The picture in light colours. */
    public static String write(DoctorReport report) {
        return write(report, false);
    }

    /** The picture in the dark theme's colours ({@code dark}) or the light one's. */
    public static String write(DoctorReport report, boolean dark) {
        Palette p = dark ? DARK : LIGHT;
        TopologyLayout layout = TopologyLayout.of(report);
        double w = Math.max(layout.width(), 420);
        double h = layout.height() + 44;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\">%n", w, h, w, h));
        b.append("<title>").append(esc("Network of " + report.cluster() + " (" + report.region() + ")")).append("</title>\n");
        b.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"%s\"/>%n", w, h, p.page()));
        b.append(String.format(Locale.ROOT, "<text x=\"24\" y=\"26\" %s font-size=\"15\" font-weight=\"600\" fill=\"%s\">%s</text>%n",
                FONT, p.text(), esc(report.cluster() + " · " + report.region() + " — " + NetworkViewModel.summary(report))));
        b.append("<g transform=\"translate(0,36)\">\n");
        for (Edge e : layout.edges()) {
            edge(b, e, p);
        }
        for (Box box : layout.boxes()) {
            box(b, box, p);
        }
        b.append("</g>\n</svg>\n");
        return b.toString();
    }

    private static void edge(StringBuilder b, Edge e, Palette p) {
        double mx = (e.x1() + e.x2()) / 2;
        String colour = colour(e.status(), p.line(), p);
        b.append(String.format(Locale.ROOT, "<path id=\"%s\" d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" "
                        + "stroke=\"%s\" stroke-width=\"%s\"%s><title>%s</title></path>%n",
                esc("link:" + e.link().id()), e.x1(), e.y1(), mx, e.y1(), mx, e.y2(), e.x2(), e.y2(), colour,
                e.status() == DoctorStatus.FAIL ? "3" : "2",
                e.status() == DoctorStatus.UNKNOWN ? " stroke-dasharray=\"6 4\"" : "", esc(e.caption())));
        String caption = e.caption();
        if (!caption.isBlank()) {
            List<String> lines = wrap(caption, 18);
            double my = (e.y1() + e.y2()) / 2;
            double top = my - 8 - lines.size() * 13;
            int longest = lines.stream().mapToInt(String::length).max().orElse(0);
            double w = longest * 6.3 + 10;
            if (e.failing().isPresent()) {
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" "
                        + "fill=\"%s\"/>%n", mx - w / 2, top, w, lines.size() * 13 + 5.0,
                        e.status() == DoctorStatus.FAIL ? p.failBackground() : p.warnBackground()));
            }
            b.append(String.format(Locale.ROOT, "<text text-anchor=\"middle\" %s font-size=\"11\" fill=\"%s\"%s>", FONT,
                    colour(e.status(), p.muted(), p), e.failing().isPresent() ? " font-weight=\"600\"" : ""));
            for (int i = 0; i < lines.size(); i++) {
                b.append(String.format(Locale.ROOT, "<tspan x=\"%.1f\" y=\"%.1f\">%s</tspan>", mx, top + 11 + i * 13,
                        esc(lines.get(i))));
            }
            b.append("</text>\n");
        }
    }

    /** Words in lines of at most {@code width} characters (a longer word stands alone). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void box(StringBuilder b, Box box, Palette p) {
        String border = colour(box.status(), p.border(), p);
        b.append(String.format(Locale.ROOT, "<g id=\"%s\">%n", esc("element:" + box.element().id())));
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" "
                        + "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>%n", box.x(), box.y(), box.width(),
                box.height(), p.box(), border, box.status() == DoctorStatus.PASS ? "1.2" : "2.2"));
        b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>%n",
                box.x() + box.width() - 14, box.y() + 16, colour(box.status(), p.pass(), p)));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"10\" fill=\"%s\">%s</text>%n",
                box.x() + 12, box.y() + 17, FONT, p.muted(), esc(TopologyLayout.kindName(box.element().kind()).toUpperCase(Locale.ROOT))));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"13\" font-weight=\"600\" fill=\"%s\">%s</text>%n",
                box.x() + 12, box.y() + 34, FONT, p.text(), esc(TopologyLayout.shortLabel(box.element()))));
        double y = box.y() + TopologyLayout.HEADER + 10;
        for (String line : box.lines()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"11\" fill=\"%s\">%s</text>%n",
                    box.x() + 12, y, FONT, p.muted(), esc(line)));
            y += TopologyLayout.LINE;
        }
        double x = box.x() + 12;
        for (Light l : box.lights()) {
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>%n", x + 5, y - 4,
                    l.up() ? p.pass() : p.fail()));
            String text = l.name() + " " + (l.up() ? "UP" : "DOWN");
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"11\" fill=\"%s\">%s</text>%n",
                    x + 14, y, FONT, p.text(), esc(text)));
            y += TopologyLayout.LINE;
        }
        b.append("</g>\n");
    }

    private static String colour(DoctorStatus s, String pass, Palette p) {
        return switch (s) {
            case PASS -> pass;
            case UNKNOWN -> p.unknown();
            case WARN -> p.warn();
            case FAIL -> p.fail();
        };
    }

    /** XML text and attribute escaping. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
