package dev.hybridpane.lab.edge;

import static dev.hybridpane.lab.edge.LabTestHosts.put;
import static dev.hybridpane.lab.edge.LabTestHosts.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.FactCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host command vocabulary of the brief, over a host's own files and units; and OpenSSH seeing the same files. */
class LabHostVocabularyTest {
    static FakeNodeadmBackend backend = new FakeNodeadmBackend();
    static LabEdgeHosts lab;

    @BeforeAll
    static void start() {
        lab = LabTestHosts.start(backend);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void sudoWithoutPasswordAndAHostThatAsksForOne() {
        assertThat(run(lab, "ubu", "sudo -n true").exit()).isZero();
        var pw = run(lab, "pw", "sudo -n true");
        assertThat(pw.exit()).isEqualTo(1);
        assertThat(pw.stderr()).isEqualTo("sudo: a password is required\n");
        var cat = run(lab, "pw", "sudo -n cat /etc/os-release");
        assertThat(cat.exit()).isEqualTo(1);
        assertThat(cat.stdout()).isEmpty();
        assertThat(run(lab, "pw", "sudo -n nodeadm install 1.31 -p ssm").stderr()).isEqualTo("sudo: a password is required\n");
    }

    @Test
    void installCatTestRmKeepTheFileWithItsMode() {
        String path = "/etc/hybridpane/nodeconfig.yaml";
        assertThat(run(lab, "ubu", "sudo -n test -e " + path).exit()).isEqualTo(1);
        var missing = run(lab, "ubu", "sudo -n cat " + path);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("cat: " + path + ": No such file or directory\n");
        assertThat(put(lab, "ubu", "0600", path, "kind: NodeConfig\n").exit()).isZero();
        assertThat(run(lab, "ubu", "sudo -n test -e " + path).exit()).isZero();
        assertThat(run(lab, "ubu", "sudo -n test -e /etc/hybridpane").exit()).as("the parent was created").isZero();
        assertThat(run(lab, "ubu", "sudo -n cat " + path).stdout()).isEqualTo("kind: NodeConfig\n");
        var notRoot = run(lab, "ubu", "cat " + path);
        assertThat(notRoot.exit()).isEqualTo(1);
        assertThat(notRoot.stderr()).isEqualTo("cat: " + path + ": Permission denied\n");
        assertThat(put(lab, "ubu", "0644", "/etc/iam/pki/server.pem", "PEM\n").exit()).isZero();
        assertThat(run(lab, "ubu", "cat /etc/iam/pki/server.pem").stdout()).as("0644 is world-readable").isEqualTo("PEM\n");
        var userInstall = lab.exec("ubu", "install -D -m 0644 /dev/stdin /etc/x", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(userInstall.exit()).isEqualTo(1);
        assertThat(userInstall.stderr()).contains("Permission denied");
        assertThat(run(lab, "ubu", "sudo -n rm -f " + path).exit()).isZero();
        assertThat(run(lab, "ubu", "sudo -n test -e " + path).exit()).isEqualTo(1);
        assertThat(run(lab, "ubu", "sudo -n rm -f " + path).exit()).as("rm -f of a missing file").isZero();
        assertThat(run(lab, "ubu", "frobnicate").exit()).isEqualTo(127);
    }

    @Test
    void systemctlDaemonReloadEnableDisableRestartIsActive() {
        String unit = "hybridpane-route.service";
        var inactive = run(lab, "al", "systemctl is-active " + unit);
        assertThat(inactive.stdout()).isEqualTo("inactive\n");
        assertThat(inactive.exit()).isEqualTo(3);
        var unknown = run(lab, "al", "sudo -n systemctl enable --now " + unit);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("Unit file " + unit + " does not exist.");
        assertThat(put(lab, "al", "0644", "/etc/systemd/system/" + unit, "[Service]\nType=oneshot\n").exit()).isZero();
        assertThat(run(lab, "al", "sudo -n systemctl daemon-reload").exit()).isZero();
        assertThat(run(lab, "al", "sudo -n systemctl enable --now " + unit).exit()).isZero();
        var active = run(lab, "al", "systemctl is-active " + unit);
        assertThat(active.stdout()).isEqualTo("active\n");
        assertThat(active.exit()).isZero();
        assertThat(run(lab, "al", "sudo -n systemctl disable --now " + unit).exit()).isZero();
        assertThat(run(lab, "al", "systemctl is-active " + unit).exit()).isEqualTo(3);
        assertThat(run(lab, "al", "sudo -n systemctl restart chronyd").exit()).as("AL2023's chrony unit").isZero();
        assertThat(run(lab, "ubu", "sudo -n systemctl restart chrony").exit()).as("Ubuntu's").isZero();
        var noUnit = run(lab, "ubu", "sudo -n systemctl restart chronyd");
        assertThat(noUnit.exit()).isEqualTo(5);
        assertThat(noUnit.stderr()).isEqualTo("Failed to restart chronyd.service: Unit chronyd.service not found.\n");
        assertThat(run(lab, "ubu", "systemctl restart chrony").exit()).as("not root").isEqualTo(1);
    }

    @Test
    void factCommandsAnswerAsBefore() {
        assertThat(run(lab, "al", FactCommands.OS_RELEASE).stdout()).contains("Amazon Linux");
        assertThat(run(lab, "al", FactCommands.HOSTNAME).stdout()).isEqualTo("al\n");
        assertThat(run(lab, "al", FactCommands.KUBELET).stdout()).isEqualTo("none\n");
        assertThat(run(lab, "al", FactCommands.NODEADM).stdout()).isEqualTo("none\n");
        assertThat(run(lab, "al", FactCommands.EXISTING_NODE).stdout()).isEqualTo("none\n");
    }

    @Test
    void anOpensshClientWritesAndReadsTheHostsFiles() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no ssh client here");
        var w = ssh("rhel", "sudo -n install -D -m 0600 /dev/stdin /etc/hybridpane/nodeconfig.yaml", "spec: {}\n");
        assertThat(w.exit()).as(w.out()).isZero();
        var r = ssh("rhel", "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null);
        assertThat(r.out()).isEqualTo("spec: {}\n");
        assertThat(r.exit()).isZero();
        assertThat(lab.exec("rhel", "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null).stdout()).isEqualTo("spec: {}\n");
    }

    @Test
    void theHostThatDropsTheConnectionDuringItsFirstInstallSucceedsOnARetry() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no ssh client here");
        var first = ssh("drop", "sudo -n nodeadm install 1.31 -p ssm", null);
        assertThat(first.exit()).as("ssh reports a lost connection").isEqualTo(255);
        assertThat(run(lab, "drop", "sudo -n test -e /opt/nodeadm/tracker").exit()).as("half-installed").isEqualTo(1);
        var second = ssh("drop", "sudo -n nodeadm install 1.31 -p ssm", null);
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(run(lab, "drop", "sudo -n cat /opt/nodeadm/tracker").stdout()).contains("Ssm: true");
    }

    record Ssh(int exit, String out) {
    }

    static Ssh ssh(String host, String command, String stdin) throws Exception {
        var h = lab.hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ssh", "-i", lab.loginKeyPath().toString(), "-p",
                String.valueOf(h.port()), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
                "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR"));
        if (stdin == null) {
            cmd.add("-n");
        }
        cmd.add(h.user() + "@127.0.0.1");
        cmd.add(command);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ssh(p.exitValue(), out);
    }
}
