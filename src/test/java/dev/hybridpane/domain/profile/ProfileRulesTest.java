package dev.hybridpane.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.SupportMatrix;
import dev.hybridpane.domain.edge.SupportMatrix.SupportedOs;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileRulesTest {

    private static SupportedOs os(String label) {
        return SupportMatrix.OPERATING_SYSTEMS.stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }

    private static List<ProfileProblem> on(String field, List<ProfileProblem> problems) {
        return problems.stream().filter(p -> p.field().startsWith(field)).toList();
    }

    @Test
    void theFixtureIsValidWithoutWarnings() {
        assertThat(ProfileRules.validate(Profiles.layers())).isEmpty();
    }

    @Test
    void everyVersionOfTheOneTableIsAcceptedAndOthersAreRefusedWithTheList() {
        for (String v : SupportMatrix.KUBERNETES_VERSIONS) {
            assertThat(ProfileRules.kubernetesVersion(v)).as(v).isEmpty();
        }
        assertThat(ProfileRules.kubernetesVersion("1.27")).get().asString()
                .contains("1.27 is not a version nodeadm supports").contains(String.join(", ", SupportMatrix.KUBERNETES_VERSIONS));
        assertThat(ProfileRules.kubernetesVersion("v1.31.4")).get().asString().contains("Write the minor version, 1.31");
        assertThat(ProfileRules.kubernetesVersion("")).get().asString().startsWith("Choose a Kubernetes version");
        List<ProfileProblem> p = ProfileRules.validate(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.12")));
        assertThat(p).extracting(ProfileProblem::field, ProfileProblem::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kubernetes.version", Severity.ERROR));
    }

    @Test
    void aVersionNewerThanAControlPlaneNamesTheClusterAndBothVersions() {
        Map<String, String> cps = new LinkedHashMap<>();
        cps.put("retail-edge", "v1.31.7-eks-473151a");
        cps.put("payments", "1.33");
        List<ProfileProblem> p = ProfileRules.validate(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.32")), cps);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).isError()).isTrue();
        assertThat(p.get(0).field()).isEqualTo("kubernetes.version");
        assertThat(p.get(0).message()).contains("Kubernetes 1.32").contains("newer").contains("cluster retail-edge")
                .contains("(1.31)");
    }

    @Test
    void moreThanThreeMinorsOlderIsRefusedAndThreeIsAllowed() {
        List<ProfileProblem> four = ProfileRules.versionSkew("1.30", Map.of("payments", "1.34"));
        assertThat(four).singleElement().satisfies(x -> {
            assertThat(x.isError()).isTrue();
            assertThat(x.message()).contains("Kubernetes 1.30 is 4 minor versions older").contains("cluster payments")
                    .contains("(1.34)").contains("at most 3");
        });
        assertThat(ProfileRules.versionSkew("1.31", Map.of("payments", "1.34"))).isEmpty();
        assertThat(ProfileRules.versionSkew("1.31", Map.of("payments", "1.31"))).isEmpty();
        assertThat(ProfileRules.versionSkew("1.31", Map.of("odd", "latest"))).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void containerdSourceAgainstTheOsIsAWarningForTheProfileAndAnErrorForAPool() {
        ProfileLayers distro = Profiles.withKubernetes(Profiles.layers(), Profiles.withSource(CredentialProvider.SSM, ContainerdSource.DISTRO));
        assertThat(ProfileRules.validate(distro)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("kubernetes.containerdSource");
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("distro is invalid on RHEL 8, RHEL 9");
        });
        Map<String, SupportedOs> hosts = new LinkedHashMap<>();
        hosts.put("edge-01", os("Ubuntu 22.04"));
        hosts.put("edge-02", os("RHEL 9"));
        assertThat(ProfileRules.forPool(distro, Map.of(), hosts)).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.message()).contains("Host edge-02 runs RHEL 9").contains("containerd source distro is invalid");
        });
        ProfileLayers docker = Profiles.withKubernetes(Profiles.layers(), Profiles.withSource(CredentialProvider.SSM, ContainerdSource.DOCKER));
        assertThat(ProfileRules.validate(docker)).singleElement().satisfies(p ->
                assertThat(p.message()).contains("docker is invalid on Amazon Linux 2023"));
        assertThat(ProfileRules.forPool(docker, Map.of(), Map.of("store-1", os("Amazon Linux 2023"))))
                .singleElement().satisfies(p -> assertThat(p.isError()).isTrue());
        assertThat(ProfileRules.forPool(docker, Map.of(), Map.of("store-1", os("RHEL 9")))).isEmpty();
    }

    @Test
    void iamRolesAnywhereAgainstTheOsIsAWarningForTheProfileAndAnErrorForAPool() {
        ProfileLayers ra = Profiles.withKubernetes(Profiles.layers(), Profiles.withSource(CredentialProvider.IAM_RA, ContainerdSource.NONE));
        assertThat(ProfileRules.validate(ra)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("kubernetes.credentialProvider");
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("Ubuntu 20.04").contains("RHEL 8").doesNotContain("RHEL 9");
        });
        Map<String, SupportedOs> hosts = new LinkedHashMap<>();
        hosts.put("a", os("Ubuntu 20.04"));
        hosts.put("b", os("RHEL 8"));
        hosts.put("c", os("RHEL 9"));
        assertThat(ProfileRules.forPool(ra, Map.of(), hosts)).extracting(ProfileProblem::message)
                .containsExactly("Host a runs Ubuntu 20.04, where IAM Roles Anywhere (iam-ra) is not supported; use ssm.",
                        "Host b runs RHEL 8, where IAM Roles Anywhere (iam-ra) is not supported; use ssm.");
        ProfileLayers ssm = Profiles.layers();
        assertThat(ProfileRules.forPool(ssm, Map.of(), hosts)).isEmpty();
    }

    @Test
    void hostnameOverrideIsRefusedInNodeadmsWords() {
        List<ProfileProblem> p = KubeletFlagRules.check(List.of("--v=2", "--hostname-override=edge-01"));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("kubernetes.kubeletFlags[1]");
            assertThat(x.isError()).isTrue();
            assertThat(x.message()).contains("\"hostname-override kubelet flag is not supported for hybrid nodes but found override: edge-01\"");
        });
        assertThat(KubeletFlagRules.check(List.of("--hostname-override"))).hasSize(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--node-labels=hybridpane.dev/pool=store-pos,tier=edge | ok",
            "--node-labels=node.kubernetes.io/role=pos               | ok",
            "--node-labels=a.kubelet.kubernetes.io/x=y               | ok",
            "--node-labels=topology.kubernetes.io/zone=dallas        | ok",
            "--node-labels=empty=                                    | ok",
            "--node-labels=node-role.kubernetes.io/worker=           | kubelet refuses node-role.kubernetes.io/worker",
            "--node-labels=example.k8s.io/x=y                        | kubelet refuses example.k8s.io/x",
            "--node-labels=tier                                      | is not a label: write key=value",
            "--node-labels=-bad=x                                    | the name must be at most 63",
            "--node-labels=Bad_Prefix/x=y                            | prefix before '/' must be a DNS subdomain",
            "--node-labels=a/b/c=y                                   | more than one '/'",
            "--node-labels=tier=edge!                                | value 'edge!' must be",
            "--node-labels=tier=a,tier=b                             | given twice",
            "--node-labels                                           | needs labels",
            "--register-with-taints=dedicated=pos:NoSchedule         | ok",
            "--register-with-taints=gpu:NoExecute,x=y:PreferNoSchedule | ok",
            "--register-with-taints=dedicated=pos:NoScheduled        | effect 'NoScheduled' is not",
            "--register-with-taints=dedicated=pos                    | not a taint",
            "--register-with-taints=a:b:NoSchedule                   | not a taint",
            "--register-with-taints==pos:NoSchedule                  | Taint key '' is empty",
            "--register-with-taints=dedicated=p@s:NoSchedule         | value 'p@s' must be",
            "max-pods=110                                            | is not a kubelet flag",
            "'--node-labels=a=b c=d'                                 | white space",
    })
    void labelsAndTaintsUseKubernetesSyntax(String flag, String expected) {
        List<ProfileProblem> p = KubeletFlagRules.check(List.of(flag));
        if (expected.equals("ok")) {
            assertThat(p).isEmpty();
        } else {
            assertThat(p).isNotEmpty().allMatch(ProfileProblem::isError);
            assertThat(p).extracting(ProfileProblem::message).anyMatch(m -> m.contains(expected));
        }
    }

    @Test
    void containerdTomlMustParse() {
        String good = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n  default_runtime_name = \"runc\"\n";
        assertThat(TextFormats.tomlProblem(good)).isEmpty();
        assertThat(TextFormats.tomlProblem("")).isEmpty();
        assertThat(TextFormats.tomlProblem("version = 2\n[plugins\nx = 1\n")).get().asString()
                .startsWith("The containerd configuration is not valid TOML");
        assertThat(TextFormats.tomlProblem("a = 1\na = 2\n")).as("a duplicate key is invalid TOML").isPresent();
        List<ProfileProblem> p = ProfileRules.validate(Profiles.withKubernetes(Profiles.layers(), Profiles.withToml("version = = 2")));
        assertThat(p).extracting(ProfileProblem::field).containsExactly("kubernetes.containerdConfig");
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', value = {
            "'#cloud-config\\nruncmd:\\n  - echo hi\\n'                               | ok",
            "'#cloud-config\\n'                                                        | ok",
            "'#!/bin/bash\\necho hi\\n'                                                | must begin with the line #cloud-config",
            "'#cloud-config\\nruncmd: [echo hi\\n'                                     | not valid YAML",
            "'#cloud-config\\n- a\\n- b\\n'                                           | not a list",
            "'#cloud-config\\nwrite_files:\\n  path: /x\\n'                            | write_files must be a list",
            "'#cloud-config\\nwrite_files:\\n  - content: x\\n'                        | write_files[0] needs a path",
            "'#cloud-config\\nwrite_files:\\n  - path: etc/x\\n'                       | must be absolute",
            "'#cloud-config\\nwrite_files:\\n  - path: /x\\n    permissions: rw\\n'    | must be octal",
            "'#cloud-config\\nwrite_files:\\n  - path: /x\\n    encoding: zip\\n'      | encoding 'zip' is not one of",
            "'#cloud-config\\nwrite_files:\\n  - path: /x\\n    append: yes-please\\n' | append: must be true or false",
            "'#cloud-config\\nwrite_files:\\n  - path: /x\\n    content: [a]\\n'       | content: must be text",
            "'#cloud-config\\nruncmd: echo hi\\n'                                      | runcmd must be a list",
            "'#cloud-config\\nruncmd:\\n  - {a: b}\\n'                                | runcmd[0] must be a shell command",
            "'#cloud-config\\nruncmd:\\n  - [ls, 3]\\n'                               | a list holding other values",
    })
    void cloudConfigMustParseWithItsShapes(String escaped, String expected) {
        String text = escaped.replace("\\n", "\n");
        List<ProfileProblem> p = TextFormats.cloudConfigProblems("os.cloudConfig", text);
        if (expected.equals("ok")) {
            assertThat(p).isEmpty();
        } else {
            assertThat(p).extracting(ProfileProblem::message).anyMatch(m -> m.contains(expected));
            assertThat(p).allMatch(ProfileProblem::isError);
        }
    }

    @Test
    void unknownWriteFilesKeysAreWarningsAndValidShapesPass() {
        String text = "#cloud-config\nwrite_files:\n  - path: /etc/x\n    content: aGk=\n    encoding: b64\n"
                + "    permissions: '0600'\n    owner: root:root\n    defer: true\n    mode: 7\n"
                + "runcmd:\n  - [systemctl, enable, chronyd]\n  - echo done\n";
        assertThat(TextFormats.cloudConfigProblems("os.cloudConfig", text)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("'mode'");
        });
        List<ProfileProblem> onProfile = ProfileRules.validate(Profiles.withOs(Profiles.layers(),
                Profiles.cloudConfig("runcmd:\n  - x\n")));
        assertThat(on("os.cloudConfig", onProfile)).singleElement().satisfies(p -> assertThat(p.isError()).isTrue());
    }

    @Test
    void agentModeFieldsAreChecked() {
        OsLayer os = OsLayer.agent(List.of("htop", "htop", "bad name"), List.of("pool.ntp.org", "300.1.1.1", ""),
                Map.of("net.ipv4.ip_forward", "0", "bad key!", "1", "fs.file-max", " "),
                List.of(new ExtraFile("etc/x", "", "0644"), new ExtraFile("/etc/y", "", "rw-r--r--"),
                        new ExtraFile("/etc/z/../passwd", "", "644")), "");
        List<ProfileProblem> p = ProfileRules.validate(Profiles.withOs(Profiles.layers(), os));
        assertThat(on("os.packages[1]", p)).singleElement().satisfies(x -> assertThat(x.message()).contains("twice"));
        assertThat(on("os.packages[2]", p)).singleElement().satisfies(x -> assertThat(x.message()).contains("not a package name"));
        assertThat(on("os.ntpServers[0]", p)).isEmpty();
        assertThat(on("os.ntpServers[1]", p)).singleElement().satisfies(x -> assertThat(x.message()).contains("IPv4"));
        assertThat(on("os.ntpServers[2]", p)).singleElement().satisfies(x -> assertThat(x.message()).contains("empty"));
        assertThat(on("os.sysctl[\"net.ipv4.ip_forward\"]", p)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("nodeadm sets net.ipv4.ip_forward=1");
        });
        assertThat(on("os.sysctl[\"bad key!\"]", p)).singleElement().satisfies(x -> assertThat(x.isError()).isTrue());
        assertThat(on("os.sysctl[\"fs.file-max\"]", p)).singleElement().satisfies(x -> assertThat(x.message()).contains("value"));
        assertThat(on("os.files[0].path", p)).hasSize(1);
        assertThat(on("os.files[1].permissions", p)).hasSize(1);
        assertThat(on("os.files[2].path", p)).hasSize(1);
        assertThat(on("os.files[2].permissions", p)).as("644 is octal").isEmpty();
    }

    @Test
    void applianceModeNeedsAnImageReferenceAndNothingOfAgentMode() {
        ProfileLayers base = Profiles.layers();
        assertThat(ProfileRules.validate(Profiles.withOs(base, OsLayer.appliance("registry.example.com:5000/edge/ubuntu-nodeadm:1.31"))))
                .isEmpty();
        assertThat(ProfileRules.validate(Profiles.withOs(base, OsLayer.appliance("reg.example.com/edge/u@sha256:"
                + "a".repeat(64))))).isEmpty();
        assertThat(ProfileRules.validate(Profiles.withOs(base, OsLayer.appliance("")))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("needs the provider image"));
        assertThat(ProfileRules.validate(Profiles.withOs(base, OsLayer.appliance("Edge/Ubuntu:1.31")))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("is not an image reference"));
        assertThat(ProfileRules.validate(Profiles.withOs(base, OsLayer.appliance("reg.example.com/edge/ubuntu"))))
                .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        OsLayer mixed = new OsLayer(OsMode.APPLIANCE, List.of("vim"), List.of(), Map.of(), List.of(), "", "r.io/a:1");
        assertThat(ProfileRules.validate(Profiles.withOs(base, mixed))).extracting(ProfileProblem::field).containsExactly("os.mode");
        OsLayer agentWithImage = new OsLayer(OsMode.AGENT, List.of(), List.of(), Map.of(), List.of(), "", "r.io/a:1");
        assertThat(ProfileRules.validate(Profiles.withOs(base, agentWithImage))).extracting(ProfileProblem::field).containsExactly("os.image");
    }

    @Test
    void networkLayerRules() {
        ProfileLayers base = Profiles.layers();
        assertThat(ProfileRules.validate(Profiles.withNetwork(base, new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of(), false))))
                .extracting(ProfileProblem::field).containsExactly("network.podCidrs");
        List<ProfileProblem> p = ProfileRules.validate(Profiles.withNetwork(base,
                new NetworkLayer(CniKind.CALICO, "three", false, List.of("10.201.0.0/16", "10.201.128.0/17", "8.8.8.0/24"), true)));
        assertThat(p).extracting(ProfileProblem::field, ProfileProblem::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("network.version", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("network.hybridAffinity", Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple("network.podCidrs[1]", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("network.podCidrs[2]", Severity.ERROR));
        assertThat(ProfileRules.validate(Profiles.withNetwork(base, new NetworkLayer(CniKind.CUSTOM, "", false, List.of(), false))))
                .as("a custom CNI is a placeholder").isEmpty();
    }

    @Test
    void podCidrsMustLieWithinTheClustersRemotePodNetworks() {
        NetworkLayer n = new NetworkLayer(CniKind.CILIUM, "1.17.6", true, List.of("10.201.0.0/17", "10.202.0.0/16"), false);
        assertThat(ProfileRules.podCidrsAgainstCluster(n, "retail-edge", List.of("10.201.0.0/16"))).singleElement()
                .satisfies(x -> {
                    assertThat(x.field()).isEqualTo("network.podCidrs[1]");
                    assertThat(x.message()).contains("10.202.0.0/16").contains("retail-edge").contains("10.201.0.0/16");
                });
        assertThat(ProfileRules.podCidrsAgainstCluster(n, "payments", List.of())).hasSize(2)
                .allSatisfy(x -> assertThat(x.message()).contains("it has none"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"store-pos", "a", "gpu.v2", "x1"})
    void validNames(String name) {
        assertThat(ProfileRules.name(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Store", "-a", "a-", "a_b", "a b"})
    void invalidNames(String name) {
        assertThat(ProfileRules.name(name)).isPresent();
    }
}
