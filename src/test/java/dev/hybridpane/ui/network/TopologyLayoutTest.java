package dev.hybridpane.ui.network;

import static dev.hybridpane.ui.network.NetworkFixtures.VPC_TGW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.domain.network.Topology.Element;
import dev.hybridpane.domain.network.Topology.Kind;
import dev.hybridpane.ui.network.TopologyLayout.Box;
import dev.hybridpane.ui.network.TopologyLayout.Edge;
import dev.hybridpane.ui.network.TopologyLayout.Light;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The picture's layout (columns, order, states, tunnel lights, captions) and the SVG drawn from it. */
class TopologyLayoutTest {
    private final TopologyLayout layout = TopologyLayout.of(NetworkFixtures.faulty());
    private final Map<String, Box> boxes = layout.boxes().stream()
            .collect(Collectors.toMap(b -> b.element().id(), Function.identity()));

    @Test
    void columnsRunFromTheVpcToThePools() {
        assertThat(boxes.get("vpc-0a1b2c").x()).isLessThan(boxes.get("tgw-0c2d3e").x());
        assertThat(boxes.get("tgw-0c2d3e").x()).isLessThan(boxes.get("vpn-0dal").x());
        assertThat(boxes.get("vpn-0dal").x()).isLessThan(boxes.get("site:dallas").x());
        assertThat(boxes.get("site:dallas").x()).isLessThan(boxes.get("pool:dallas-gpu").x());
        assertThat(boxes.get("vpn-0dal").x()).isEqualTo(boxes.get("vpn-0aus").x());
        // each site sits beside its VPN, each pool beside its site: no crossing links
        assertThat(boxes.get("site:dallas").y()).isLessThan(boxes.get("site:austin").y());
        assertThat(boxes.get("pool:dallas-web").y()).isLessThan(boxes.get("pool:austin-edge").y());
        assertThat(layout.width()).isGreaterThan(boxes.get("pool:austin-edge").x() + 100);
        for (Box b : layout.boxes()) {
            assertThat(b.y() + b.height()).isLessThanOrEqualTo(layout.height());
        }
    }

