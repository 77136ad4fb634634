package dev.hybridpane.lab.edge;

import static dev.hybridpane.lab.edge.LabNodeadmRefusalsTest.fatal;
import static dev.hybridpane.lab.edge.LabTestHosts.put;
import static dev.hybridpane.lab.edge.LabTestHosts.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.FactCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** install → init → the files and tracker seen with cat → upgrade → uninstall, for SSM and Roles Anywhere; AWS refusals. */
class LabNodeadmRoundTripTest {
    static final String CFG = "/etc/hybridpane/nodeconfig.yaml";
    static final String INIT = "sudo -n nodeadm init -c file://" + CFG;
    FakeNodeadmBackend backend;
    LabEdgeHosts lab;

    @BeforeEach
    void start() {
        backend = new FakeNodeadmBackend();
        lab = LabTestHosts.start(backend);
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    String cat(String host, String path) {
        var r = run(lab, host, "sudo -n cat " + path);
        assertThat(r.exit()).as(path + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    boolean exists(String host, String path) {
        return run(lab, host, "sudo -n test -e " + path).exit() == 0;
    }

    @Test
    void ssmInstallInitUpgradeUninstall() {
        put(lab, "ubu", "0600", CFG, LabTestHosts.ssmConfig("      - --register-with-taints=gpu=true:NoSchedule\n"));
        long t0 = System.nanoTime();
        var install = run(lab, "ubu", "sudo -n nodeadm install 1.31 --credential-provider ssm --containerd-source distro");
        assertThat(install.exit()).as(install.stderr()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("fast timing").isLessThan(Duration.ofSeconds(2));
        assertThat(install.stderr()).contains("\"msg\":\"Using Kubernetes version\",\"version\":\"1.31.7\"");
        assertThat(cat("ubu", "/opt/nodeadm/tracker")).isEqualTo("Artifacts:\n  CniPlugins: true\n  Containerd: distro\n"
                + "  IamAuthenticator: true\n  IamRolesAnywhere: false\n  ImageCredentialProvider: true\n  Iptables: true\n"
                + "  Kubectl: true\n  Kubelet: true\n  Ssm: true\n");
        for (String f : List.of("/usr/bin/kubelet", "/etc/systemd/system/kubelet.service", "/usr/local/bin/kubectl",
                "/opt/cni/bin", "/etc/eks/image-credential-provider/ecr-credential-provider", "/usr/local/bin/aws-iam-authenticator",
                "/usr/bin/containerd", "/usr/sbin/iptables", "/opt/ssm/ssm-setup-cli", "/etc/amazon/ssm/amazon-ssm-agent.json")) {
            assertThat(exists("ubu", f)).as(f).isTrue();
        }
        assertThat(run(lab, "ubu", FactCommands.KUBELET).stdout()).isEqualTo("Kubernetes v1.31.7-eks-473151a\n");

        var init = run(lab, "ubu", INIT);
        assertThat(init.exit()).as(init.stderr()).isZero();
        assertThat(backend.registrations).hasSize(1);
        String reg = cat("ubu", "/var/lib/amazon/ssm/registration");
        assertThat(reg).matches("\\{\"ManagedInstanceID\":\"mi-[0-9a-f]{17}\",\"Region\":\"us-west-2\"}");
        String node = reg.substring(22, 42);
        assertThat(cat("ubu", "/etc/kubernetes/kubelet/config.json"))
                .contains("\"providerID\": \"eks-hybrid:///us-west-2/retail-edge/" + node + "\"", "\"maxPods\": 110");
        assertThat(cat("ubu", "/var/lib/kubelet/kubeconfig")).contains("    server: https://4F1C8E2D9A7B3C5E.gr7.");
        assertThat(cat("ubu", "/etc/eks/kubelet/environment")).contains("--hostname-override=" + node,
                "--node-labels=eks.amazonaws.com/compute-type=hybrid,eks.amazonaws.com/hybrid-credential-provider=ssm,"
                        + "hybridpane.dev/pool=gpu,hybridpane.dev/site=dallas-dc");
        assertThat(cat("ubu", "/etc/sysctl.d/99-nodeadm.conf")).contains("net.ipv4.ip_forward=1");
        var active = run(lab, "ubu", "systemctl is-active kubelet");
        assertThat(active.stdout()).isEqualTo("active\n");
        assertThat(backend.joins).hasSize(1);
        var join = backend.joins.get(0);
        assertThat(join.nodeName()).isEqualTo(node);
        assertThat(join.ip()).isEqualTo("10.200.1.50");
        assertThat(join.kubeletVersion()).isEqualTo("v1.31.7-eks-473151a");
        assertThat(join.architecture()).isEqualTo("amd64");
        assertThat(join.osImage()).startsWith("Ubuntu 22.04");
        assertThat(join.labels()).containsEntry("eks.amazonaws.com/compute-type", "hybrid")
                .containsEntry("eks.amazonaws.com/hybrid-credential-provider", "ssm").containsEntry("hybridpane.dev/pool", "gpu");
        assertThat(join.taints()).containsExactly("gpu=true:NoSchedule");
        assertThat(run(lab, "ubu", FactCommands.EXISTING_NODE).stdout()).startsWith("    server: https://");

        var again = run(lab, "ubu", INIT);
        assertThat(again.exit()).isZero();
        assertThat(again.stderr()).as("node-inactive is a warning only").contains("\"level\":\"warn\"", "nodeadm uninstall");
        assertThat(backend.registrations).as("registration present: skipped").hasSize(1);

        var upgrade = run(lab, "ubu", "sudo -n nodeadm upgrade 1.31 -c file://" + CFG);
        assertThat(upgrade.exit()).as(upgrade.stderr()).isZero();
        assertThat(backend.stopped).containsExactly(node);
        assertThat(backend.joins).hasSize(3).allMatch(j -> j.nodeName().equals(node));
        assertThat(backend.registrations).as("upgrade does not re-register SSM").hasSize(1);
        assertThat(cat("ubu", "/opt/nodeadm/tracker")).contains("Ssm: true");

        put(lab, "ubu", "0600", "/etc/hybridpane/ra.yaml", LabTestHosts.raConfig("store-9"));
        put(lab, "ubu", "0644", "/etc/iam/pki/server.pem", FakeNodeadmBackend.certificate("store-9",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9))));
        put(lab, "ubu", "0600", "/etc/iam/pki/server.key", "KEY\n");
        assertThat(fatal(run(lab, "ubu", "sudo -n nodeadm upgrade 1.31 -c file:///etc/hybridpane/ra.yaml")))
                .isEqualTo("upgrade does not support changing credential providers. Please uninstall and install with new "
                        + "credential provider");

        var un = run(lab, "ubu", "sudo -n nodeadm uninstall --skip pod-validation,node-validation");
        assertThat(un.exit()).as(un.stderr()).isZero();
        assertThat(backend.deregistered).containsExactly(node);
        for (String f : List.of("/opt/nodeadm", "/usr/bin/kubelet", "/var/lib/amazon/ssm/registration", "/etc/kubernetes",
                "/etc/eks", "/root/.aws", "/usr/bin/containerd", "/var/lib/kubelet/kubeconfig")) {
            assertThat(exists("ubu", f)).as(f).isFalse();
        }
        assertThat(exists("ubu", CFG)).as("the console's own file stays").isTrue();
        assertThat(run(lab, "ubu", "systemctl is-active kubelet").exit()).isEqualTo(3);
        assertThat(run(lab, "ubu", FactCommands.KUBELET).stdout()).isEqualTo("none\n");
        assertThat(run(lab, "ubu", "sudo -n nodeadm uninstall").stderr()).contains("Nodeadm components are already uninstalled");
    }

    @Test
    void rolesAnywhereInstallInitUpgradeUninstall() {
        put(lab, "al", "0600", CFG, LabTestHosts.raConfig("store-pos-1"));
        put(lab, "al", "0644", "/etc/iam/pki/server.pem", FakeNodeadmBackend.certificate("store-pos-1",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9))));
        put(lab, "al", "0600", "/etc/iam/pki/server.key", "KEY\n");
        assertThat(run(lab, "al", "sudo -n nodeadm install 1.30 -p iam-ra -s none").exit()).isZero();
        assertThat(cat("al", "/opt/nodeadm/tracker")).contains("Containerd: none", "IamRolesAnywhere: true", "Ssm: false");
        assertThat(exists("al", "/usr/local/bin/aws_signing_helper")).isTrue();
        assertThat(fatal(run(lab, "al", INIT))).as("source none and no containerd on the host")
                .isEqualTo("containerd daemon not found");
        assertThat(run(lab, "al", "sudo -n nodeadm install 1.30 -p iam-ra").exit()).isZero();
        var init = run(lab, "al", INIT);
        assertThat(init.exit()).as(init.stderr()).isZero();
        assertThat(cat("al", "/etc/aws/hybrid/config")).contains("[default]", "[profile hybrid]",
                "--role-session-name store-pos-1", "--certificate /etc/iam/pki/server.pem");
        assertThat(cat("al", "/var/lib/kubelet/kubeconfig")).contains("AWS_CONFIG_FILE");
        var join = backend.joins.get(0);
        assertThat(join.nodeName()).isEqualTo("store-pos-1");
        assertThat(join.kubeletVersion()).isEqualTo("v1.30.10-eks-5e0fdde");
        assertThat(join.architecture()).isEqualTo("arm64");
        assertThat(join.credentialProvider()).isEqualTo("iam-ra");
        assertThat(join.taints()).containsExactly("dedicated=pos:NoSchedule");
        assertThat(backend.registrations).isEmpty();

        assertThat(run(lab, "al", "sudo -n nodeadm upgrade 1.31 -c file://" + CFG).exit()).isZero();
        assertThat(backend.joins.get(1).kubeletVersion()).isEqualTo("v1.31.7-eks-473151a");
        assertThat(backend.joins.get(1).nodeName()).isEqualTo("store-pos-1");

        backend.nodes.clear();
        assertThat(fatal(run(lab, "al", "sudo -n nodeadm upgrade 1.31 -c file://" + CFG))).isEqualTo("node not initialized. "
                + "Please use nodeadm init command to bootstrap a node. err: nodes \"store-pos-1\" not found");
        assertThat(run(lab, "al", "sudo -n nodeadm uninstall --force").exit()).isZero();
        assertThat(backend.deregistered).isEmpty();
        assertThat(exists("al", "/usr/local/bin/aws_signing_helper")).isFalse();
        assertThat(exists("al", "/opt/nodeadm/tracker")).isFalse();
    }

