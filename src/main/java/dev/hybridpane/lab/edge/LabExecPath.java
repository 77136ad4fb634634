package dev.hybridpane.lab.edge;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a simulated host's shell finds a program for an SSH exec request: the PATH sshd gives the session on each
 * distribution, an assignment to PATH in front of the command ({@code PATH=DIRS:$PATH; export PATH; CMD}), and where
 * each program lives. Written from the distributions: Debian builds OpenSSH with the default path
 * {@code /usr/local/bin:/usr/bin:/bin:/usr/games} (no sbin directory for users other than root); Ubuntu's sshd runs
 * pam_env, which sets PATH from {@code /etc/environment} (sbin directories included); Fedora, RHEL and Amazon Linux build
 * it with {@code /usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin}. All these releases are merged-/usr ({@code /bin} is
 * {@code /usr/bin}, {@code /sbin} is {@code /usr/sbin}). A program the host lacks ({@link LabHostProfile#missing()}) or
 * that is on none of the PATH's directories is bash's "command not found", exit 127.
 */
final class LabExecPath {
    private static final Pattern PREFIX = Pattern.compile("^PATH=([^;\\s]*); *export PATH; *(.*)$", Pattern.DOTALL);
    /** Programs of util-linux, conntrack, iptables, nftables, procps and ufw that the distributions put in sbin. */
    private static final Set<String> SBIN = Set.of("swapon", "swapoff", "mkswap", "conntrack", "iptables", "iptables-save",
            "ip6tables", "nft", "sysctl", "ufw", "modprobe", "blkid");
    /** bash's own words: never looked up on PATH. */
    private static final Set<String> BUILTINS = Set.of("if", "for", "while", "[", "test", "true", "false", "echo", "command",
            "export", "cd", "exit", "type", ":");

    private LabExecPath() {
    }

    /** A command line with its PATH: the session's, or the one assigned in front of it. */
    record Line(List<String> path, String command) {
    }

    static List<String> sessionPath(LabHostProfile p) {
        if (p.distro().startsWith("debian")) {
            return split("/usr/local/bin:/usr/bin:/bin:/usr/games");
        }
        if (p.distro().startsWith("ubuntu")) {
            return split("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin");
        }
        return split("/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin");
    }

    static Line parse(LabHostProfile p, String cmd) {
        List<String> session = sessionPath(p);
        Matcher m = PREFIX.matcher(cmd);
        if (!m.matches()) {
            return new Line(session, cmd);
        }
        String value = m.group(1).replace("${PATH}", "$PATH").replace("$PATH", String.join(":", session));
        return new Line(split(value), m.group(2).strip());
    }

    /** The directories a program is installed in on this host (merged-/usr), empty when the host lacks it. */
    static List<String> homes(LabHostProfile p, String program) {
        if (p.missing().contains(program)) {
            return List.of();
        }
        if (program.equals("nodeadm")) {
            return List.of("/usr/local/bin");
        }
        if (program.equals("ip")) {
            // iproute2: /bin/ip (and an /sbin/ip link) on Debian and Ubuntu; /usr/sbin/ip on RHEL and Amazon Linux
            boolean debianLike = p.distro().startsWith("debian") || p.distro().startsWith("ubuntu");
            return debianLike ? List.of("/usr/bin", "/usr/sbin") : List.of("/usr/sbin");
        }
        return SBIN.contains(program) ? List.of("/usr/sbin") : List.of("/usr/bin");
    }

    /** Whether {@code program} (a bare name; a path or a shell word always is) is found on {@code path}. */
    static boolean found(LabHostProfile p, String program, List<String> path) {
        if (program.startsWith("/") || BUILTINS.contains(program)) {
            return true;
        }
        List<String> homes = homes(p, program);
        return path.stream().map(LabExecPath::merged).anyMatch(homes::contains);
    }

    private static String merged(String dir) {
        String d = dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
        return d.equals("/bin") ? "/usr/bin" : d.equals("/sbin") ? "/usr/sbin" : d;
    }

    private static List<String> split(String path) {
        return Arrays.stream(path.split(":")).filter(s -> !s.isEmpty()).toList();
    }
}
