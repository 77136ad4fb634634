package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.ShellQuote;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The exact commands and file contents of one host's pool steps, in the vocabulary the console and the lab's hosts
 * agree on: every command is one SSH exec request, paths are absolute, file content goes on stdin, and everything
 * that needs root runs under {@code sudo -n} (a host without passwordless sudo is refused after {@link #SUDO_CHECK}).
 * Every value put on a command line (a path, a unit, a version) is one shell word ({@link ShellQuote#word}).
 */
public final class HostCommands {
    public static final String SUDO_CHECK = "sudo -n true";
    public static final String NODECONFIG_PATH = "/etc/hybridpane/nodeconfig.yaml";
    public static final String CONFIG_SOURCE = "file://" + NODECONFIG_PATH;
    public static final String NTP_PATH_UBUNTU = "/etc/chrony/conf.d/hybridpane.conf";
    public static final String NTP_PATH_OTHER = "/etc/chrony.d/hybridpane.conf";
    public static final String ROUTE_UNIT = "hybridpane-route.service";
    public static final String ROUTE_UNIT_PATH = "/etc/systemd/system/" + ROUTE_UNIT;
    public static final String CERTIFICATE_PATH = NodeCredentials.RolesAnywhere.CERTIFICATE_PATH;
    public static final String PRIVATE_KEY_PATH = NodeCredentials.RolesAnywhere.PRIVATE_KEY_PATH;
    public static final String PROVIDER_ID_PREFIX = "eks-hybrid:///";

    private HostCommands() {
    }

    /** The sentence for a host whose {@code sudo -n true} failed. */
    public static String sudoRefused(String host, String output) {
        String why = output == null || output.isBlank() ? "" : " (" + output.strip().lines().findFirst().orElse("") + ")";
        return "Host " + host + " has no passwordless sudo" + why + ": pool operations run nodeadm as root with "
                + "sudo -n; give the SSH user a NOPASSWD sudo rule.";
    }

    public static HostCommand exists(String path) {
        return HostCommand.of("sudo -n test -e " + ShellQuote.word(path));
    }

    public static HostCommand cat(String path) {
        return HostCommand.of("sudo -n cat " + ShellQuote.word(path));
    }

    public static HostCommand remove(String path) {
        return HostCommand.of("sudo -n rm -f " + ShellQuote.word(path));
    }

    /** Writes {@code content} to {@code path} with octal {@code mode}; shown as it is. */
    public static HostCommand writeFile(String path, String mode, String content) {
        return new HostCommand(install(path, mode), content, content);
    }

    private static String install(String path, String mode) {
        if (!mode.matches("0[0-7]{3}")) {
            throw new IllegalArgumentException("mode must be octal such as 0644, not " + mode);
        }
        return "sudo -n install -D -m " + mode + " /dev/stdin " + ShellQuote.word(path);
    }

    public static HostCommand daemonReload() {
        return HostCommand.of("sudo -n systemctl daemon-reload");
    }

    public static HostCommand enableNow(String unit) {
        return HostCommand.of("sudo -n systemctl enable --now " + ShellQuote.word(unit));
    }

    public static HostCommand disableNow(String unit) {
        return HostCommand.of("sudo -n systemctl disable --now " + ShellQuote.word(unit));
    }

    public static HostCommand restart(String unit) {
        return HostCommand.of("sudo -n systemctl restart " + ShellQuote.word(unit));
    }

    public static HostCommand isActive(String unit) {
        return HostCommand.of("systemctl is-active " + ShellQuote.word(unit));
    }

    // NTP ----------------------------------------------------------------------------------------------------------

    /** Where chrony reads extra sources: its conf.d on Ubuntu, /etc/chrony.d elsewhere ({@code osId}: os-release ID). */
    public static String ntpPath(String osId) {
        return "ubuntu".equals(osId) ? NTP_PATH_UBUNTU : NTP_PATH_OTHER;
    }

    /** chrony's unit: chrony on Ubuntu, chronyd elsewhere. */
    public static String ntpService(String osId) {
        return "ubuntu".equals(osId) ? "chrony" : "chronyd";
    }

    /** One {@code server NAME iburst} line a server. */
    public static String ntpContent(List<String> servers) {
        StringBuilder b = new StringBuilder("# Written by HybridPane: the node pool's NTP servers.\n");
        servers.forEach(s -> b.append("server ").append(s.strip()).append(" iburst\n"));
        return b.toString();
    }

    /** The NTP file (0644) and chrony's restart. */
    public static List<HostCommand> ntp(String osId, List<String> servers) {
        return List.of(writeFile(ntpPath(osId), "0644", ntpContent(servers)), restart(ntpService(osId)));
    }

    // VPN static route ----------------------------------------------------------------------------------------------

    /** A oneshot unit that routes each VPC CIDR through the VPN server, at every boot. */
    public static String routeUnit(List<String> vpcCidrs, String vpnServerIp) {
        if (vpcCidrs.isEmpty()) {
            throw new IllegalArgumentException("a static route needs the VPC CIDR");
        }
        StringBuilder b = new StringBuilder();
        b.append("# Written by HybridPane: the VPC is reached through the VPN server ").append(vpnServerIp).append(".\n");
        b.append("[Unit]\n");
        b.append("Description=HybridPane static route to the EKS VPC through ").append(vpnServerIp).append('\n');
        b.append("Wants=network-online.target\n");
        b.append("After=network-online.target\n\n");
        b.append("[Service]\n");
        b.append("Type=oneshot\n");
        vpcCidrs.forEach(c -> b.append("ExecStart=/sbin/ip route replace ").append(c.strip()).append(" via ")
                .append(vpnServerIp).append('\n'));
        b.append("RemainAfterExit=yes\n\n");
        b.append("[Install]\n");
        b.append("WantedBy=multi-user.target\n");
        return b.toString();
    }

    /** The unit file (0644), daemon-reload, enable --now. */
    public static List<HostCommand> route(List<String> vpcCidrs, String vpnServerIp) {
        return List.of(writeFile(ROUTE_UNIT_PATH, "0644", routeUnit(vpcCidrs, vpnServerIp)), daemonReload(),
                enableNow(ROUTE_UNIT));
    }

    // Credentials and NodeConfig -----------------------------------------------------------------------------------

    /** The NodeConfig, 0600; shown with the activation code masked. */
    public static HostCommand writeNodeConfig(NodeConfig config) {
        String yaml = NodeConfigs.toYaml(config);
        return new HostCommand(install(NODECONFIG_PATH, "0600"), yaml, NodeConfigs.masked(yaml));
    }

    /** The IAM Roles Anywhere certificate, 0644. */
    public static HostCommand writeCertificate(String pem) {
        return writeFile(CERTIFICATE_PATH, "0644", pem);
    }

    /** The IAM Roles Anywhere private key, 0600; never shown. */
    public static HostCommand writePrivateKey(String pem) {
        return new HostCommand(install(PRIVATE_KEY_PATH, "0600"), pem, "(private key, not shown)");
    }

    // nodeadm --------------------------------------------------------------------------------------------------------

    public static HostCommand nodeadmInstall(String kubernetesVersion, CredentialProvider provider, ContainerdSource source) {
        Objects.requireNonNull(provider, "provider");
        return HostCommand.of("sudo -n nodeadm install " + ShellQuote.word(kubernetesVersion) + " -p " + provider.id() + " -s "
                + (source == null ? ContainerdSource.DISTRO : source).id());
    }

    public static HostCommand nodeadmInit() {
        return HostCommand.of("sudo -n nodeadm init -c " + CONFIG_SOURCE);
    }

    public static HostCommand nodeadmUpgrade(String kubernetesVersion) {
        return HostCommand.of("sudo -n nodeadm upgrade " + ShellQuote.word(kubernetesVersion) + " -c " + CONFIG_SOURCE);
    }

    /** {@code skipValidation}: skip nodeadm's pod and node validations (the console drained the node itself). */
    public static HostCommand nodeadmUninstall(boolean skipValidation, boolean force) {
        List<String> parts = new ArrayList<>(List.of("sudo -n nodeadm uninstall"));
        if (skipValidation) {
            parts.add("--skip pod-validation,node-validation");
        }
        if (force) {
            parts.add("--force");
        }
        return HostCommand.of(String.join(" ", parts));
    }

    public static HostCommand nodeadmConfigCheck() {
        return HostCommand.of("nodeadm config check -c " + CONFIG_SOURCE);
    }

    public static HostCommand nodeadmVersion() {
        return HostCommand.of("nodeadm version");
    }

    // Observing ------------------------------------------------------------------------------------------------------

    /** Exit 0 when {@code nodeadm install} has run (its tracker exists). */
    public static HostCommand trackerExists() {
        return exists(NodeadmTracker.PATH);
    }

    public static HostCommand readTracker() {
        return cat(NodeadmTracker.PATH);
    }

    public static HostCommand registrationExists() {
        return exists(SsmRegistration.PATH);
    }

    public static HostCommand readRegistration() {
        return cat(SsmRegistration.PATH);
    }

    /**
     * The node's name: the managed instance id of the host's SSM registration, or the IAM Roles Anywhere nodeName.
     * For SSM without a registration (init has not registered the host yet) there is none: null.
     */
    public static String nodeName(NodeCredentials credentials, SsmRegistration registration) {
        if (credentials instanceof NodeCredentials.RolesAnywhere ra) {
            return ra.nodeName();
        }
        return registration == null ? null : registration.managedInstanceId();
    }

    /** {@code eks-hybrid:///REGION/CLUSTER/NODENAME}, the providerID nodeadm gives the kubelet. */
    public static String providerId(String region, String cluster, String nodeName) {
        return PROVIDER_ID_PREFIX + region + "/" + cluster + "/" + nodeName;
    }
}