    @Test
    void clusterRefusalsInNodeadmsWords() {
        put(lab, "ubu", "0600", CFG, LabTestHosts.ssmConfig(""));
        assertThat(run(lab, "ubu", "sudo -n nodeadm install 1.33 -p ssm").exit()).isZero();
        backend.status = "UPDATING";
        assertThat(fatal(run(lab, "ubu", INIT))).isEqualTo("eks cluster is not active");
        backend.status = "ACTIVE";
        backend.remoteNetworkConfig = false;
        assertThat(fatal(run(lab, "ubu", INIT)))
                .isEqualTo("eks cluster does not have remoteNetworkConfig enabled, which is required for Hybrid Nodes");
        backend.remoteNetworkConfig = true;
        assertThat(fatal(run(lab, "ubu", INIT))).isEqualTo("kubelet version v1.33.1-eks-b9b3dfa is newer than kube-apiserver "
                + "version 1.31");
        assertThat(run(lab, "ubu", "sudo -n nodeadm install 1.26 -p ssm").exit()).isZero();
        assertThat(fatal(run(lab, "ubu", INIT))).isEqualTo("kubelet version v1.26.15-eks-59bf375 is too old for kube-apiserver "
                + "version 1.31; maximum supported version skew is 3 minor versions");
        assertThat(run(lab, "ubu", "sudo -n nodeadm install 1.28 -p ssm").exit()).isZero();
        backend.principals = List.of("arn:aws:iam::111122223333:role/someone-else");
        assertThat(fatal(run(lab, "ubu", INIT)))
                .isEqualTo("missing access entry of type HYBRID_LINUX with Hybrid Node role principal: retail-edge-hybrid-ssm");
        assertThat(backend.joins).isEmpty();
        assertThat(run(lab, "ubu", "systemctl is-active kubelet").exit()).isEqualTo(3);

        put(lab, "out", "0600", CFG, LabTestHosts.ssmConfig(""));
        assertThat(run(lab, "out", "sudo -n nodeadm install 1.31 -p ssm").exit()).isZero();
        assertThat(fatal(run(lab, "out", INIT))).isEqualTo("node IP 192.168.10.23 is not in any of the remote network CIDR "
                + "blocks: [10.200.0.0/16]. See https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-troubleshooting.html"
                + " or use --skip node-ip-validation");

        put(lab, "rhel", "0600", CFG, LabTestHosts.ssmConfig("").replace(FakeNodeadmBackend.ACTIVATION_CODE,
                "Wrong0000000000000000000"));
        assertThat(run(lab, "rhel", "sudo -n nodeadm install 1.31 -p ssm -s docker").exit()).isZero();
        assertThat(fatal(run(lab, "rhel", INIT)))
                .isEqualTo("invalid SSM activation. Please use a valid activation code, activation id and region");
    }

    @Test
    void hostsWithoutABackendFailInitClearly() {
        try (LabEdgeHosts bare = new LabEdgeHosts(LabTestHosts.profiles(), Clock.systemUTC(), null,
                LabHostTiming.fast()).start()) {
            put(bare, "ubu", "0600", CFG, LabTestHosts.ssmConfig(""));
            assertThat(run(bare, "ubu", "sudo -n nodeadm install 1.31 -p ssm").exit()).isZero();
            assertThat(fatal(run(bare, "ubu", INIT))).startsWith("failed to register SSM agent: dial tcp: lookup "
                    + "ssm.us-west-2.amazonaws.com: no such host").contains("without AWS");
        }
    }
}
