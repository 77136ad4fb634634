package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nodeadm v1.0.x on a lab host: its subcommands, flags (flaggy), root check, tracker, files, log lines and exit codes,
 * from nodeadm-day2.md §1 and the aws/eks-hybrid sources it cites. {@code init} is {@link LabNodeadmInit}.
 */
final class LabNodeadm {
    /** The minors nodeadm's release manifest offers, each with its latest EKS patch (and build). */
    static final Map<Integer, String> RELEASES = Map.of(26, "1.26.15-eks-59bf375", 27, "1.27.16-eks-3b9cbc0",
            28, "1.28.15-eks-c1ddbb6", 29, "1.29.13-eks-2e66e6e", 30, "1.30.10-eks-5e0fdde", 31, "1.31.7-eks-473151a",
            32, "1.32.3-eks-473151a", 33, "1.33.1-eks-b9b3dfa");
    private static final Pattern SEMVER = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private final LabHost host;
    private final LabShellCommand.Io io;
    private final boolean root;
    private final Runnable dropConnection;
    private final LabNodeadmLog log;

    LabNodeadm(LabHost host, LabShellCommand.Io io, boolean root, Runnable dropConnection) {
        this.host = host;
        this.io = io;
        this.root = root;
        this.dropConnection = dropConnection;
        this.log = new LabNodeadmLog(io, host.clock());
    }

