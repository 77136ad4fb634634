package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab reads the console's import manifest without SnakeYAML, and reads it as SnakeYAML does. */
class LabImportedFootprintTest {
    @Test
    void theManifestReadsAsJacksonYamlReadsIt() {
        String text = LabImportedFootprint.text();
        List<JsonNode> fast = LabManifestYaml.documents(text);
        List<JsonNode> reference = LabImportedFootprint.withJackson(text);
        assertThat(fast).hasSize(9).isEqualTo(reference);
        assertThat(LabImportedFootprint.objects()).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .containsExactly("Namespace/hybridpane-system", "CustomResourceDefinition/clusterprofiles.hybridpane.dev",
                        "CustomResourceDefinition/sites.hybridpane.dev", "CustomResourceDefinition/edgehosts.hybridpane.dev",
                        "CustomResourceDefinition/hybridnodepools.hybridpane.dev", "ClusterRole/hybridpane-admin",
                        "ClusterRole/hybridpane-viewer", "ClusterRoleBinding/hybridpane-admin", "ClusterRoleBinding/hybridpane-viewer");
    }

    @Test
    void plainBlockYamlAndItsFlowsMatchJackson() {
        String yaml = """
                # comment
                a: 1
                b: "x: y"
                c: 'it''s'
                d: [x, "y", 3, true]
                e: {}
                f: {k: v, n: 2}
                g:
                - name: one
                  list:
                    - p
                    - q
                - two
                h:
                  i: null
                  j: ~
                  k:
                ---
                - 1
                - -2
                """;
        assertThat(LabManifestYaml.documents(yaml)).isEqualTo(LabImportedFootprint.withJackson(yaml));
    }

    @Test
    void whatItDoesNotReadItRefuses() {
        for (String yaml : List.of("a: &x 1\nb: *x\n", "a: |\n  text\n", "a: 1.5\n", "a: yes\n", "a: b # c\n", "a: [1, [2]]\n",
                "a: !tag x\n", "a:\n\t- x\n")) {
            assertThatThrownBy(() -> LabManifestYaml.documents(yaml)).as(yaml).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
