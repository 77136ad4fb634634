package dev.hybridpane.domain.edge;

import java.util.List;

/**
 * The read-only commands the console runs on a host to learn its facts, in order. None needs root. Each runs through
 * {@link #onAdminPath(String)}: sshd's exec channel on Debian has {@code PATH=/usr/local/bin:/usr/bin:/bin:/usr/games},
 * without the directories administrators' tools live in ({@code swapon}, {@code conntrack}, {@code iptables} are in
 * {@code /usr/sbin}). Where a kernel file tells the truth, it is read instead of a tool ({@code /proc/swaps}).
 * Every command's exit status and stderr are read ({@link FactOutput}): a command that fails leaves its fact unknown.
 * The lab's simulated hosts answer these.
 */
public final class FactCommands {
    private FactCommands() {
    }

    public static final String HOSTNAME = "hostname";
    public static final String OS_RELEASE = "cat /etc/os-release";
    public static final String UNAME = "uname -rm";
    public static final String NPROC = "nproc";
    public static final String MEMINFO = "cat /proc/meminfo";
    public static final String DF_ROOT = "df -P -k /";
    public static final String IP_ADDR = "ip -j addr show";
    public static final String IP_ROUTE = "ip -j route show default";
    public static final String TIMEDATECTL = "timedatectl show";
    /** The kernel's own list of active swap areas (a header line, then one line per area). */
    public static final String SWAPS = "cat /proc/swaps";
    public static final String PACKAGES = "for c in " + String.join(" ", SupportMatrix.REQUIRED_COMMANDS.keySet())
            + "; do if command -v \"$c\" >/dev/null 2>&1; then echo \"$c yes\"; else echo \"$c no\"; fi; done";
    public static final String PACKAGE_INDEX = "date +%s; stat -c %Y /var/cache/apt/pkgcache.bin "
            + "/var/cache/dnf/*/repodata/repomd.xml 2>/dev/null; true";
    public static final String NODEADM = "if command -v nodeadm >/dev/null 2>&1; then nodeadm version 2>&1 | head -n 1; else echo none; fi";
    public static final String KUBELET = "if command -v kubelet >/dev/null 2>&1; then kubelet --version; else echo none; fi";
    /** "none" without a kubelet kubeconfig; its server line; a failure (unreadable file) leaves the fact unknown. */
    public static final String EXISTING_NODE = "if [ -e /var/lib/kubelet/kubeconfig ]; then grep -m1 -h 'server:' "
            + "/var/lib/kubelet/kubeconfig; else echo none; fi";
    /** Where administrators' tools live, put before the exec channel's own PATH. */
    public static final String ADMIN_PATH = "/usr/local/sbin:/usr/sbin:/sbin";

    public static final String SUDO_NOPASSWD = "sudo -n true";
    /** The password goes to stdin, never onto the command line. */
    public static final String SUDO_STDIN = "sudo -S -p '' true";

    public static final List<String> ALL = List.of(HOSTNAME, OS_RELEASE, UNAME, NPROC, MEMINFO, DF_ROOT, IP_ADDR, IP_ROUTE,
            TIMEDATECTL, SWAPS, PACKAGES, PACKAGE_INDEX, NODEADM, KUBELET, EXISTING_NODE);

    /** The command line sent for a fact command: the admin directories first on PATH, then the command. */
    public static String onAdminPath(String command) {
        return "PATH=" + ADMIN_PATH + ":$PATH; export PATH; " + command;
    }
}
