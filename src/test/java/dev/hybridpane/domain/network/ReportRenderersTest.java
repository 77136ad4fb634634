package dev.hybridpane.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRenderersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonListsEveryCheckWithIdStatusEvidenceAndFix() throws Exception {
        JsonNode root = JSON.readTree(ReportJson.render(SampleReports.faulty()));
        assertThat(root.get("cluster").asText()).isEqualTo("warehouse-edge");
        assertThat(root.get("status").asText()).isEqualTo("fail");
        assertThat(root.get("counts").get("fail").asInt()).isEqualTo(3);
        assertThat(root.get("counts").get("warn").asInt()).isEqualTo(1);
        assertThat(root.get("counts").get("unknown").asInt()).isEqualTo(1);
        assertThat(root.get("counts").get("pass").asInt()).isEqualTo(1);
        JsonNode checks = root.get("checks");
        assertThat(checks).hasSize(6);
        List<String> ids = new ArrayList<>();
        for (JsonNode c : checks) {
            assertThat(c.has("id") && c.has("status") && c.has("evidence") && c.has("fix")).as(c.toString()).isTrue();
            assertThat(c.get("evidence").isArray()).isTrue();
            ids.add(c.get("id").asText());
        }
        assertThat(ids).containsExactly(SampleReports.TGW, SampleReports.ROUTE, SampleReports.TUNNEL, SampleReports.HTTPS,
                "aws.dx@vpc-0e5", SampleReports.FIREWALL);
        JsonNode route = checks.get(1);
        assertThat(route.get("status").asText()).isEqualTo("fail");
        assertThat(route.get("evidence").get(0).asText()).isEqualTo("rtb-0a1: 10.210.0.0/16 → tgw-0d4 (active)");
        assertThat(route.get("fix").get("automatic").asBoolean()).isTrue();
        assertThat(route.get("fix").get("action").asText()).isEqualTo("create-route");
        assertThat(JSON.convertValue(route.get("fix").get("params"), Map.class)).containsEntry("targetId", "tgw-0d4")
                .containsEntry("destinationCidr", "10.211.0.0/16").hasSize(4);
        assertThat(checks.get(0).get("fix").isNull()).isTrue();
        assertThat(checks.get(2).get("fix").get("snippet").asText()).isEqualTo(SampleReports.IPSEC_SNIPPET);
        assertThat(checks.get(4).get("status").asText()).isEqualTo("unknown");
        assertThat(checks.get(4).get("summary").asText()).isEqualTo("unknown: missing permission directconnect:DescribeVirtualInterfaces");
        JsonNode links = root.get("topology").get("links");
        assertThat(links.get(0).get("id").asText()).isEqualTo("vpc-0e5->tgw-0d4");
        assertThat(links.get(0).get("status").asText()).isEqualTo("fail");
        assertThat(links.get(1).get("status").asText()).isEqualTo("warn");
    }

    @Test
    void jsonKeepsHostileTextAsData() throws Exception {
        JsonNode c = JSON.readTree(ReportJson.render(SampleReports.hostile())).get("checks").get(0);
        assertThat(c.get("summary").asText()).isEqualTo("<script>alert('x')</script> & \"q\" | `tick` *star*");
    }

    @Test
    void htmlEscapesEveryTextOfTheReport() {
        String html = ReportHtml.render(SampleReports.hostile());
        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<rtb>").doesNotContain("c<1>")
                .doesNotContain("'<b>'");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("aws.routes@&lt;rtb&gt;").contains("c&lt;1&gt;")
                .contains("r&amp;1").contains("echo &#39;&lt;b&gt;&#39;");
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }

    @Test
    void htmlHasATablePerAreaAndTheDetailsOfWhatDoesNotPass() {
        String html = ReportHtml.render(SampleReports.faulty());
        assertThat(count(html, "<table>")).isEqualTo(2);
        assertThat(html).contains("<h2>AWS</h2>").contains("<h2>Hosts</h2>");
        assertThat(count(html, "<h3>")).isEqualTo(5);
        assertThat(html).contains("sudo firewall-cmd --permanent --add-port=10250/tcp\nsudo firewall-cmd");
        assertThat(html).contains("<li class=\"fail\">vpc-0e5 → tgw-0d4 (attachment): <code>" + SampleReports.ROUTE + "</code></li>");
    }

    @Test
    void markdownTablesKeepTheirColumnsAndSnippetsCopyAsTheyAre() {
        String md = ReportMarkdown.render(SampleReports.hostile());
        String row = md.lines().filter(l -> l.startsWith("| ❌")).findFirst().orElseThrow();
        // four columns: five pipes that are not escaped
        assertThat(row.replace("\\|", "").chars().filter(ch -> ch == '|').count()).isEqualTo(5);
        assertThat(row).doesNotContain("<script>").contains("&lt;script&gt;").contains("\\*star\\*");
        // outside code blocks no raw HTML is left; inside them, text is shown as it is
        String outsideCode = md.replaceAll("(?s)(`{3,})[a-z]*\n.*?\n\\1\n", "");
        assertThat(outsideCode).doesNotContain("<script>").doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(md).contains("````\n<script>alert('x')</script> & \"q\" | `tick` *star*\n```\n````");
        // the snippet holds ``` so its fence is longer, and inside it stays verbatim
        assertThat(md).contains("````sh\necho '<b>' ``` | tee x\n````");
        String faulty = ReportMarkdown.render(SampleReports.faulty());
        assertThat(faulty).contains("## AWS").contains("## Hosts").contains("```sh\n" + SampleReports.IPSEC_SNIPPET + "\n```");
        assertThat(faulty).contains("- ❌ vpc-0e5 → tgw-0d4 (attachment): `" + SampleReports.ROUTE + "`");
        assertThat(faulty).startsWith("# Network doctor: warehouse-edge (eu-central-1)\n\n**FAIL**: 3 failed, 1 warning, 1 unknown, 1 passed");
    }

    @Test
    void textShowsEvidenceAndFixesOfWhatDoesNotPassOnly() {
        String text = ReportText.render(SampleReports.faulty());
        assertThat(text).startsWith("Network doctor: warehouse-edge (eu-central-1), 2026-12-07T14:00:00Z\n"
                + "FAIL: 3 failed, 1 warning, 1 unknown, 1 passed\n");
        assertThat(text).contains("  ✗  vpc-0e5 → tgw-0d4 (attachment): " + SampleReports.ROUTE + "\n");
        assertThat(text).contains("  ok vpn-0b2 → munich (IPsec)\n").contains("  !  tgw-0d4 → vpn-0b2 (VPN): " + SampleReports.TUNNEL + "\n");
        assertThat(text).contains("  FAIL    Route to remote pod network: rtb-0a1 has no route for the remote pod network 10.211.0.0/16.\n"
                + "          " + SampleReports.ROUTE + "\n          | rtb-0a1: 10.210.0.0/16 → tgw-0d4 (active)\n");
        assertThat(text).contains("fix (automatic, create-route): Add the route to tgw-0d4");
        assertThat(text).contains("            leftsubnet=10.210.0.0/16,10.211.0.0/16\n");
        // a passing check: one line, no evidence
        assertThat(text).contains("  PASS    Transit gateway attachment").doesNotContain("tgw-attach-1: available");
        assertThat(text.indexOf("\nAWS\n")).isLessThan(text.indexOf("\nHosts\n"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
