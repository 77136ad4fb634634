package dev.hybridpane.lab.edge;

import dev.hybridpane.domain.edge.FactCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a simulated host prints for each command the console runs, in the shape real systems print it. */
final class LabHostOutputs {
    private LabHostOutputs() {
    }

    static Map<String, String> of(LabHostProfile h, Clock clock) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean ubuntuLike = h.distro().startsWith("ubuntu") || h.distro().startsWith("debian");
        String nic = nic(h);
        m.put(FactCommands.HOSTNAME, h.name() + "\n");
        m.put(FactCommands.OS_RELEASE, resource("os-release-" + h.distro()));
        m.put(FactCommands.UNAME, kernel(h) + " " + h.arch() + "\n");
        m.put("uname -a", "Linux " + h.name() + " " + kernel(h) + " #1 SMP PREEMPT_DYNAMIC " + h.arch() + " GNU/Linux\n");
        m.put(FactCommands.NPROC, h.cpus() + "\n");
        m.put(FactCommands.MEMINFO, meminfo(h));
        m.put(FactCommands.DF_ROOT, df(h, ubuntuLike));
        m.put(FactCommands.IP_ADDR, ipAddr(h, nic));
        m.put(FactCommands.IP_ROUTE, "[{\"dst\":\"default\",\"gateway\":\"" + h.gateway() + "\",\"dev\":\"" + nic
                + "\",\"protocol\":\"static\",\"flags\":[]}]\n");
        m.put(FactCommands.TIMEDATECTL, "Timezone=Etc/UTC\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized="
                + (h.ntpSynced() ? "yes" : "no") + "\nTimeUSec=" + clock.instant() + "\nRTCTimeUSec=" + clock.instant() + "\n");
        if (!h.missing().contains("/proc/swaps")) {
            // a kernel built without CONFIG_SWAP has no /proc/swaps: cat says so
            m.put(FactCommands.SWAPS, procSwaps(h));
        }
        long now = clock.instant().getEpochSecond();
        m.put(FactCommands.PACKAGE_INDEX, now + "\n" + (now - h.indexAgeHours() * 3600 - 120) + "\n");
        m.put(FactCommands.NODEADM, h.kubelet() != null ? "v1.0.6\n" : "none\n");
        m.put(FactCommands.KUBELET, h.kubelet() != null ? "Kubernetes " + h.kubelet() + "\n" : "none\n");
        m.put(FactCommands.EXISTING_NODE, h.kubelet() != null
                ? "    server: https://4F1C8E2D9A7B3C5E.gr7.us-west-2.eks.amazonaws.com\n" : "none\n");
        return m;
    }

    /** The host's network interface: ens18 (Ubuntu, Debian), ens192 (RHEL), eth0 (Amazon Linux). */
    static String nic(LabHostProfile h) {
        boolean ubuntuLike = h.distro().startsWith("ubuntu") || h.distro().startsWith("debian");
        return ubuntuLike ? "ens18" : h.distro().startsWith("rhel") ? "ens192" : "eth0";
    }

    /**
     * /proc/swaps as the kernel prints it (mm/swapfile.c swap_show): a header, then per area its path padded to 40
     * columns, "partition" or "file", size and used in KiB, priority. The swap device is the distribution installer's:
     * a swap file on Debian and Ubuntu, the LVM volume on RHEL, a partition elsewhere.
     */
    static String procSwaps(LabHostProfile h) {
        String header = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";
        if (!h.swap()) {
            return header;
        }
        String path = swapPath(h);
        boolean file = !path.startsWith("/dev/");
        long size = file ? 2097148 : 4194300;
        return header + path + " ".repeat(Math.max(1, 40 - path.length())) + (file ? "file\t" : "partition") + "\t" + size
                + "\t" + (size < 10000000 ? "\t" : "") + "0\t\t-2\n";
    }

    /** swapon --show (util-linux): a header and a line per area, nothing at all when swap is off. */
    static String swaponShow(LabHostProfile h) {
        if (!h.swap()) {
            return "";
        }
        String path = swapPath(h);
        boolean file = !path.startsWith("/dev/");
        String fmt = "%-" + path.length() + "s %-" + (file ? 4 : 9) + "s %4s %4s %4s\n";
        return String.format(Locale.ROOT, fmt, "NAME", "TYPE", "SIZE", "USED", "PRIO")
                + String.format(Locale.ROOT, fmt, path, file ? "file" : "partition", file ? "2G" : "4G", "0B", "-2");
    }

    private static String swapPath(LabHostProfile h) {
        return h.distro().startsWith("debian") ? "/swapfile" : h.distro().startsWith("ubuntu") ? "/swap.img"
                : h.distro().startsWith("rhel") ? "/dev/dm-1" : "/dev/nvme0n1p3";
    }

    private static String kernel(LabHostProfile h) {
        String arch = h.arm() ? "aarch64" : "x86_64";
        return switch (h.distro()) {
            case "ubuntu-20.04" -> "5.4.0-200-generic";
            case "ubuntu-22.04" -> "5.15.0-126-generic";
            case "ubuntu-24.04" -> "6.8.0-49-generic";
            case "rhel-9" -> "5.14.0-427.13.1.el9_4." + arch;
            case "al2023" -> "6.1.129-138.220.amzn2023." + arch;
            case "debian-12" -> h.arm() ? "6.1.0-27-arm64" : "6.1.0-27-amd64";
            default -> "6.1.0";
        };
    }

    private static String meminfo(LabHostProfile h) {
        long total = h.memKiB() - h.memKiB() / 40;
        long free = total * 7 / 10;
        long swap = h.swap() ? 4194300 : 0;
        return String.format(Locale.ROOT, "MemTotal:       %8d kB%nMemFree:        %8d kB%nMemAvailable:   %8d kB%n"
                + "Buffers:           68348 kB%nCached:          1716516 kB%nSwapCached:            0 kB%n"
                + "SwapTotal:      %8d kB%nSwapFree:       %8d kB%nHugePages_Total:       0%nHugepagesize:       2048 kB%n",
                total, free, free + 200000, swap, swap).replace("\r", "");
    }

    private static String df(LabHostProfile h, boolean ubuntuLike) {
        String dev = ubuntuLike ? "/dev/sda2" : h.distro().startsWith("rhel") ? "/dev/mapper/rhel-root" : "/dev/nvme0n1p1";
        long avail = h.diskFreeKiB();
        long used = avail / 5;
        long size = avail + used + 1024 * 512;
        return String.format(Locale.ROOT, "Filesystem            1024-blocks      Used Available Capacity Mounted on%n"
                + "%-21s %11d %9d %9d %7d%% /%n", dev, size, used, avail, used * 100 / size).replace("\r", "");
    }

    private static String ipAddr(LabHostProfile h, String nic) {
        String bcast = h.ip().substring(0, h.ip().lastIndexOf('.')) + ".255";
        String mac = String.format(Locale.ROOT, "bc:24:11:%02x:%02x:%02x", h.name().hashCode() & 0xff,
                (h.name().hashCode() >> 8) & 0xff, (h.name().hashCode() >> 16) & 0xff);
        return "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],\"mtu\":65536,\"qdisc\":\"noqueue\","
                + "\"operstate\":\"UNKNOWN\",\"group\":\"default\",\"txqlen\":1000,\"link_type\":\"loopback\","
                + "\"address\":\"00:00:00:00:00:00\",\"broadcast\":\"00:00:00:00:00:00\",\"addr_info\":[{\"family\":\"inet\","
                + "\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":\"host\",\"label\":\"lo\",\"valid_life_time\":4294967295,"
                + "\"preferred_life_time\":4294967295},{\"family\":\"inet6\",\"local\":\"::1\",\"prefixlen\":128,\"scope\":\"host\","
                + "\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}]},{\"ifindex\":2,\"ifname\":\"" + nic
                + "\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"qdisc\":\"fq_codel\","
                + "\"operstate\":\"UP\",\"group\":\"default\",\"txqlen\":1000,\"link_type\":\"ether\",\"address\":\"" + mac
                + "\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"" + h.ip()
                + "\",\"prefixlen\":" + h.prefix() + ",\"broadcast\":\"" + bcast + "\",\"scope\":\"global\",\"label\":\"" + nic
                + "\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}]}]\n";
    }

    private static String resource(String name) {
        try (InputStream in = LabHostOutputs.class.getResourceAsStream("/dev/hybridpane/lab/edge/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing lab resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
