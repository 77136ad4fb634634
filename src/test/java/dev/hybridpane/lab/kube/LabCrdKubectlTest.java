package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl and custom resources: a kind without its CRD is unknown to it, as on a real cluster, and an
 * object that breaks the CRD's schema is refused with the apiserver's field errors. (kubectl runs with
 * --validate=false: the lab serves no OpenAPI documents, which kubectl's client-side validation downloads.)
 */
class LabCrdKubectlTest {
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static LabKube lab;
    @TempDir
    static Path dir;
    static Path kubeconfig;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at /usr/bin/kubectl");
        lab = new LabKube(LabWorld.load());
        lab.start();
        kubeconfig = lab.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static final String EDGE_HOST = """
            apiVersion: hybridpane.dev/v1alpha1
            kind: EdgeHost
            metadata:
              name: h1
              namespace: hybridpane-system
            spec:
              address: 10.0.0.1
            """;

    @Test
    void anEdgeHostOnANeverImportedClusterHasNoResourceMapping() throws Exception {
        Path file = Files.writeString(dir.resolve("eh.yaml"), EDGE_HOST);
        Result create = kubectl("payments", "create", "--validate=false", "-f", file.toString());
        assertThat(create.exit()).isEqualTo(1);
        assertThat(create.out()).contains("error: resource mapping not found for name: \"h1\" namespace: \"hybridpane-system\" from \""
                + file + "\": no matches for kind \"EdgeHost\" in version \"hybridpane.dev/v1alpha1\"")
                .contains("ensure CRDs are installed first");
        Result get = kubectl("payments", "get", "edgehosts");
        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.out()).contains("error: the server doesn't have a resource type \"edgehosts\"");
        Result raw = kubectl("payments", "get", "--raw", "/apis/hybridpane.dev/v1alpha1/namespaces/hybridpane-system/edgehosts");
        assertThat(raw.out()).contains("Error from server (NotFound): the server could not find the requested resource");

        // the imported cluster serves the kind
        Result ok = kubectl("retail-edge", "create", "--validate=false", "-f", file.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("edgehost.hybridpane.dev/h1 created");
        assertThat(kubectl("retail-edge", "delete", "eh", "h1", "-n", "hybridpane-system").exit()).isZero();
    }

    @Test
    void aSchemaViolationIsPrintedAsTheApiServerSaysIt() throws Exception {
        Path crd = Files.writeString(dir.resolve("crd.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: gizmos.example.com
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Gizmo, listKind: GizmoList, plural: gizmos, singular: gizmo}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            required: [size]
                            properties:
                              size: {type: integer}
                              color: {type: string, enum: [red, blue]}
                """);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: g1, namespace: default}
                spec: {color: green}
                """);
        assertThat(kubectl("factory-floor", "create", "--validate=false", "-f", crd.toString()).exit()).isZero();
        assertThat(kubectl("factory-floor", "wait", "--for", "condition=established", "crd/gizmos.example.com").out())
                .contains("condition met");
        Result r = kubectl("factory-floor", "create", "--validate=false", "-f", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("The Gizmo \"g1\" is invalid:", "* spec.size: Required value",
                "* spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"");
        assertThat(kubectl("factory-floor", "delete", "crd", "gizmos.example.com").exit()).isZero();
        // kubectl still has the kind in its discovery cache: the server itself now answers 404
        Result gone = kubectl("factory-floor", "get", "gizmos");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.out()).contains("Error from server (NotFound): Unable to list \"example.com/v1, Resource=gizmos\": "
                + "the server could not find the requested resource");
    }

    record Result(int exit, String out) {
    }

    private static Result kubectl(String context, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "--context", context + LabKube.STATIC_SUFFIX,
                "--cache-dir", dir.resolve("cache").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
