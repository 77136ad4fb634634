package dev.hybridpane.lab.edge;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one simulated host keeps between commands: its files (all owned by root, each with its octal mode), its systemd
 * units (enabled, active) and the few things its own programs remember. In memory: the host lives as long as the lab.
 */
final class LabHostState {

    /** A regular file: its bytes and its octal mode ("0644"). */
    record FileEntry(byte[] content, String mode) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        boolean worldReadable() {
            return (Integer.parseInt(mode, 8) & 04) != 0;
        }
    }

    /** A systemd unit the host knows. */
    record Unit(boolean enabled, boolean active) {
    }

    private final NavigableMap<String, FileEntry> files = new TreeMap<>();
    private final Map<String, Unit> units = new TreeMap<>();
    /** The IAM role of the activation the SSM agent registered with (the agent knows it; nodeadm asks it). */
    private String ssmIamRole;
    private boolean droppedInstall;
    private volatile LabHostNetwork network = LabHostNetwork.forDistro("");

    /** Its firewall and network faults. */
    LabHostNetwork network() {
        return network;
    }

    void network(LabHostNetwork n) {
        network = n;
    }

    synchronized FileEntry file(String path) {
        return files.get(path);
    }

    synchronized String text(String path) {
        FileEntry e = files.get(path);
        return e == null ? null : e.text();
    }

    /** A file, or a directory: some file lies under it. */
    synchronized boolean exists(String path) {
        if (files.containsKey(path)) {
            return true;
        }
        String dir = path.endsWith("/") ? path : path + "/";
        String next = files.ceilingKey(dir);
        return next != null && next.startsWith(dir);
    }

    synchronized boolean isDirectory(String path) {
        return !files.containsKey(path) && exists(path);
    }

    synchronized void write(String path, byte[] content, String mode) {
        files.put(path, new FileEntry(content.clone(), mode));
    }

    synchronized void write(String path, String content, String mode) {
        write(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    synchronized boolean remove(String path) {
        return files.remove(path) != null;
    }

    /** rm -rf: the path and everything under it. */
    synchronized void removeTree(String path) {
        files.remove(path);
        String dir = path.endsWith("/") ? path : path + "/";
        files.keySet().removeIf(k -> k.startsWith(dir));
    }

    synchronized Map<String, FileEntry> files() {
        return Map.copyOf(files);
    }

    /** A unit is known when seeded or when its unit file is on disk. */
    synchronized boolean unitKnown(String unit) {
        String n = unitName(unit);
        return units.containsKey(n) || files.containsKey("/etc/systemd/system/" + n)
                || files.containsKey("/usr/lib/systemd/system/" + n) || files.containsKey("/lib/systemd/system/" + n);
    }

    synchronized Unit unit(String unit) {
        return units.getOrDefault(unitName(unit), new Unit(false, false));
    }

    synchronized void unit(String unit, boolean enabled, boolean active) {
        units.put(unitName(unit), new Unit(enabled, active));
    }

    /** Boot: systemd starts the enabled units; the others are inactive. */
    synchronized void bootUnits() {
        units.replaceAll((n, u) -> new Unit(u.enabled(), u.enabled()));
    }

    private volatile Runnable rebooter;

    /** How this host reboots (its SSH server stops and comes back); null: only its state, as {@link LabHostReboot} does. */
    Runnable rebooter() {
        return rebooter;
    }

    void rebooter(Runnable r) {
        rebooter = r;
    }

    synchronized void forgetUnit(String unit) {
        units.remove(unitName(unit));
    }

    static String unitName(String unit) {
        return unit.contains(".") ? unit : unit + ".service";
    }

    synchronized String ssmIamRole() {
        return ssmIamRole;
    }

    synchronized void ssmIamRole(String role) {
        ssmIamRole = role;
    }

    /** True the first time only: the host that drops its connection during its first nodeadm install. */
    synchronized boolean dropInstallOnce() {
        if (droppedInstall) {
            return false;
        }
        droppedInstall = true;
        return true;
    }

    private LabHostFleet.UpgradeFault upgradeFault;

    /** The fault the host's next nodeadm upgrade meets (once). */
    synchronized void armUpgradeFault(LabHostFleet.UpgradeFault fault) {
        this.upgradeFault = fault;
    }

    /** The armed fault, taken: it fires once; null when none. */
    synchronized LabHostFleet.UpgradeFault takeUpgradeFault() {
        LabHostFleet.UpgradeFault f = upgradeFault;
        upgradeFault = null;
        return f;
    }
}
