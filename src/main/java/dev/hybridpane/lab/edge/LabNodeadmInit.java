package dev.hybridpane.lab.edge;

import dev.hybridpane.domain.edge.FactCommands;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nodeadm init on a lab host, in nodeadm's phase order (nodeadm-day2.md 1.3): root, tracker and containerd, the
 * NodeConfig and ValidateConfig, AWS (SSM registration or a Roles Anywhere session), DescribeCluster, the node-IP,
 * version-skew and cluster-access validations, then the kubelet's files and its start, through the {@link NodeadmBackend}.
 */
final class LabNodeadmInit {
    private static final Pattern PROVIDER_ID = Pattern.compile("\"providerID\"\\s*:\\s*\"eks-hybrid:///([^/]+)/([^/]+)/([^\"]+)\"");

    private final LabHost host;
    private final LabShellCommand.Io io;
    private final LabNodeadmLog log;
    private final boolean root;

    LabNodeadmInit(LabHost host, LabShellCommand.Io io, LabNodeadmLog log, boolean root) {
        this.host = host;
        this.io = io;
        this.log = log;
        this.root = root;
    }

    /** What a lab host without the lab's AWS reports when nodeadm reaches for a service. */
    static String noAws(String what) {
        return "dial tcp: lookup " + what + ": no such host (this lab's edge hosts were started without AWS: no "
                + "NodeadmBackend)";
    }

    /** region, cluster, node name from the kubelet config's providerID, or null. */
    static String[] providerId(LabHost host) {
        String cfg = host.state().text(LabHost.KUBELET_CONFIG);
        Matcher m = cfg == null ? null : PROVIDER_ID.matcher(cfg);
        return m != null && m.find() ? new String[] {m.group(1), m.group(2), m.group(3)} : null;
    }

    int init(LabNodeadmArgs args) throws LabNodeadmLog.Failure, LabNodeadmLog.HelpExit, IOException, InterruptedException {
        if (!root) {
            throw new LabNodeadmLog.Failure("must run as root");
        }
        List<String> skip = args.list("skip");
        if (args.get("config-source").isEmpty()) {
            throw new LabNodeadmLog.HelpExit(LabNodeadmArgs.help("init") + "\n--config-source is a required flag. The format is a "
                    + "URI with supported schemes: [file, imds]. For example on hybrid nodes --config-source "
                    + "file:///root/nodeConfig.yaml");
        }
        if (!skip.contains("install-validation")) {
            log.info("init/init.go:94", "Loading installed components");
            String tracker = host.state().text(LabHost.TRACKER);
            if (tracker == null) {
                log.info("init/init.go:97", "Nodeadm components are not installed. Please run `nodeadm install` before running "
                        + "init");
                return 0;
            }
            if (!host.state().unitKnown("containerd")) {
                throw new LabNodeadmLog.Failure("containerd daemon not found");
            }
        }
        log.info("init/init.go:110", "Loading configuration..", "configSource", args.get("config-source"));
        LabNodeConfig cfg = LabNodeConfig.load(host, args.get("config-source"), root);
        log.info("init/init.go:115", "Loaded configuration", "config", "node.eks.aws/v1alpha1 NodeConfig");
        log.info("hybrid/validator.go:83", "Validating configuration...");
        cfg.validate(host, host.clock().instant());
        join(cfg, skip);
        return 0;
    }

