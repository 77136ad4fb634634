package dev.hybridpane.lab.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One simulated edge host: what it runs and how it behaves.
 *
 * @param distro the fixture name of its OS ("ubuntu-22.04", "rhel-9", "al2023", "debian-12", ...)
 * @param arch uname -m ("x86_64", "aarch64")
 * @param missing programs it lacks (bash's "command not found"), such as a required command or sudo; an absolute path
 *        is a kernel file it lacks ("/proc/swaps": a kernel built without swap support)
 * @param indexAgeHours age of its package index
 * @param sudoPassword non-null when sudo asks for a password (the lab's own, not a secret)
 * @param behaviour how it answers the network
 */
public record LabHostProfile(String name, String site, String distro, String user, String arch, String ip, int prefix,
        String gateway, int cpus, long memKiB, long diskFreeKiB, boolean swap, boolean ntpSynced, List<String> missing,
        long indexAgeHours, String kubelet, String sudoPassword, Behaviour behaviour) {

    public enum Behaviour {
        NORMAL, UNREACHABLE, KEY_CHANGES_AFTER_FIRST_LOGIN,
        /** Closes the SSH session during its first {@code nodeadm install} (after the kubelet); a retry succeeds. */
        DROPS_CONNECTION_DURING_FIRST_INSTALL
    }

    public LabHostProfile {
        missing = List.copyOf(missing == null ? List.of() : missing);
    }

    public boolean arm() {
        return arch.equals("aarch64");
    }

    /** The 12 hosts of the lab's retail-edge cluster: two sites of six, mixed on purpose. */
    public static List<LabHostProfile> seed() {
        long g = 1024L * 1024;
        return List.of(
                host("dallas-01", "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.1.11", 4, 16 * g, 82 * g),
                new LabHostProfile("dallas-02", "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.1.12", 24,
                        "10.200.1.1", 8, 32 * g, 410 * g, false, true, List.of(), 3, "v1.31.7-eks-473151a", null,
                        Behaviour.NORMAL),
                host("dallas-03", "dallas-dc", "ubuntu-24.04", "ubuntu", "x86_64", "10.200.1.13", 4, 16 * g, 90 * g),
                host("dallas-04", "dallas-dc", "rhel-9", "cloud-user", "x86_64", "10.200.1.14", 8, 32 * g, 66 * g),
                new LabHostProfile("dallas-05", "dallas-dc", "ubuntu-20.04", "ubuntu", "x86_64", "10.200.1.15", 24,
                        "10.200.1.1", 2, 4 * g, 35 * g, false, true, List.of(), 30, null, null, Behaviour.NORMAL),
                // Debian 12 as installed with a root password: no sudo; a swap file is active
                new LabHostProfile("dallas-06", "dallas-dc", "debian-12", "debian", "x86_64", "10.200.1.16", 24,
                        "10.200.1.1", 2, 8 * g, 40 * g, true, true, List.of("sudo"), 5, null, null, Behaviour.NORMAL),
                host("austin-01", "austin-store-112", "al2023", "ec2-user", "aarch64", "10.200.2.21", 4, 8 * g, 28 * g),
                host("austin-02", "austin-store-112", "al2023", "ec2-user", "x86_64", "10.200.2.22", 2, 4 * g, 25 * g),
                host("austin-03", "austin-store-112", "ubuntu-24.04", "ubuntu", "x86_64", "192.168.10.23", 2, 8 * g, 50 * g),
                new LabHostProfile("austin-04", "austin-store-112", "rhel-9", "cloud-user", "x86_64", "10.200.2.24", 24,
                        "10.200.2.1", 4, 8 * g, 45 * g, true, false, List.of("conntrack"), 2, null, "lab-sudo",
                        Behaviour.NORMAL),
                new LabHostProfile("austin-05", "austin-store-112", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.2.25", 24,
                        "10.200.2.1", 2, 4 * g, 30 * g, false, true, List.of(), 2, null, null, Behaviour.UNREACHABLE),
                new LabHostProfile("austin-06", "austin-store-112", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.2.26", 24,
                        "10.200.2.1", 2, 4 * g, 30 * g, false, true, List.of(), 2, null, null,
                        Behaviour.KEY_CHANGES_AFTER_FIRST_LOGIN));
    }

    /**
     * The lab's hosts: the twelve of {@link #seed()} (austin-04 has no passwordless sudo; austin-03's IP is outside the
     * remote node networks), plus room for the seeded pools and new ones: ten more Dallas hosts (Ubuntu 22.04/24.04 and
     * RHEL 9, all compatible), four Austin AL2023 arm64 hosts like the store pool's, dallas-17, which drops its SSH
     * connection during its first nodeadm install, and the hosts the world's seeded pools run on: dallas-18 to dallas-21
     * (Ubuntu 22.04, the dallas-gpu pool) and austin-11 to austin-14 (AL2023 arm64, the store-pos pool). 35 hosts.
     */
    public static List<LabHostProfile> world() {
        return world(0);
    }

    /** The most extra hosts {@link #world(int)} adds (they fill dallas-dc's /24 from .40). */
    public static final int MAX_EXTRA = 200;

    /**
     * {@link #world()} and {@code extra} more free Ubuntu 22.04 hosts at dallas-dc, dallas-x001 onwards at 10.200.1.40
     * onwards, for scale work ({@code hybridpane lab --lab-hosts N}).
     */
    public static List<LabHostProfile> world(int extra) {
        if (extra < 0 || extra > MAX_EXTRA) {
            throw new IllegalArgumentException("extra hosts must be 0 to " + MAX_EXTRA + ", not " + extra);
        }
        long g = 1024L * 1024;
        List<LabHostProfile> all = new ArrayList<>(seed());
        String[] distros = {"ubuntu-22.04", "ubuntu-22.04", "ubuntu-24.04", "rhel-9"};
        for (int i = 7; i <= 16; i++) {
            String distro = distros[i % distros.length];
            all.add(host(String.format(Locale.ROOT, "dallas-%02d", i), "dallas-dc", distro,
                    distro.startsWith("rhel") ? "cloud-user" : "ubuntu", "x86_64", "10.200.1." + (10 + i), 8, 32 * g, 120 * g));
        }
        for (int i = 7; i <= 10; i++) {
            all.add(host(String.format(Locale.ROOT, "austin-%02d", i), "austin-store-112", "al2023", "ec2-user", "aarch64",
                    "10.200.2." + (20 + i), 4, 8 * g, 40 * g));
        }
        all.add(new LabHostProfile("dallas-17", "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.1.27", 24,
                "10.200.1.1", 4, 16 * g, 80 * g, false, true, List.of(), 5, null, null,
                Behaviour.DROPS_CONNECTION_DURING_FIRST_INSTALL));
        for (int i = 18; i <= 21; i++) {
            all.add(host(String.format(Locale.ROOT, "dallas-%02d", i), "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64",
                    "10.200.1." + (10 + i), 16, 64 * g, 400 * g));
        }
        for (int i = 11; i <= 14; i++) {
            all.add(host(String.format(Locale.ROOT, "austin-%02d", i), "austin-store-112", "al2023", "ec2-user", "aarch64",
                    "10.200.2." + (20 + i), 4, 8 * g, 40 * g));
        }
        for (int i = 1; i <= extra; i++) {
            all.add(host(String.format(Locale.ROOT, "dallas-x%03d", i), "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64",
                    "10.200.1." + (39 + i), 4, 16 * g, 100 * g));
        }
        return List.copyOf(all);
    }

    private static LabHostProfile host(String name, String site, String distro, String user, String arch, String ip,
            int cpus, long memKiB, long diskKiB) {
        String gw = ip.substring(0, ip.lastIndexOf('.')) + ".1";
        return new LabHostProfile(name, site, distro, user, arch, ip, 24, gw, cpus, memKiB, diskKiB, false, true, List.of(),
                5, null, null, Behaviour.NORMAL);
    }
}
