package dev.hybridpane.lab.edge;

import static dev.hybridpane.lab.edge.LabTestHosts.put;
import static dev.hybridpane.lab.edge.LabTestHosts.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each nodeadm refusal with nodeadm's words and exit code, and the benign exit-0 no-ops. */
class LabNodeadmRefusalsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LabEdgeHosts lab;

    @BeforeAll
    static void start() {
        lab = LabTestHosts.start(new FakeNodeadmBackend());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /** The fatal line's error, after checking the line is zap's JSON with level fatal and msg "Command failed". */
    static String fatal(LabEdgeHosts.HostCommandResult r) {
        assertThat(r.exit()).as(r.stderr()).isEqualTo(1);
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("{\"level\":\"fatal\",\"ts\":\"").contains("\"caller\":", "\"msg\":\"Command failed\"");
        try {
            return JSON.readTree(last).path("error").asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + last, e);
        }
    }

    @Test
    void withoutSudoEverySubcommandButConfigCheckMustRunAsRoot() {
        for (String c : new String[] {"nodeadm install 1.31 -p ssm", "nodeadm init -c file:///etc/x.yaml",
                "nodeadm upgrade 1.31 -c file:///etc/x.yaml", "nodeadm uninstall"}) {
            assertThat(fatal(run(lab, "ubu", c))).as(c).isEqualTo("must run as root");
        }
        assertThat(run(lab, "ubu", "nodeadm version").stdout()).isEqualTo("v1.0.6\n");
    }

    @Test
    void installFlagsVersionsAndContainerdSources() {
        var noProvider = run(lab, "ubu", "sudo -n nodeadm install 1.31");
        assertThat(noProvider.exit()).isEqualTo(2);
        assertThat(noProvider.stderr()).contains("Usage:", "-p --credential-provider")
                .endsWith("--credential-provider is a required flag. Allowed values are ssm & iam-ra\n");
        assertThat(run(lab, "ubu", "sudo -n nodeadm install -p ssm").exit()).as("no version").isEqualTo(2);
        assertThat(run(lab, "ubu", "sudo -n nodeadm -d install 1.31").exit()).as("global -d, then the missing -p").isEqualTo(2);
        assertThat(run(lab, "ubu", "sudo -n nodeadm install 1.31 -p ssm --frobnicate").stderr())
                .endsWith("Unknown arguments supplied:  --frobnicate\n");
        assertThat(fatal(run(lab, "ubu", "sudo -n nodeadm install 1.31 -p kerberos")))
                .isEqualTo("invalid credential process provided. Valid options are ssm and iam-ra");
        assertThat(fatal(run(lab, "ubu", "sudo -n nodeadm install 1.31 --credential-provider ssm --containerd-source podman")))
                .isEqualTo("invalid containerd source: podman");
        for (String v : new String[] {"1.25", "1.31.99", "2.0", "latest"}) {
            assertThat(fatal(run(lab, "ubu", "sudo -n nodeadm install " + v + " -p ssm"))).as(v)
                    .isEqualTo("input semver did not match with any available releases");
        }
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm install 1.31 -p iam-ra -s docker"))).isEqualTo("docker source for "
                + "containerd is not supported on AL2023. Please provide `none` or `distro` to the --containerd-source flag");
        assertThat(fatal(run(lab, "rhel", "sudo -n nodeadm install 1.31 -p ssm"))).as("distro is the default")
                .isEqualTo("distro source for containerd is not supported on RHEL. Please provide `none` or `docker` to the "
                        + "--containerd-source flag");
        assertThat(run(lab, "rhel", "sudo -n test -e /opt/nodeadm/tracker").exit()).as("nothing installed").isEqualTo(1);
    }

    @Test
    void benignNoOpsExitZeroWithoutATracker() {
        var init = run(lab, "out", "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml");
        assertThat(init.exit()).isZero();
        assertThat(init.stderr()).contains("Nodeadm components are not installed. Please run `nodeadm install` before running init");
        var up = run(lab, "out", "sudo -n nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml");
        assertThat(up.exit()).isZero();
        assertThat(up.stderr()).contains("No nodeadm components installed. Please use nodeadm install and nodeadm init commands "
                + "to bootstrap a node");
        var un = run(lab, "out", "sudo -n nodeadm uninstall --skip pod-validation,node-validation --force");
        assertThat(un.exit()).isZero();
        assertThat(un.stderr()).contains("Nodeadm components are already uninstalled");
    }

    @Test
    void configSourcesAndValidationMessagesInNodeadmsOrder() {
        assertThat(run(lab, "al", "sudo -n nodeadm install 1.31 -p iam-ra").exit()).isZero();
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm init -c /etc/hybridpane/nodeconfig.yaml"))).isEqualTo("unsupported scheme: ");
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm init -c https://example.com/c.yaml"))).isEqualTo("unsupported scheme: https");
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm init -c file:///etc/none.yaml")))
                .isEqualTo("open /etc/none.yaml: no such file or directory");
        String head = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n";
        String ssm = "  hybrid:\n    ssm:\n      activationCode: " + FakeNodeadmBackend.ACTIVATION_CODE + "\n      activationId: "
                + FakeNodeadmBackend.ACTIVATION_ID + "\n";
        String cluster = "  cluster:\n    name: retail-edge\n    region: us-west-2\n";
        String ra = "  hybrid:\n    iamRolesAnywhere:\n";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(head + "  cluster:\n    region: us-west-2\n" + ssm, "Name is missing in cluster configuration");
        cases.put(head + "  cluster:\n    name: retail-edge\n" + ssm, "Region is missing in cluster configuration");
        cases.put(head + cluster + "  kubelet:\n    flags: [--hostname-override=n1]\n" + ssm,
                "hostname-override kubelet flag is not supported for hybrid nodes but found override: n1");
        cases.put(head + cluster + "  hybrid:\n    enableCredentialsFile: false\n",
                "Either IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        cases.put(head + cluster + ssm + "    iamRolesAnywhere:\n      nodeName: n1\n",
                "Only one of IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        cases.put(head + cluster + "  hybrid:\n    ssm:\n      activationId: " + FakeNodeadmBackend.ACTIVATION_ID + "\n",
                "ActivationCode is missing in hybrid ssm configuration");
        cases.put(head + cluster + "  hybrid:\n    ssm:\n      activationCode: " + FakeNodeadmBackend.ACTIVATION_CODE + "\n",
                "ActivationID is missing in hybrid ssm configuration");
        cases.put(head + cluster + "  hybrid:\n    ssm:\n      activationCode: short-code\n      activationId: "
                + FakeNodeadmBackend.ACTIVATION_ID + "\n", "invalid ActivationCode format: short-code. Must be 20-250 characters");
        cases.put(head + cluster + "  hybrid:\n    ssm:\n      activationCode: " + FakeNodeadmBackend.ACTIVATION_CODE
                + "\n      activationId: 0D6E5A4B-3C2D-4E1F-8A9B-0C1D2E3F4A5B\n", "invalid ActivationID format: "
                + "0D6E5A4B-3C2D-4E1F-8A9B-0C1D2E3F4A5B. Must be in format: "
                + "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        cases.put(head + cluster + ra + "      nodeName: n1\n", "RoleARN is missing in hybrid iam roles anywhere configuration");
        cases.put(head + cluster + ra + "      roleArn: r\n", "ProfileARN is missing in hybrid iam roles anywhere configuration");
        cases.put(head + cluster + ra + "      roleArn: r\n      profileArn: p\n",
                "TrustAnchorARN is missing in hybrid iam roles anywhere configuration");
        String arns = "      roleArn: r\n      profileArn: p\n      trustAnchorArn: t\n";
        cases.put(head + cluster + ra + arns, "NodeName can't be empty in hybrid iam roles anywhere configuration");
        cases.put(head + cluster + ra + arns + "      nodeName: " + "n".repeat(65) + "\n",
                "NodeName can't be longer than 64 characters in hybrid iam roles anywhere configuration");
        cases.put(head + cluster + ra + arns + "      nodeName: store-1\n",
                "IAM Roles Anywhere certificate /etc/iam/pki/server.pem not found");
        int n = 0;
        for (var c : cases.entrySet()) {
            String path = "/etc/hybridpane/case-" + n++ + ".yaml";
            put(lab, "al", "0600", path, c.getKey());
            assertThat(fatal(run(lab, "al", "sudo -n nodeadm config check -c file://" + path))).isEqualTo(c.getValue());
            assertThat(fatal(run(lab, "al", "sudo -n nodeadm init -c file://" + path))).as("init validates the same way")
                    .isEqualTo(c.getValue());
        }
        String raOk = head + cluster + ra + arns + "      nodeName: store-1\n";
        put(lab, "al", "0600", "/etc/hybridpane/ra.yaml", raOk);
        Instant now = Instant.now();
        put(lab, "al", "0644", "/etc/iam/pki/server.pem", FakeNodeadmBackend.certificate("store-1", now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(1))));
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm config check -c file:///etc/hybridpane/ra.yaml")))
                .isEqualTo("error in validating iam-roles-anywhere certificate: server certificate has expired");
        put(lab, "al", "0644", "/etc/iam/pki/server.pem", FakeNodeadmBackend.certificate("store-1", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(9))));
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm config check -c file:///etc/hybridpane/ra.yaml")))
                .isEqualTo("error in validating iam-roles-anywhere certificate: server certificate is not yet valid");
        put(lab, "al", "0644", "/etc/iam/pki/server.pem", FakeNodeadmBackend.certificate("store-1", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(9))));
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm config check -c file:///etc/hybridpane/ra.yaml")))
                .isEqualTo("IAM Roles Anywhere private key /etc/iam/pki/server.key not found");
        put(lab, "al", "0600", "/etc/iam/pki/server.key", "KEY\n");
        var ok = run(lab, "al", "sudo -n nodeadm config check -c file:///etc/hybridpane/ra.yaml");
        assertThat(ok.exit()).isZero();
        assertThat(ok.stderr()).contains("\"msg\":\"Configuration is valid\"");
        assertThat(fatal(run(lab, "al", "nodeadm config check -c file:///etc/hybridpane/ra.yaml")))
                .as("config check does not need root, but the 0600 file does").isEqualTo("open /etc/hybridpane/ra.yaml: "
                        + "permission denied");
    }
}