    @Test
    void statesLightsAndCaptionsComeFromTheChecks() {
        assertThat(boxes.get("vpc-0a1b2c").status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(boxes.get("vpn-0dal").status()).isEqualTo(DoctorStatus.WARN);
        assertThat(boxes.get("site:austin").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(boxes.get("vpn-0dal").lights()).containsExactly(new Light("tunnel 1", true), new Light("tunnel 2", false));
        assertThat(boxes.get("vpn-0dal").lines()).containsExactly("static routes");
        Edge broken = layout.edges().stream().filter(e -> e.link().id().equals(VPC_TGW)).findFirst().orElseThrow();
        assertThat(broken.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(broken.caption()).isEqualTo("✕ Route to remote pod network");
        Edge fine = layout.edges().stream().filter(e -> e.link().id().equals("vpn-0aus->site:austin")).findFirst().orElseThrow();
        assertThat(fine.status()).isEqualTo(DoctorStatus.PASS);
        assertThat(fine.caption()).isEqualTo("IPsec");
        assertThat(broken.x1()).isEqualTo(boxes.get("vpc-0a1b2c").x() + boxes.get("vpc-0a1b2c").width());
        assertThat(broken.x2()).isEqualTo(boxes.get("tgw-0c2d3e").x());
    }

    @Test
    void aBoxDoesNotRepeatTheKindItsHeaderNames() {
        assertThat(TopologyLayout.shortLabel(boxes.get("tgw-0c2d3e").element())).isEqualTo("tgw-0c2d3e");
        assertThat(TopologyLayout.shortLabel(boxes.get("vpn-0dal").element())).isEqualTo("vpn-0dal");
        assertThat(TopologyLayout.shortLabel(boxes.get("site:dallas").element())).isEqualTo("dallas");
        assertThat(TopologyLayout.shortLabel(new Element("x", Kind.POOL, "Pool", List.of()))).isEqualTo("Pool");
    }

    @Test
    void anEmptyTopologyHasNoSize() {
        TopologyLayout empty = TopologyLayout.of(new DoctorReport("c", "r", Instant.EPOCH, List.of(), Topology.EMPTY));
        assertThat(empty.boxes()).isEmpty();
        assertThat(empty.width()).isZero();
    }

    @Test
    void theSvgDrawsBrokenLinksRedAndEscapesEveryText() {
        String svg = TopologySvg.write(NetworkFixtures.faulty());
        assertThat(svg).startsWith("<?xml").endsWith("</svg>\n");
        assertThat(svg).containsPattern("id=\"link:vpc-0a1b2c-&gt;tgw-0c2d3e\"[^>]*stroke=\"#cf222e\"");
        assertThat(svg).containsPattern("id=\"link:vpn-0aus-&gt;site:austin\"[^>]*stroke=\"#8c959f\"");
        assertThat(svg).contains(">✕ Route to remote</tspan>", ">pod network</tspan>", ">tunnel 2 DOWN<", ">10.20.0.0/16<");
        assertThat(TopologySvg.wrap("✕ Route to remote pod network", 18)).containsExactly("✕ Route to remote", "pod network");
        DoctorReport evil = new DoctorReport("a<b>&\"c'", "r", Instant.EPOCH, List.of(), new Topology(
                List.of(new Element("vpc-1", Kind.VPC, "<script>alert(1)</script>", List.of("x & y"))), List.of()));
        String e = TopologySvg.write(evil);
        assertThat(e).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "x &amp; y",
                "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    @Test
    void aDirectConnectsBgpPeersAreLightsAsTunnelsAre() {
        Element dx = new Element("3f6d1c2e", Kind.DIRECT_CONNECT, "Direct Connect 3f6d1c2e", List.of("core-dxgw",
                "dxvif-fgq3x5k2 (VLAN 112, available)", "BGP peer 1 UP", "BGP peer 2 DOWN"));
        TopologyLayout l = TopologyLayout.of(new DoctorReport("c", "r", Instant.EPOCH, List.of(), new Topology(List.of(dx),
                List.of())));
        assertThat(l.boxes().get(0).lights()).containsExactly(new Light("BGP peer 1", true), new Light("BGP peer 2", false));
        assertThat(l.boxes().get(0).lines()).containsExactly("core-dxgw", "dxvif-fgq3x5k2 (VLAN 112, available)");
        assertThat(TopologySvg.write(new DoctorReport("c", "r", Instant.EPOCH, List.of(), new Topology(List.of(dx),
                List.of())))).contains(">BGP peer 2 DOWN<");
    }

    @Test
    void theSvgIsDrawnInTheWindowsTheme() throws IOException {
        String light = TopologySvg.write(NetworkFixtures.faulty(), false);
        String dark = TopologySvg.write(NetworkFixtures.faulty(), true);
        assertThat(light).isEqualTo(TopologySvg.write(NetworkFixtures.faulty()));
        assertThat(light).contains("fill=\"#ffffff\"/>", "fill=\"#1f2328\"");
        // dark: the canvas and boxes in Primer Dark's backgrounds, light text and lines, its own red for broken links
        assertThat(dark).containsPattern("<rect width=\"\\d+\" height=\"\\d+\" fill=\"#161b22\"/>")
                .contains("fill=\"#0d1117\" stroke=", "fill=\"#e6edf3\">", "fill=\"#8d96a0\">")
                .containsPattern("id=\"link:vpc-0a1b2c-&gt;tgw-0c2d3e\"[^>]*stroke=\"#f85149\"")
                .containsPattern("id=\"link:vpn-0aus-&gt;site:austin\"[^>]*stroke=\"#6e7681\"");
        for (String lightOnly : List.of("#ffffff", "#f6f8fa", "#1f2328", "#57606a", "#cf222e", "#ffebe9")) {
            assertThat(dark).as(lightOnly).doesNotContain(lightOnly);
        }
        assertThat(dark.replaceAll("#[0-9a-f]{6}", "")).isEqualTo(light.replaceAll("#[0-9a-f]{6}", ""));
        // both saved beside the window's screenshots, for a person to look at
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("topology-light.svg"), light);
        Files.writeString(dir.resolve("topology-dark.svg"), dark);
    }
}