    int run(List<String> argv) throws IOException {
        List<String> a = new ArrayList<>(argv);
        if (!a.isEmpty() && (a.get(0).equals("-d") || a.get(0).equals("--development"))) {
            a.remove(0); // the global flag: development logging
        }
        String sub = a.isEmpty() ? "" : a.get(0);
        List<String> rest = a.isEmpty() ? List.of() : a.subList(1, a.size());
        try {
            return switch (sub) {
                case "version", "--version" -> {
                    io.out(LabHost.NODEADM_VERSION + "\n");
                    yield 0;
                }
                case "install" -> install(LabNodeadmArgs.parse("install", rest, Map.of("p", "credential-provider", "s", "containerd-source",
                        "r", "region", "t", "timeout", "m", "manifest-override"), Set.of("private-mode")));
                case "init" -> new LabNodeadmInit(host, io, log, root).init(LabNodeadmArgs.parse("init", rest, Map.of("c", "config-source",
                        "s", "skip", "d", "daemon", "m", "manifest-override"), Set.of("private-mode")));
                case "upgrade" -> upgrade(LabNodeadmArgs.parse("upgrade", rest, Map.of("c", "config-source", "s", "skip", "t", "timeout",
                        "m", "manifest-override"), Set.of("private-mode")));
                case "uninstall" -> uninstall(LabNodeadmArgs.parse("uninstall", rest, Map.of("s", "skip"), Set.of("force", "f")));
                case "config" -> config(rest);
                default -> throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("") + "\n" + (sub.isEmpty() ? "No subcommand specified"
                        : "Unknown arguments supplied:  " + sub));
            };
        } catch (LabNodeadmLog.HelpExit e) {
            io.err(e.getMessage() + "\n");
            return 2;
        } catch (LabNodeadmLog.Failure e) {
            log.fatal(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int config(List<String> rest) throws LabNodeadmLog.HelpExit, LabNodeadmLog.Failure, IOException {
        if (rest.isEmpty() || !rest.get(0).equals("check")) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("config") + "\nNo subcommand specified");
        }
        LabNodeadmArgs args = LabNodeadmArgs.parse("config check", rest.subList(1, rest.size()), Map.of("c", "config-source"), Set.of());
        if (args.get("config-source").isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("config check") + "\n--config-source is a required flag. The format is a "
                    + "URI with supported schemes: [file, imds]. For example on hybrid nodes --config-source "
                    + "file:///root/nodeConfig.yaml");
        }
        log.info("config/check.go:43", "Checking configuration", "source", args.get("config-source"));
        LabNodeConfig cfg = LabNodeConfig.load(host, args.get("config-source"), root);
        log.info("hybrid/validator.go:83", "Validating configuration...");
        cfg.validate(host, host.clock().instant());
        log.info("config/check.go:60", "Configuration is valid");
        return 0;
    }

    private int install(LabNodeadmArgs args) throws LabNodeadmLog.Failure, LabNodeadmLog.HelpExit, IOException, InterruptedException {
        if (args.positionals().isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("install") + "\nRequired positional variable KUBERNETES_VERSION not found at "
                    + "position 1");
        }
        requireRoot();
        String provider = args.get("credential-provider");
        if (provider.isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("install")
                    + "\n--credential-provider is a required flag. Allowed values are ssm & iam-ra");
        }
        if (!provider.equals("ssm") && !provider.equals("iam-ra")) {
            throw new LabNodeadmLog.Failure("invalid credential process provided. Valid options are ssm and iam-ra");
        }
        String source = args.values().getOrDefault("containerd-source", "distro");
        if (!Set.of("none", "distro", "docker", "").contains(source)) {
            throw new LabNodeadmLog.Failure("invalid containerd source: " + source);
        }
        source = source.isEmpty() ? "none" : source;
        if (source.equals("docker") && host.osId().equals("amzn")) {
            throw new LabNodeadmLog.Failure("docker source for containerd is not supported on AL2023. Please provide `none` or "
                    + "`distro` to the --containerd-source flag");
        }
        if (source.equals("distro") && host.osId().equals("rhel")) {
            throw new LabNodeadmLog.Failure("distro source for containerd is not supported on RHEL. Please provide `none` or "
                    + "`docker` to the --containerd-source flag");
        }
        log.info("install/install.go:98", "Creating package manager...");
        log.info("install/install.go:112", "Validating Kubernetes version", "version", args.positionals().get(0));
        String release = resolve(args.positionals().get(0));
        log.info("install/install.go:118", "Using Kubernetes version", "version", release.replaceFirst("-eks-.*", ""));
        Duration step = host.timing().install().dividedBy(10);
        LabHostState s = host.state();
        if (!source.equals("none") && s.file("/usr/bin/containerd") == null) {
            step("Installing containerd...", step);
            s.write("/usr/bin/containerd", LabNodeadmFiles.binary("containerd"), "0755");
            s.write("/usr/lib/systemd/system/containerd.service", LabNodeadmFiles.containerdUnit(), "0644");
            s.unit("containerd", true, true);
        }
        if (s.file("/usr/sbin/iptables") == null) {
            step("Installing iptables...", step);
            s.write("/usr/sbin/iptables", LabNodeadmFiles.binary("iptables"), "0755");
        }
        if (provider.equals("ssm")) {
            step("Installing SSM agent installer...", step);
            s.write("/opt/ssm/ssm-setup-cli", LabNodeadmFiles.binary("ssm-setup-cli"), "0755");
            s.write(host.ubuntu() ? "/snap/amazon-ssm-agent/current/amazon-ssm-agent" : "/usr/bin/amazon-ssm-agent",
                    LabNodeadmFiles.binary("amazon-ssm-agent"), "0755");
            s.write("/etc/systemd/system/" + host.ssmAgentUnit(), "[Unit]\nDescription=amazon-ssm-agent\n[Service]\n"
                    + "ExecStart=/usr/bin/amazon-ssm-agent\nRestart=always\n[Install]\nWantedBy=multi-user.target\n", "0644");
            s.write("/etc/amazon/ssm/amazon-ssm-agent.json", LabNodeadmFiles.ssmAgentJson(), "0600");
        } else {
            step("Installing AWS signing helper...", step);
            s.write("/usr/local/bin/aws_signing_helper", LabNodeadmFiles.binary("aws_signing_helper"), "0755");
        }
        step("Installing kubelet...", step);
        s.write(LabHost.KUBELET_BIN, LabHost.kubeletBinary("v" + release), "0755");
        s.write("/etc/systemd/system/kubelet.service", LabNodeadmFiles.kubeletUnit(), "0644");
        if (host.profile().behaviour() == LabHostProfile.Behaviour.DROPS_CONNECTION_DURING_FIRST_INSTALL
                && s.dropInstallOnce()) {
            dropConnection.run();
            return -1;
        }
        step("Installing kubectl...", step);
        s.write("/usr/local/bin/kubectl", LabNodeadmFiles.binary("kubectl"), "0755");
        step("Installing cni-plugins...", step);
        for (String plugin : List.of("bridge", "host-local", "loopback", "portmap")) {
            s.write("/opt/cni/bin/" + plugin, LabNodeadmFiles.binary(plugin), "0755");
        }
        s.write("/opt/cni/plugins/cni-plugins.tgz", "(a simulated archive)\n", "0644");
        step("Installing image credential provider...", step);
        s.write("/etc/eks/image-credential-provider/ecr-credential-provider", LabNodeadmFiles.binary("ecr-credential-provider"),
                "0755");
        step("Installing IAM authenticator...", step);
        s.write("/usr/local/bin/aws-iam-authenticator", LabNodeadmFiles.binary("aws-iam-authenticator"), "0755");
        step("Finishing up install...", step);
        s.write(LabHost.TRACKER, LabNodeadmFiles.tracker(source, provider.equals("ssm"), provider.equals("iam-ra")), "0644");
        return 0;
    }

    private void step(String msg, Duration d) throws IOException, InterruptedException {
        log.info("flows/install.go:62", msg);
        Thread.sleep(d.toMillis());
    }

    private int upgrade(LabNodeadmArgs args) throws LabNodeadmLog.Failure, LabNodeadmLog.HelpExit, IOException, InterruptedException {
        if (args.positionals().isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("upgrade") + "\nRequired positional variable KUBERNETES_VERSION not found at "
                    + "position 1");
        }
        requireRoot();
        if (args.get("config-source").isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("upgrade") + "\n--config-source is a required flag. The format is a URI with "
                    + "supported schemes: [file, imds]. For example on hybrid nodes --config-source file:///root/nodeConfig.yaml");
        }
        log.info("upgrade/upgrade.go:92", "Validating Kubernetes version", "kubernetes version", args.positionals().get(0));
        String release = resolve(args.positionals().get(0));
        log.info("upgrade/upgrade.go:98", "Using Kubernetes version", "kubernetes version", release.replaceFirst("-eks-.*", ""));
        log.info("upgrade/upgrade.go:100", "Loading installed components");
        String tracker = host.state().text(LabHost.TRACKER);
        if (tracker == null) {
            log.info("upgrade/upgrade.go:103", "No nodeadm components installed. Please use nodeadm install and nodeadm init "
                    + "commands to bootstrap a node");
            return 0;
        }
        LabNodeadmInit init = new LabNodeadmInit(host, io, log, root);
        if (!args.list("skip").contains("init-validation")) {
            log.info("upgrade/upgrade.go:112", "Validating if node has initialized");
            String[] id = LabNodeadmInit.providerId(host);
            String err = id == null ? "open " + LabHost.KUBELET_CONFIG + ": no such file or directory"
                    : host.backend() == null ? LabNodeadmInit.noAws("kubernetes API server")
                    : host.backend().nodeExists(id[0], id[1], id[2]) ? null : "nodes \"" + id[2] + "\" not found";
            if (err != null) {
                throw new LabNodeadmLog.Failure("node not initialized. Please use nodeadm init command to bootstrap a node. err: "
                        + err);
            }
        }
        log.info("upgrade/upgrade.go:119", "Loading configuration...", "configSource", args.get("config-source"));
        LabNodeConfig cfg = LabNodeConfig.load(host, args.get("config-source"), root);
        log.info("hybrid/validator.go:83", "Validating configuration...");
        cfg.validate(host, host.clock().instant());
        boolean trackedSsm = Boolean.parseBoolean(LabNodeadmFiles.trackerField(tracker, "Ssm"));
        if (trackedSsm != cfg.credentialProvider().equals("ssm")) {
            throw new LabNodeadmLog.Failure("upgrade does not support changing credential providers. Please uninstall and "
                    + "install with new credential provider");
        }
        LabNodeadmPreflight.check(host, log, args.list("skip"), "upgrade/upgrade.go:131");
        Duration step = host.timing().upgrade().dividedBy(4);
        stopKubelet();
        step("Upgrading kubelet...", step);
        String old = host.kubeletVersion();
        if (old != null && old.equals("v" + release)) {
            log.info("flows/upgrade.go:140", "No new version found for artifact kubelet. Skipping upgrade.");
        }
        host.state().write(LabHost.KUBELET_BIN, LabHost.kubeletBinary("v" + release), "0755");
        LabHostFleet.UpgradeFault fault = host.state().takeUpgradeFault();
        if (fault == LabHostFleet.UpgradeFault.CRASH_MID_UPGRADE) {
            dropConnection.run(); // the host rebooted: kubelet down, kubelet replaced, the rest not yet
            return -1;
        }
        if (fault == LabHostFleet.UpgradeFault.REBOOT_MID_UPGRADE) {
            Runnable reboot = host.state().rebooter();
            if (reboot == null) {
                LabHostReboot.apply(host);
            } else {
                Thread t = new Thread(reboot, "lab-reboot"); // the SSH server stops from outside its own threads
                t.setDaemon(true);
                t.start();
            }
            dropConnection.run();
            return -1;
        }
        if (fault == LabHostFleet.UpgradeFault.HANG_MID_UPGRADE) {
            Thread.sleep(Duration.ofHours(1).toMillis()); // until the session closes (interrupted) or the hour ends
        }
        step("Upgrading kubectl, cni-plugins, image credential provider and IAM authenticator...", step);
        host.state().write(LabHost.TRACKER, tracker, "0644");
        List<String> skip = new ArrayList<>(args.list("skip"));
        skip.add("node-inactive-validation"); // an upgrade runs on a node in use, by design
        init.join(cfg, skip);
        return 0;
    }

    private void stopKubelet() {
        if (host.state().unit("kubelet").active()) {
            host.state().unit("kubelet", host.state().unit("kubelet").enabled(), false);
            String[] id = LabNodeadmInit.providerId(host);
            if (id != null && host.backend() != null) {
                host.backend().kubeletStopped(id[0], id[1], id[2]);
            }
        }
    }

    private int uninstall(LabNodeadmArgs args) throws LabNodeadmLog.Failure, IOException, InterruptedException {
        requireRoot();
        log.info("uninstall/uninstall.go:71", "Loading installed components");
        String tracker = host.state().text(LabHost.TRACKER);
        if (tracker == null) {
            log.info("uninstall/uninstall.go:74", "Nodeadm components are already uninstalled");
            return 0;
        }
        LabHostState s = host.state();
        Duration step = host.timing().uninstall().dividedBy(4);
        String[] id = LabNodeadmInit.providerId(host);
        LabNodeadmPreflight.check(host, log, args.list("skip"), "uninstall/uninstall.go:84");
        stopKubelet();
        step("Uninstalling kubelet...", step);
        for (String p : List.of(LabHost.KUBELET_BIN, "/etc/systemd/system/kubelet.service", LabHost.KUBECONFIG,
                "/var/lib/kubelet/pki/kubelet-server-current.pem")) {
            s.remove(p);
        }
        s.removeTree("/etc/kubernetes");
        s.forgetUnit("kubelet");
        if (Boolean.parseBoolean(LabNodeadmFiles.trackerField(tracker, "Ssm"))) {
            s.unit(host.ssmAgentUnit(), false, false);
            String reg = s.text(LabHost.SSM_REGISTRATION);
            if (reg == null) {
                log.info("ssm/uninstall.go:40", "Skipping SSM deregistration - node is not registered");
            } else {
                Matcher m = Pattern.compile("\"ManagedInstanceID\"\\s*:\\s*\"([^\"]+)\".*\"Region\"\\s*:\\s*\"([^\"]+)\"").matcher(reg);
                if (m.find() && host.backend() != null) {
                    log.info("ssm/uninstall.go:52", "Deregistering instance from SSM", "instanceId", m.group(1));
                    host.backend().deregisterSsm(m.group(2), m.group(1));
                }
                s.remove(LabHost.SSM_REGISTRATION);
            }
            step("Uninstalling SSM agent...", step);
            for (String p : List.of("/opt/ssm", "/etc/amazon", "/eks-hybrid/.aws", "/root/.aws", "/snap/amazon-ssm-agent",
                    "/usr/bin/amazon-ssm-agent", "/etc/systemd/system/" + host.ssmAgentUnit(), "/var/lib/amazon/ssm")) {
                s.removeTree(p);
            }
            s.forgetUnit(host.ssmAgentUnit());
            s.ssmIamRole(null);
        }
        if (Boolean.parseBoolean(LabNodeadmFiles.trackerField(tracker, "IamRolesAnywhere"))) {
            s.unit("aws_signing_helper_update", false, false);
            s.remove("/etc/systemd/system/aws_signing_helper_update.service");
            s.forgetUnit("aws_signing_helper_update");
            s.removeTree("/eks-hybrid/.aws");
            s.remove("/usr/local/bin/aws_signing_helper");
        }
        String containerd = LabNodeadmFiles.trackerField(tracker, "Containerd");
        if (!containerd.equals("none") && !containerd.isEmpty()) {
            step("Uninstalling containerd...", step);
            s.unit("containerd", false, false);
            s.remove("/usr/bin/containerd");
            s.remove("/usr/lib/systemd/system/containerd.service");
            s.forgetUnit("containerd");
            s.removeTree("/etc/containerd");
        }
        for (String p : List.of("/usr/local/bin/kubectl", "/opt/cni/bin", "/opt/cni/plugins", "/usr/local/bin/aws-iam-authenticator",
                "/usr/sbin/iptables")) {
            s.removeTree(p);
        }
        s.removeTree("/etc/eks");
        if (args.bools().contains("force") || args.bools().contains("f")) {
            s.removeTree("/var/lib/cni");
            s.removeTree("/etc/cni/net.d");
        }
        step("Finishing up uninstall...", step);
        s.removeTree("/opt/nodeadm");
        if (id != null) {
            log.info("uninstall/uninstall.go:120", "Node uninstalled; its Node object stays in the cluster", "node", id[2]);
        }
        return 0;
    }

    private void requireRoot() throws LabNodeadmLog.Failure {
        if (!root) {
            throw new LabNodeadmLog.Failure("must run as root");
        }
    }

    /** aws.GetLatestSource: the newest release matching major[.minor[.patch]]. */
    static String resolve(String input) throws LabNodeadmLog.Failure {
        Matcher m = SEMVER.matcher(input);
        if (m.matches() && m.group(1).equals("1")) {
            for (int minor = 33; minor >= 26; minor--) {
                String full = RELEASES.get(minor);
                int latestPatch = Integer.parseInt(full.split("[.-]")[2]);
                if (m.group(2) != null && Integer.parseInt(m.group(2)) != minor) {
                    continue;
                }
                if (m.group(3) == null) {
                    return full;
                }
                int patch = Integer.parseInt(m.group(3));
                if (patch <= latestPatch) {
                    return full.replaceFirst("^1\\.\\d+\\.\\d+", "1." + minor + "." + patch);
                }
            }
        }
        throw new LabNodeadmLog.Failure("input semver did not match with any available releases");
    }
}
