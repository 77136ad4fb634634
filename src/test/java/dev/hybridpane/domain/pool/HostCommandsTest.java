package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandsTest {
    @Test
    void theVocabularysPlainCommands() {
        assertThat(HostCommands.SUDO_CHECK).isEqualTo("sudo -n true");
        assertThat(HostCommands.trackerExists().command()).isEqualTo("sudo -n test -e /opt/nodeadm/tracker");
        assertThat(HostCommands.readTracker().command()).isEqualTo("sudo -n cat /opt/nodeadm/tracker");
        assertThat(HostCommands.readRegistration().command()).isEqualTo("sudo -n cat /var/lib/amazon/ssm/registration");
        assertThat(HostCommands.registrationExists().command()).isEqualTo("sudo -n test -e /var/lib/amazon/ssm/registration");
        assertThat(HostCommands.remove("/etc/hybridpane/nodeconfig.yaml").command())
                .isEqualTo("sudo -n rm -f /etc/hybridpane/nodeconfig.yaml");
        assertThat(HostCommands.isActive("kubelet").command()).isEqualTo("systemctl is-active kubelet");
        assertThat(HostCommands.disableNow("hybridpane-route.service").command())
                .isEqualTo("sudo -n systemctl disable --now hybridpane-route.service");
        assertThat(HostCommands.nodeadmVersion().command()).isEqualTo("nodeadm version");
        assertThat(HostCommands.nodeadmConfigCheck().command())
                .isEqualTo("nodeadm config check -c file:///etc/hybridpane/nodeconfig.yaml");
        assertThat(HostCommands.trackerExists().hasStdin()).isFalse();
    }

    @Test
    void nodeadmCommands() {
        assertThat(HostCommands.nodeadmInstall("1.31", CredentialProvider.SSM, ContainerdSource.DISTRO).command())
                .isEqualTo("sudo -n nodeadm install 1.31 -p ssm -s distro");
        assertThat(HostCommands.nodeadmInstall("1.30", CredentialProvider.IAM_RA, ContainerdSource.DOCKER).command())
                .isEqualTo("sudo -n nodeadm install 1.30 -p iam-ra -s docker");
        assertThat(HostCommands.nodeadmInstall("1.30", CredentialProvider.IAM_RA, null).command())
                .isEqualTo("sudo -n nodeadm install 1.30 -p iam-ra -s distro");
        assertThat(HostCommands.nodeadmInit().command()).isEqualTo("sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml");
        assertThat(HostCommands.nodeadmUpgrade("1.32").command())
                .isEqualTo("sudo -n nodeadm upgrade 1.32 -c file:///etc/hybridpane/nodeconfig.yaml");
        assertThat(HostCommands.nodeadmUninstall(false, false).command()).isEqualTo("sudo -n nodeadm uninstall");
        assertThat(HostCommands.nodeadmUninstall(true, true).command())
                .isEqualTo("sudo -n nodeadm uninstall --skip pod-validation,node-validation --force");
    }

    @Test
    void ntpPerOsFamily() {
        List<HostCommand> ubuntu = HostCommands.ntp("ubuntu", List.of("time.example.net", "10.0.0.5"));
        assertThat(ubuntu).extracting(HostCommand::command).containsExactly(
                "sudo -n install -D -m 0644 /dev/stdin /etc/chrony/conf.d/hybridpane.conf",
                "sudo -n systemctl restart chrony");
        assertThat(ubuntu.get(0).stdin()).endsWith("server time.example.net iburst\nserver 10.0.0.5 iburst\n");
        assertThat(ubuntu.get(0).stdin().lines().filter(l -> !l.startsWith("#"))).containsExactly(
                "server time.example.net iburst", "server 10.0.0.5 iburst");
        assertThat(HostCommands.ntp("rhel", List.of("a.example"))).extracting(HostCommand::command).containsExactly(
                "sudo -n install -D -m 0644 /dev/stdin /etc/chrony.d/hybridpane.conf", "sudo -n systemctl restart chronyd");
        assertThat(HostCommands.ntpPath("amzn")).isEqualTo("/etc/chrony.d/hybridpane.conf");
    }

    @Test
    void theRouteUnitRoutesTheVpcThroughTheVpnServer() {
        List<HostCommand> route = HostCommands.route(List.of("10.0.0.0/16"), "10.200.1.1");
        assertThat(route).extracting(HostCommand::command).containsExactly(
                "sudo -n install -D -m 0644 /dev/stdin /etc/systemd/system/hybridpane-route.service",
                "sudo -n systemctl daemon-reload", "sudo -n systemctl enable --now hybridpane-route.service");
        String unit = route.get(0).stdin();
        assertThat(unit.lines()).contains("[Unit]", "[Service]", "Type=oneshot",
                "ExecStart=/sbin/ip route replace 10.0.0.0/16 via 10.200.1.1", "RemainAfterExit=yes", "[Install]",
                "WantedBy=multi-user.target");
        assertThat(unit.indexOf("[Service]")).isLessThan(unit.indexOf("ExecStart=")).isLessThan(unit.indexOf("[Install]"));
        assertThat(HostCommands.routeUnit(List.of("10.0.0.0/16", "10.1.0.0/16"), "10.200.1.1").lines()
                .filter(l -> l.startsWith("ExecStart="))).containsExactly(
                "ExecStart=/sbin/ip route replace 10.0.0.0/16 via 10.200.1.1",
                "ExecStart=/sbin/ip route replace 10.1.0.0/16 via 10.200.1.1");
        assertThatThrownBy(() -> HostCommands.routeUnit(List.of(), "10.200.1.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNodeConfigIsWritten0600AndShownMasked() {
        NodeConfig c = NodeConfigsTest.ssm();
        HostCommand w = HostCommands.writeNodeConfig(c);
        assertThat(w.command()).isEqualTo("sudo -n install -D -m 0600 /dev/stdin /etc/hybridpane/nodeconfig.yaml");
        assertThat(w.stdin()).isEqualTo(NodeConfigs.toYaml(c)).contains(NodeConfigsTest.CODE);
        assertThat(w.shown()).doesNotContain(NodeConfigsTest.CODE).contains("activationCode: ****");
        assertThat(w.display()).doesNotContain(NodeConfigsTest.CODE).startsWith(w.command() + "\n");
        assertThat(w.toString()).doesNotContain(NodeConfigsTest.CODE);
    }

    @Test
    void rolesAnywhereFilesAndTheKeyIsNeverShown() {
        HostCommand cert = HostCommands.writeCertificate("-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n");
        assertThat(cert.command()).isEqualTo("sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem");
        String key = "-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----\n";
        HostCommand k = HostCommands.writePrivateKey(key);
        assertThat(k.command()).isEqualTo("sudo -n install -D -m 0600 /dev/stdin /etc/iam/pki/server.key");
        assertThat(k.stdin()).isEqualTo(key);
        assertThat(k.display()).doesNotContain("SECRETKEY");
        assertThat(k.toString()).doesNotContain("SECRETKEY");
        assertThatThrownBy(() -> HostCommands.writeFile("/x", "644", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeNamesAndProviderIds() {
        SsmRegistration reg = SsmRegistration.parse("{\"ManagedInstanceID\":\"mi-0123456789abcdef0\",\"Region\":\"us-west-2\"}");
        assertThat(HostCommands.nodeName(new NodeCredentials.Ssm("id", "code"), reg)).isEqualTo("mi-0123456789abcdef0");
        assertThat(HostCommands.nodeName(new NodeCredentials.Ssm("id", "code"), null)).isNull();
        assertThat(HostCommands.nodeName(new NodeCredentials.RolesAnywhere("dallas-01", "t", "p", "r"), null))
                .isEqualTo("dallas-01");
        assertThat(HostCommands.providerId("us-west-2", "retail-edge", "mi-0123456789abcdef0"))
                .isEqualTo("eks-hybrid:///us-west-2/retail-edge/mi-0123456789abcdef0");
    }

    @Test
    void aHostWithoutPasswordlessSudoIsRefusedInOneSentence() {
        assertThat(HostCommands.sudoRefused("dallas-07", "sudo: a password is required\n"))
                .isEqualTo("Host dallas-07 has no passwordless sudo (sudo: a password is required): pool operations run "
                        + "nodeadm as root with sudo -n; give the SSH user a NOPASSWD sudo rule.");
    }
}
