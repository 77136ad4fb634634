package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile commands in-process against one lab that they share: apply, export, apply unchanged, diff, skew, not imported. */
class CliProfileTest {
    static final String NAME = "clitest-store-pos";
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};

    @TempDir
    Path dir;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void start() {
        ProfileEnvironment.sharedLab = Lab.start(LabWorld.load(), null);
    }

    @AfterAll
    static void stop() {
        Lab lab = ProfileEnvironment.sharedLab;
        ProfileEnvironment.sharedLab = null;
        lab.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return HybridPaneCommand.commandLine(args).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    private int onRetail(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RETAIL));
        return run(all.toArray(String[]::new));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    static String yaml(String k8s) {
        return ProfileMapper.toYaml(ClusterProfile.create(NAME, new ProfileLayers(
                OsLayer.agent(List.of("curl"), List.of("time.aws.com"), Map.of(), List.of(), ""),
                KubernetesLayer.of(k8s, CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false)),
                Instant.parse("2026-12-01T10:00:00Z"), "test"));
    }

    private JsonNode versions() throws Exception {
        assertThat(onRetail("profile", "show", NAME, "-o", "json")).as(err.toString()).isZero();
        JsonNode show = new ObjectMapper().readTree(out.toString());
        assertThat(show.get("name").asText()).isEqualTo(NAME);
        return show.get("versions");
    }

    @Test
    void applyExportApplyUnchangedNewVersionDiffAndSkew() throws Exception {
        assertThat(onRetail("profile", "apply", "-f", file("v1.yaml", yaml("1.30")).toString(), "--apply"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("New profile " + NAME, "OK: stored version 1 of " + NAME + " in retail-edge.");

        assertThat(onRetail("profile", "export", NAME)).as(err.toString()).isZero();
        Path exported = file("exported.yaml", out.toString());
        assertThat(onRetail("profile", "apply", "-f", exported.toString(), "--apply")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("unchanged", "Nothing was stored.");
        assertThat(versions()).hasSize(1);

        Path v131 = file("v131.yaml", yaml("1.31"));
        assertThat(onRetail("profile", "apply", "-f", v131.toString(), "--plan")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("kubernetes.version: 1.30 → 1.31", "Nothing was changed (--plan).");
        assertThat(versions()).hasSize(1);

        assertThat(onRetail("profile", "apply", "-f", v131.toString(), "--apply")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("OK: stored version 2 of " + NAME);
        JsonNode versions = versions();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("kubernetes").get("version").asText()).isEqualTo("1.31");
        assertThat(versions.get(0).get("kubernetes").get("version").asText()).isEqualTo("1.30");

        assertThat(onRetail("profile", "show", NAME, "--version", "1", "-o", "json")).as(err.toString()).isZero();
        JsonNode one = new ObjectMapper().readTree(out.toString()).get("versions");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("kubernetes").get("version").asText()).isEqualTo("1.30");

        assertThat(onRetail("profile", "diff", NAME, "1", "2")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("kubernetes.version: 1.30 → 1.31");

        assertThat(onRetail("profile", "list", "-o", "json")).as(err.toString()).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.toString());
        assertThat(rows.findValuesAsText("name")).contains(NAME);
        // the lab's seeded pools: store-pos runs pos-iam-ra version 1, and version 2 exists
        JsonNode pos = null;
        for (JsonNode r : rows) {
            pos = r.get("name").asText().equals("pos-iam-ra") ? r : pos;
        }
        assertThat(pos).isNotNull();
        assertThat(pos.get("poolsByVersion").get("1").get(0).asText()).isEqualTo("store-pos");
        assertThat(pos.get("updateAvailable").get(0).asText()).isEqualTo("store-pos");
        assertThat(onRetail("profile", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("v1: store-pos (update available: store-pos)");

        // retail-edge's control plane is 1.31: a 1.32 kubelet is refused, naming both, and nothing is stored
        assertThat(onRetail("profile", "apply", "-f", file("v132.yaml", yaml("1.32")).toString(), "--apply")).isEqualTo(2);
        assertThat(err.toString()).contains("1.32", "(1.31)", "retail-edge");
        assertThat(versions()).hasSize(2);
    }

    @Test
    void badFilesAreOneLineWithExitTwo() throws Exception {
        assertThat(onRetail("profile", "apply", "-f", file("bad.yaml", "apiVersion: [unclosed").toString(), "--apply"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("invalid: ");
        String typo = yaml("1.31").replace("kubernetes:", "kubernetess:");
        assertThat(onRetail("profile", "apply", "-f", file("typo.yaml", typo).toString(), "--apply")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("kubernetes");
        assertThat(onRetail("profile", "show", "clitest-no-such-profile")).isEqualTo(2);
        assertThat(err.toString()).contains("no profile clitest-no-such-profile");
    }

    @Test
    void aClusterThatWasNeverImportedSaysSoWithExitOne() {
        assertThat(run("profile", "list", "--lab", "--cluster", "payments", "--region", "us-west-2")).isEqualTo(1);
        assertThat(err.toString()).contains("payments is not imported into HybridPane yet");
    }
}
