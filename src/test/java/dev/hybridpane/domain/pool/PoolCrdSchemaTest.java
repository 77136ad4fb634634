package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.profile.KubeletFlagRules;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HybridNodePool CRD in the import manifest agrees with what PoolMapper writes and PoolRules allows. */
class PoolCrdSchemaTest {
    private static JsonNode version;

    @BeforeAll
    static void read() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = PoolCrdSchemaTest.class.getResourceAsStream("/dev/hybridpane/manifest/hybridpane-system.yaml")) {
            for (JsonNode doc : yaml.readerFor(JsonNode.class).<JsonNode>readValues(in).readAll()) {
                if ("hybridnodepools.hybridpane.dev".equals(doc.path("metadata").path("name").asText())) {
                    version = doc.path("spec").path("versions").get(0);
                }
            }
        }
        assertThat(version).as("the HybridNodePool CRD").isNotNull();
    }

    private static JsonNode spec() {
        return version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void onlySiteAndProfileAreRequiredAndNothingIsPreservedBlindly() {
        assertThat(texts(spec().path("required"))).containsExactly("site", "profile");
        assertThat(texts(spec().path("properties").path("profile").path("required"))).containsExactly("name", "version");
        assertThat(spec().has("x-kubernetes-preserve-unknown-fields")).isFalse();
        assertThat(spec().path("properties").path("profile").path("properties").path("version").path("minimum").asInt())
                .isEqualTo(1);
    }

    @Test
    void everyFieldPoolMapperWritesIsInTheSchema() {
        Map<String, Object> written = PoolMapper.toSpec(Pools.edgeGpu());
        assertThat(spec().path("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(written.keySet());
        JsonNode taint = spec().path("properties").path("taints").path("items").path("properties");
        assertThat(List.of("key", "value", "effect")).allMatch(taint::has);
        JsonNode host = spec().path("properties").path("hosts").path("items").path("properties");
        assertThat(List.of("host", "vpnServerIp")).allMatch(host::has);
        assertThat(texts(spec().path("properties").path("hosts").path("items").path("required"))).containsExactly("host");
    }

    @Test
    void enumsAreTheRulesOwn() {
        JsonNode effect = spec().path("properties").path("taints").path("items").path("properties").path("effect");
        assertThat(texts(effect.path("enum"))).containsExactlyInAnyOrderElementsOf(KubeletFlagRules.TAINT_EFFECTS);
        assertThat(texts(spec().path("properties").path("architecture").path("enum")))
                .containsExactlyInAnyOrderElementsOf(PoolRules.ARCHITECTURES);
    }

    @Test
    void thePatternsAcceptWhatTheRulesAcceptAndRefuseABadAddress() {
        JsonNode host = spec().path("properties").path("hosts").path("items").path("properties");
        Pattern ip = Pattern.compile(host.path("vpnServerIp").path("pattern").asText());
        assertThat(ip.matcher("10.200.1.1").find()).isTrue();
        assertThat(ip.matcher("255.255.255.255").find()).isTrue();
        assertThat(ip.matcher("10.200.1").find()).isFalse();
        assertThat(ip.matcher("10.200.1.256").find()).isFalse();
        Pattern name = Pattern.compile(host.path("host").path("pattern").asText());
        assertThat(name.matcher("dallas-01").find()).isTrue();
        assertThat(name.matcher("Dallas_01").find()).isFalse();
        assertThat(Pattern.compile(spec().path("properties").path("site").path("pattern").asText()).matcher("dallas-dc").find())
                .isTrue();
    }

    @Test
    void statusIsASubresourceWithItsFieldsAndThePrinterColumnsShowThePool() {
        assertThat(version.path("subresources").has("status")).isTrue();
        JsonNode status = version.path("schema").path("openAPIV3Schema").path("properties").path("status");
        assertThat(status.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(status.path("properties").has("phase")).isTrue();
        assertThat(status.path("properties").path("nodes").path("properties").has("ready")).isTrue();
        assertThat(status.path("properties").path("nodes").path("properties").has("total")).isTrue();
        assertThat(status.path("properties").has("conditions")).isTrue();
        assertThat(status.path("properties").path("observedGeneration").path("type").asText()).isEqualTo("integer");
        ArrayNode columns = (ArrayNode) version.path("additionalPrinterColumns");
        assertThat(StreamSupport.stream(columns.spliterator(), false).map(c -> c.path("name").asText() + "="
                + c.path("jsonPath").asText())).startsWith("SITE=.spec.site", "PROFILE=.spec.profile.name",
                "VERSION=.spec.profile.version", "READY=.status.ready", "PHASE=.status.phase");
    }
}