    /** ConfigureAws, Enrich, the validations, then the kubelet: shared by init and upgrade. */
    void join(LabNodeConfig cfg, List<String> skip) throws LabNodeadmLog.Failure, IOException, InterruptedException {
        NodeadmBackend b = host.backend();
        LabHostState s = host.state();
        String nodeName;
        String principal;
        if (cfg.ssm() != null) {
            log.info("ssm/config.go:58", "Registering with SSM...");
            String reg = s.text(LabHost.SSM_REGISTRATION);
            if (reg == null) {
                if (b == null) {
                    throw new LabNodeadmLog.Failure("failed to register SSM agent: " + noAws("ssm." + cfg.region()
                            + ".amazonaws.com"));
                }
                NodeadmBackend.SsmRegistration r;
                try {
                    r = b.registerSsm(cfg.region(), cfg.ssm().activationId(), cfg.ssm().activationCode(),
                            host.profile().name(), host.profile().ip());
                } catch (NodeadmBackend.NodeadmBackendException e) {
                    throw new LabNodeadmLog.Failure(e.getMessage());
                }
                s.write(LabHost.SSM_REGISTRATION, "{\"ManagedInstanceID\":\"" + r.instanceId() + "\",\"Region\":\"" + r.region()
                        + "\"}", "0600");
                s.ssmIamRole(r.iamRole());
                s.write("/root/.aws/credentials", "[default]\naws_access_key_id = ASIA" + hex(r.instanceId(), 16).toUpperCase()
                        + "\naws_secret_access_key = (issued by SSM to " + r.instanceId() + ")\naws_session_token = (rotated hourly)\n",
                        "0600");
                s.unit(host.ssmAgentUnit(), true, true);
                reg = s.text(LabHost.SSM_REGISTRATION);
            } else {
                log.info("ssm/config.go:66", "SSM agent already registered, skipping registration");
            }
            Matcher m = Pattern.compile("\"ManagedInstanceID\"\\s*:\\s*\"([^\"]+)\"").matcher(reg);
            nodeName = m.find() ? m.group(1) : "";
            principal = s.ssmIamRole() == null ? "" : s.ssmIamRole();
        } else {
            LabNodeConfig.RolesAnywhere ra = cfg.iamRa();
            log.info("iamrolesanywhere/config.go:40", "Configuring IAM Roles Anywhere...");
            s.write(ra.awsConfigPath(), LabNodeadmFiles.awsHybridConfig(ra.nodeName(), ra.certificatePath(), ra.privateKeyPath(),
                    ra.trustAnchorArn(), ra.profileArn(), ra.roleArn(), cfg.region()), "0644");
            if (b == null) {
                throw new LabNodeadmLog.Failure("validating IAM Roles Anywhere credentials: " + noAws("rolesanywhere."
                        + cfg.region() + ".amazonaws.com"));
            }
            try {
                // aws_signing_helper's --role-session-name is the nodeName (nodeadm's /etc/aws/hybrid/config)
                principal = b.rolesAnywhereSession(cfg.region(), ra.trustAnchorArn(), ra.profileArn(), ra.roleArn(),
                        ra.nodeName(), cfg.certificatePem(host));
            } catch (NodeadmBackend.NodeadmBackendException e) {
                throw new LabNodeadmLog.Failure(e.getMessage());
            }
            nodeName = ra.nodeName();
        }
        if (b == null) {
            throw new LabNodeadmLog.Failure("operation error EKS: DescribeCluster, " + noAws("eks." + cfg.region()
                    + ".amazonaws.com"));
        }
        log.info("hybrid/enrich.go:30", "Enriching configuration...");
        NodeadmBackend.ClusterView c = b.cluster(cfg.region(), cfg.clusterName()).orElseThrow(() -> new LabNodeadmLog.Failure(
                "operation error EKS: DescribeCluster, https response error StatusCode: 404, RequestID: "
                        + hex(cfg.clusterName(), 8) + "-lab, ResourceNotFoundException: No cluster found for name: "
                        + cfg.clusterName() + "."));
        if (!"ACTIVE".equals(c.status())) {
            throw new LabNodeadmLog.Failure("eks cluster is not active");
        }
        if (!c.remoteNetworkConfig()) {
            throw new LabNodeadmLog.Failure("eks cluster does not have remoteNetworkConfig enabled, which is required for Hybrid "
                    + "Nodes");
        }
        String ip = cfg.flag("node-ip").isEmpty() ? host.profile().ip() : cfg.flag("node-ip");
        if (!skip.contains("node-ip-validation")) {
            log.info("hybrid/validation.go:40", "Validating node IP...");
            if (c.remoteNodeNetworks().stream().noneMatch(cidr -> inCidr(ip, cidr))) {
                throw new LabNodeadmLog.Failure("node IP " + ip + " is not in any of the remote network CIDR blocks: ["
                        + String.join(" ", c.remoteNodeNetworks()) + "]. See https://docs.aws.amazon.com/eks/latest/userguide/"
                        + "hybrid-nodes-troubleshooting.html or use --skip node-ip-validation");
            }
        }
        String kubelet = host.kubeletVersion();
        if (!skip.contains("kubelet-version-skew-validation") && kubelet != null) {
            log.info("hybrid/kubelet.go:40", "Validating kubelet version skew");
            int km = minor(kubelet);
            int am = minor(c.kubernetesVersion());
            if (km > am) {
                throw new LabNodeadmLog.Failure("kubelet version " + kubelet + " is newer than kube-apiserver version "
                        + c.kubernetesVersion());
            }
            if (am - km > 3) {
                throw new LabNodeadmLog.Failure("kubelet version " + kubelet + " is too old for kube-apiserver version "
                        + c.kubernetesVersion() + "; maximum supported version skew is 3 minor versions");
            }
        }
        if (!skip.contains("cluster-access-validation")) {
            log.info("hybrid/access.go:40", "Validating cluster access entries...");
            String role = principal.substring(principal.lastIndexOf('/') + 1);
            boolean found = c.hybridLinuxPrincipals().stream().anyMatch(p -> p.contains("role/" + role + "/")
                    || p.endsWith("role/" + role) || p.endsWith(role));
            if (role.isEmpty() || !found) {
                throw new LabNodeadmLog.Failure("missing access entry of type HYBRID_LINUX with Hybrid Node role principal: "
                        + role);
            }
        }
        if (!skip.contains("node-inactive-validation") && (s.exists("/etc/eks/kubelet/environment")
                || s.unit("kubelet").active())) {
            log.warn("hybrid/validation.go:90", "Node appears to be already in use: found /etc/eks/kubelet/environment or a "
                    + "running kubelet. If this host was a node of another cluster, run 'nodeadm uninstall' before attaching");
        }
        writeKubelet(cfg, c, nodeName, ip);
        Thread.sleep(host.timing().init().toMillis());
        log.info("init/init.go:180", "Starting daemons...");
        s.unit("kubelet", true, true);
        try {
            b.kubeletStarted(new NodeadmBackend.KubeletJoin(cfg.region(), cfg.clusterName(), nodeName, ip,
                    kubelet == null ? "" : kubelet, cfg.credentialProvider(), host.profile().arm() ? "arm64" : "amd64",
                    osImage(), host.state().text("/etc/os-release") == null ? "" : kernel(), labels(cfg), taints(cfg)));
        } catch (NodeadmBackend.NodeadmBackendException e) {
            throw new LabNodeadmLog.Failure(e.getMessage());
        }
        log.info("init/init.go:190", "done!");
    }

