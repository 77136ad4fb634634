package dev.hybridpane.app;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsFaultPlan;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.edge.LabHostFleet;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `hybridpane lab`: the embedded lab without a window, for the aws CLI and kubectl. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the embedded lab without a window until interrupted, and print how to point "
                + "the aws CLI and kubectl at it.")
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lab-scale", paramLabel = "NODES", description = "Grow the first hybrid cluster to NODES hybrid nodes.")
    int labScale;

    @Option(names = "--lab-hosts", paramLabel = "N", description = "Add N free Ubuntu 22.04 edge hosts at dallas-dc "
            + "(dallas-x001...), for scale work (0 to 200).")
    int labHosts;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Where to write the lab's kubeconfig (default: a new temporary directory).")
    Path kubeconfig;

    @Option(names = "--flap-seconds", paramLabel = "S", defaultValue = "30",
            description = "How often a hybrid node flaps NotReady/Ready (0: never). Default: ${DEFAULT-VALUE}.")
    int flapSeconds;

    @Option(names = "--lab-host-fault", paramLabel = "HOST=FAULT", description = "Arm a day-2 fault on an edge host for its "
            + "next nodeadm upgrade only: crash-mid-upgrade (the connection drops, the kubelet is down, half replaced; a "
            + "re-run completes) or hang-mid-upgrade (the command does not return until the session closes). Repeatable.")
    List<String> hostFaults = new ArrayList<>();

    @Option(names = "--ssh-fault", paramLabel = "HOST=FAULT", description = "An SSH fault of an edge host: hang (its commands "
            + "never end), drop (its next nodeadm command runs, then the connection drops before the exit status), reboot "
            + "(it reboots during its next nodeadm upgrade and refuses connections for 3 s) or newkey (a new host key after "
            + "its next login). Repeatable.")
    List<String> sshFaults = new ArrayList<>();

    @Option(names = "--ssh-drop-rate", paramLabel = "RATE", description = "Drop the SSH connection after this share of the "
            + "commands on every host (0.1: one in ten), before their exit status.")
    double sshDropRate;

    @Option(names = "--ssh-fault-seed", paramLabel = "N", description = "The seed of --ssh-drop-rate (default: random, printed).")
    Long sshFaultSeed;

    @Option(names = "--sso-approve-after", paramLabel = "DELAY", description = "Approve IAM Identity Center sign-ins "
            + "(aws sso login, hybridpane login) on their own this long after they start, e.g. 3s or 500ms, as if their "
            + "page had been opened. Default: only opening the page approves one.")
    String ssoApproveAfter;

    @Mixin
    LabAwsFaults awsFaults = new LabAwsFaults();

    @Mixin
    LabKubeFaultOptions kubeFaults;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        kubeFaults.check(spec);
        Duration approveAfter = ssoApproveAfter == null ? null : LabSsoSnippet.parseDelay(ssoApproveAfter)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--sso-approve-after: a delay such as 3s, "
                        + "500ms or 1m, not \"" + ssoApproveAfter + "\""));
        Map<String, LabHostFleet.UpgradeFault> faults = new LinkedHashMap<>();
        for (String f : hostFaults) {
            String[] kv = f.split("=", 2);
            LabHostFleet.UpgradeFault fault = kv.length < 2 ? null : switch (kv[1]) {
                case "crash-mid-upgrade" -> LabHostFleet.UpgradeFault.CRASH_MID_UPGRADE;
                case "hang-mid-upgrade" -> LabHostFleet.UpgradeFault.HANG_MID_UPGRADE;
                default -> null;
            };
            if (fault == null || kv[0].isBlank()) {
                throw new ParameterException(spec.commandLine(), "--lab-host-fault: HOST=crash-mid-upgrade or "
                        + "HOST=hang-mid-upgrade, not \"" + f + "\"");
            }
            faults.put(kv[0], fault);
        }
        LabSshFaultFlags ssh;
        try {
            ssh = LabSshFaultFlags.parse(sshFaults, sshDropRate, sshFaultSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (labHosts < 0 || labHosts > LabHostProfile.MAX_EXTRA) {
            throw new ParameterException(spec.commandLine(), "--lab-hosts must be 0 to " + LabHostProfile.MAX_EXTRA
                    + ", not " + labHosts);
        }
        AwsFaultPlan plan = awsFaults.plan(spec.commandLine());
        LabWorld world = LabWorld.load().scaled(labScale);
        Lab lab = Lab.start(world, Duration.ofSeconds(flapSeconds), labHosts);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "hybridpane-lab-stop"));
        lab.aws().setSsoApproveAfter(approveAfter);
        if (plan.armed()) {
            lab.awaitSeeded(); // the lab's own seeding is not faulted; the console's calls are
            lab.aws().armFaults(plan);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.print(LabAwsFaults.figures(lab.aws().inspect().injectedFaults(), lab.aws().inspect().requestCounts()));
                out.flush();
            }, "hybridpane-lab-fault-figures"));
        }
        String armed = kubeFaults.applyTo(lab.kube().faults());
        if (!faults.isEmpty()) {
            LabHostFleet fleet = lab.edgeHosts().fleet();
            for (Map.Entry<String, LabHostFleet.UpgradeFault> e : faults.entrySet()) {
                if (lab.edgeHosts().hosts().stream().noneMatch(h -> h.name().equals(e.getKey()))) {
                    throw new ParameterException(spec.commandLine(), "--lab-host-fault: the lab has no edge host " + e.getKey());
                }
                fleet.injectUpgradeFault(e.getKey(), e.getValue());
            }
        }
        String sshBanner;
        try {
            sshBanner = ssh.arm(lab.edgeHosts());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path file = kubeconfig != null ? kubeconfig : Files.createTempDirectory("hybridpane-lab").resolve("kubeconfig");
        lab.writeKubeconfig(file, Map.of(SsoDirectory.SECOND_ACCOUNT_ID, LabSsoSnippet.STAGING_PROFILE));
        out.println(LabAwsFaults.banner(plan) + armed + banner(lab, file) + LabSsoSnippet.section(lab, approveAfter) + sshBanner);
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    static String banner(Lab lab, Path kubeconfig) {
        StringBuilder b = new StringBuilder();
        String region = lab.world().regions().get(0);
        lab.awaitSeeded();
        b.append("HybridPane lab is running (started in ").append(lab.startupTime().toMillis()).append(" ms; its seeded pools' ")
                .append("edge hosts were installed and joined ").append(lab.seedTime().toMillis()).append(" ms later). Ctrl+C stops it.\n\n");
        b.append("AWS emulator    ").append(lab.awsEndpoint())
                .append("   (STS, EKS, EC2, IAM, SSM, Roles Anywhere, IAM Identity Center)\n");
        Map<String, String> plain = lab.kubeEndpoints();
        for (Map.Entry<String, String> e : new TreeMap<>(lab.kubeTlsEndpoints()).entrySet()) {
            b.append(String.format("Kubernetes API  %-30s %s   (plain HTTP for the console: %s)%n", e.getKey(), e.getValue(),
                    plain.get(e.getKey())));
        }
        b.append("\nPoint the aws CLI at it (the lab verifies signatures: use these keys):\n");
        b.append("  export AWS_ENDPOINT_URL=").append(lab.awsEndpoint()).append('\n');
        b.append("  export AWS_ACCESS_KEY_ID=").append(Lab.ACCESS_KEY_ID).append('\n');
        b.append("  export AWS_SECRET_ACCESS_KEY=").append(Lab.SECRET_ACCESS_KEY).append('\n');
        b.append("  export AWS_REGION=").append(region).append(" AWS_DEFAULT_REGION=").append(region).append('\n');
        b.append("  aws eks list-clusters\n");
        b.append("  aws eks describe-cluster --name ").append(lab.world().clusters().get(0).name()).append('\n');
        b.append("\nPoint kubectl at it. The API servers authenticate as EKS does; two contexts per cluster:\n");
        b.append("  NAME         runs `aws eks get-token` as `aws eks update-kubeconfig` sets it up, with the lab's endpoint\n");
        b.append("               and keys in the kubeconfig's exec env (needs the aws CLI; the exports above are not needed)\n");
        b.append("  NAME-static  the lab's admin token (system:masters), random for this run, written only in this kubeconfig\n");
        b.append("  export KUBECONFIG=").append(kubeconfig).append('\n');
        String own = lab.world().accountId();
        for (var c : lab.world().clusters(own)) {
            b.append("  kubectl --context ").append(c.name()).append(" get nodes\n");
        }
        for (var c : lab.world().clusters()) {
            if (!c.account().equals(own)) {
                b.append("  kubectl --context ").append(c.name()).append(" get nodes   # account ").append(c.account())
                        .append(": with the profile ").append(LabSsoSnippet.STAGING_PROFILE).append(" below, signed in\n");
            }
        }
        b.append("  kubectl --context ").append(lab.world().clusters().get(0).name()).append("-static get nodes\n");
        b.append(edgeHostsSection(lab));
        return b.toString();
    }

    /** The lab's SSH edge hosts: the key file, the CSV for Import CSV, and one ssh line per host. */
    static String edgeHostsSection(Lab lab) {
        var edge = lab.edgeHosts();
        StringBuilder b = new StringBuilder();
        b.append("\nEdge hosts over SSH (retail-edge's sites; the key is the lab's own throwaway key):\n");
        b.append("  key file  ").append(edge.loginKeyPath()).append('\n');
        b.append("  hosts CSV ").append(edge.csvPath()).append("   (Edge Hosts > Import CSV)\n");
        for (var h : edge.hosts()) {
            String note = switch (h.profile().behaviour()) {
                case UNREACHABLE -> "   # down: connection refused";
                case KEY_CHANGES_AFTER_FIRST_LOGIN -> "   # host key changes after the first login";
                default -> "";
            };
            b.append(String.format("  %-10s %-17s ssh -i %s -p %d %s@127.0.0.1 cat /etc/os-release%s%n", h.name(),
                    h.profile().site(), edge.loginKeyPath(), h.port(), h.user(), note));
        }
        return b.toString();
    }
}
