package dev.hybridpane.lab.edge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** A few small lab hosts for the nodeadm tests, with a fake backend and fast timing. */
final class LabTestHosts {
    private LabTestHosts() {
    }

    static final long G = 1024L * 1024;

    static LabHostProfile host(String name, String distro, String arch, String ip, String sudoPassword,
            LabHostProfile.Behaviour behaviour) {
        String gw = ip.substring(0, ip.lastIndexOf('.')) + ".1";
        return new LabHostProfile(name, "dallas-dc", distro, distro.startsWith("al2023") ? "ec2-user" : "ubuntu", arch, ip, 24,
                gw, 4, 16 * G, 80 * G, false, true, List.of(), 5, null, sudoPassword, behaviour);
    }

    static List<LabHostProfile> profiles() {
        return List.of(host("ubu", "ubuntu-22.04", "x86_64", "10.200.1.50", null, LabHostProfile.Behaviour.NORMAL),
                host("al", "al2023", "aarch64", "10.200.2.50", null, LabHostProfile.Behaviour.NORMAL),
                host("rhel", "rhel-9", "x86_64", "10.200.1.51", null, LabHostProfile.Behaviour.NORMAL),
                host("pw", "ubuntu-22.04", "x86_64", "10.200.1.52", "lab-sudo", LabHostProfile.Behaviour.NORMAL),
                host("out", "ubuntu-24.04", "x86_64", "192.168.10.23", null, LabHostProfile.Behaviour.NORMAL),
                host("drop", "ubuntu-22.04", "x86_64", "10.200.1.53", null,
                        LabHostProfile.Behaviour.DROPS_CONNECTION_DURING_FIRST_INSTALL));
    }

    static LabEdgeHosts start(NodeadmBackend backend) {
        return new LabEdgeHosts(profiles(), Clock.systemUTC(), backend, LabHostTiming.fast()).start();
    }

    static LabEdgeHosts.HostCommandResult run(LabEdgeHosts lab, String host, String cmd) {
        return lab.exec(host, cmd, null);
    }

    static LabEdgeHosts.HostCommandResult put(LabEdgeHosts lab, String host, String mode, String path, String content) {
        return lab.exec(host, "sudo -n install -D -m " + mode + " /dev/stdin " + path, content.getBytes(StandardCharsets.UTF_8));
    }

    static String ssmConfig(String extraFlags) {
        return "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: retail-edge\n"
                + "    region: us-west-2\n  kubelet:\n    config:\n      maxPods: 110\n    flags:\n"
                + "      - --node-labels=hybridpane.dev/pool=gpu,hybridpane.dev/site=dallas-dc\n" + extraFlags
                + "  hybrid:\n    ssm:\n      activationCode: " + FakeNodeadmBackend.ACTIVATION_CODE + "\n"
                + "      activationId: " + FakeNodeadmBackend.ACTIVATION_ID + "\n";
    }

    static String raConfig(String nodeName) {
        return "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: retail-edge\n"
                + "    region: us-west-2\n  kubelet:\n    flags:\n      - --node-labels=hybridpane.dev/pool=pos\n"
                + "      - --register-with-taints=dedicated=pos:NoSchedule\n  hybrid:\n    iamRolesAnywhere:\n"
                + "      nodeName: " + nodeName + "\n"
                + "      trustAnchorArn: arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/ta-1\n"
                + "      profileArn: arn:aws:rolesanywhere:us-west-2:111122223333:profile/p-1\n"
                + "      roleArn: " + FakeNodeadmBackend.RA_ROLE + "\n";
    }
}