    private void writeKubelet(LabNodeConfig cfg, NodeadmBackend.ClusterView c, String nodeName, String ip) throws IOException {
        log.info("init/init.go:160", "Configuring kubelet...");
        LabHostState s = host.state();
        String endpoint = cfg.apiServerEndpoint().isEmpty() ? c.endpoint() : cfg.apiServerEndpoint();
        String ca = cfg.certificateAuthority().isEmpty() ? c.certificateAuthority() : cfg.certificateAuthority();
        String providerId = "eks-hybrid:///" + cfg.region() + "/" + cfg.clusterName() + "/" + nodeName;
        String maxPods = cfg.kubeletConfig().has("maxPods") ? cfg.kubeletConfig().get("maxPods").toString() : null;
        s.write(LabHost.KUBELET_CONFIG, LabNodeadmFiles.kubeletConfig(providerId, "172.20.0.10", maxPods), "0644");
        s.write(LabHost.KUBECONFIG, LabNodeadmFiles.kubeconfig(endpoint, cfg.clusterName(), cfg.region(), cfg.iamRa() != null),
                "0644");
        s.write("/etc/kubernetes/pki/ca.crt", ca == null ? "" : ca, "0644");
        List<String> args = new ArrayList<>(List.of("--node-ip=" + ip, "--hostname-override=" + nodeName, "--cloud-provider=\"\"",
                "--node-labels=" + String.join(",", labels(cfg).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList())));
        if (!cfg.flag("register-with-taints").isEmpty()) {
            args.add("--register-with-taints=" + cfg.flag("register-with-taints"));
        }
        args.add("--image-credential-provider-config=/etc/eks/image-credential-provider/config.json");
        args.add("--image-credential-provider-bin-dir=/etc/eks/image-credential-provider");
        s.write("/etc/eks/kubelet/environment", LabNodeadmFiles.environment(args), "0644");
        s.write("/etc/eks/image-credential-provider/config.json", LabNodeadmFiles.imageCredentialProviderConfig(), "0644");
        s.write("/etc/containerd/config.toml", LabNodeadmFiles.containerdConfig("602401143452.dkr.ecr." + cfg.region()
                + ".amazonaws.com/eks/pause:3.5"), "0644");
        s.write("/etc/modules-load.d/containerd.conf", LabNodeadmFiles.modules(), "0644");
        s.write("/etc/sysctl.d/99-nodeadm.conf", LabNodeadmFiles.sysctl(), "0644");
    }

    /** nodeadm's own labels, then those of {@code --node-labels}. */
    static Map<String, String> labels(LabNodeConfig cfg) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("eks.amazonaws.com/compute-type", "hybrid");
        l.put("eks.amazonaws.com/hybrid-credential-provider", cfg.credentialProvider());
        for (String kv : cfg.flag("node-labels").split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                l.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        return l;
    }

    static List<String> taints(LabNodeConfig cfg) {
        List<String> t = new ArrayList<>();
        for (String x : cfg.flag("register-with-taints").split(",")) {
            if (!x.isBlank()) {
                t.add(x.strip());
            }
        }
        return t;
    }

    private String osImage() {
        String rel = host.state().text("/etc/os-release");
        Matcher m = rel == null ? null : Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\n]*)\"?").matcher(rel);
        return m != null && m.find() ? m.group(1) : "Linux";
    }

    private String kernel() {
        String uname = LabHostOutputs.of(host.profile(), host.clock()).get(FactCommands.UNAME);
        return uname == null ? "" : uname.split(" ")[0];
    }

    static int minor(String version) {
        String[] p = version.replaceFirst("^v", "").split("[.-]");
        return p.length > 1 ? Integer.parseInt(p[1]) : 0;
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            String[] c = cidr.split("/");
            byte[] a = InetAddress.getByName(ip).getAddress();
            byte[] n = InetAddress.getByName(c[0]).getAddress();
            int bits = Integer.parseInt(c[1]);
            if (a.length != n.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(a.length * 8).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(a.length * 8 - bits).subtract(BigInteger.ONE));
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private static String hex(String seed, int len) {
        String h = Integer.toHexString(seed.hashCode() & 0x7fffffff) + Integer.toHexString(seed.length() * 2654435 & 0x7fffffff)
                + "0000000000000000";
        return h.substring(0, len);
    }
}
