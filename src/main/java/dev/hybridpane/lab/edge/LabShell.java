package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.util.List;

/**
 * The commands of the host vocabulary, over the host's files and units; root only behind {@code sudo -n}. The network
 * doctor's probes and the firewall front ends are {@link LabProbeShell}'s.
 */
final class LabShell {
    private final LabHost host;
    private final LabShellCommand.Io io;
    private final Runnable dropConnection;

    LabShell(LabHost host, LabShellCommand.Io io, Runnable dropConnection) {
        this.host = host;
        this.io = io;
        this.dropConnection = dropConnection;
    }

    /** @return the exit status, or -1 when the connection was dropped */
    int run(List<String> words) throws IOException {
        if (words.isEmpty()) {
            return 0;
        }
        boolean root = false;
        List<String> w = words;
        if (w.get(0).equals("sudo")) {
            if (w.size() < 2 || !w.get(1).equals("-n")) {
                io.err("sudo: a terminal is required to read the password; either use the -S option to read from standard"
                        + " input or configure an askpass helper\nsudo: a password is required\n");
                return 1;
            }
            if (host.profile().sudoPassword() != null) {
                io.err("sudo: a password is required\n");
                return 1;
            }
            root = true;
            w = w.subList(2, w.size());
            if (w.isEmpty()) {
                io.err("usage: sudo -h | -K | -k | -V\n");
                return 1;
            }
        }
        List<String> args = w.subList(1, w.size());
        return switch (w.get(0)) {
            case "true" -> 0;
            case "test" -> test(args);
            case "cat" -> cat(args, root);
            case "install" -> install(args, root);
            case "rm" -> rm(args, root);
            case "systemctl" -> systemctl(args, root);
            case "nodeadm", "/usr/local/bin/nodeadm" -> new LabNodeadm(host, io, root, dropConnection).run(args);
            case "ip" -> new LabProbeShell(host, io, root).ip(args);
            case "nft" -> new LabProbeShell(host, io, root).nft(args);
            case "iptables-save" -> new LabProbeShell(host, io, root).iptablesSave(args);
            case "firewall-cmd" -> new LabProbeShell(host, io, root).firewallCmd(args);
            case "ufw" -> new LabProbeShell(host, io, root).ufw(args);
            case "timedatectl" -> new LabProbeShell(host, io, root).timedatectl(args);
            case "getent" -> new LabProbeShell(host, io, root).getent(args);
            case "timeout" -> new LabProbeShell(host, io, root).timeout(args);
            case "swapon" -> swapon(args);
            default -> {
                io.err("bash: line 1: " + w.get(0) + ": command not found\n");
                yield 127;
            }
        };
    }

    private int swapon(List<String> a) throws IOException {
        if (!a.equals(List.of("--show"))) {
            io.err("swapon: the lab's hosts answer only: swapon --show\n");
            return 1;
        }
        io.out(LabHostOutputs.swaponShow(host.profile()));
        return 0;
    }

    private int test(List<String> a) {
        if (a.size() == 2 && a.get(0).equals("-e")) {
            return host.state().exists(a.get(1)) ? 0 : 1;
        }
        if (a.size() == 2 && a.get(0).equals("-f")) {
            return host.state().file(a.get(1)) != null ? 0 : 1;
        }
        if (a.size() == 2 && a.get(0).equals("-d")) {
            return host.state().isDirectory(a.get(1)) ? 0 : 1;
        }
        return 2;
    }

    private int cat(List<String> a, boolean root) throws IOException {
        int exit = 0;
        for (String p : a) {
            LabHostState.FileEntry f = host.state().file(p);
            if (f == null) {
                io.err("cat: " + p + (host.state().isDirectory(p) ? ": Is a directory\n" : ": No such file or directory\n"));
                exit = 1;
            } else if (!root && !f.worldReadable()) {
                io.err("cat: " + p + ": Permission denied\n");
                exit = 1;
            } else {
                io.out(f.text());
            }
        }
        return exit;
    }

    /** install -D -m MODE /dev/stdin PATH */
    private int install(List<String> a, boolean root) throws IOException {
        if (a.size() != 5 || !a.get(0).equals("-D") || !a.get(1).equals("-m") || !a.get(3).equals("/dev/stdin")
                || !a.get(4).startsWith("/")) {
            io.err("install: the lab's hosts answer only: install -D -m MODE /dev/stdin /ABSOLUTE/PATH\n");
            return 1;
        }
        String mode = a.get(2);
        if (!mode.matches("0?[0-7]{3}")) {
            io.err("install: invalid mode '" + mode + "'\n");
            return 1;
        }
        String path = a.get(4);
        if (!root) {
            io.stdin();
            io.err("install: cannot create regular file '" + path + "': Permission denied\n");
            return 1;
        }
        if (host.state().isDirectory(path)) {
            io.err("install: cannot overwrite directory '" + path + "' with non-directory\n");
            return 1;
        }
        host.state().write(path, io.stdin(), mode.length() == 3 ? "0" + mode : mode);
        return 0;
    }

    private int rm(List<String> a, boolean root) throws IOException {
        if (a.size() != 2 || !a.get(0).equals("-f")) {
            io.err("rm: the lab's hosts answer only: rm -f PATH\n");
            return 1;
        }
        String p = a.get(1);
        if (host.state().isDirectory(p)) {
            io.err("rm: cannot remove '" + p + "': Is a directory\n");
            return 1;
        }
        if (!root && host.state().file(p) != null) {
            io.err("rm: cannot remove '" + p + "': Permission denied\n");
            return 1;
        }
        host.state().remove(p);
        return 0;
    }

    private int systemctl(List<String> a, boolean root) throws IOException {
        if (a.isEmpty()) {
            io.err("systemctl: the lab's hosts answer daemon-reload, enable --now, disable --now, restart, is-active\n");
            return 1;
        }
        String verb = a.get(0);
        if (verb.equals("is-active") && a.size() == 2) {
            LabHostState.Unit u = host.state().unit(a.get(1));
            io.out(u.active() ? "active\n" : "inactive\n");
            return u.active() ? 0 : 3;
        }
        if (verb.equals("is-enabled") && a.size() == 2) {
            boolean known = host.state().unitKnown(a.get(1));
            LabHostState.Unit u = host.state().unit(a.get(1));
            io.out(u.enabled() ? "enabled\n" : known ? "disabled\n" : "");
            if (!known) {
                io.err("Failed to get unit file state for " + LabHostState.unitName(a.get(1)) + ": No such file or directory\n");
            }
            return u.enabled() ? 0 : 1;
        }
        if (!root) {
            String what = switch (verb) {
                case "daemon-reload" -> "Failed to reload daemon";
                case "enable" -> "Failed to enable unit";
                case "disable" -> "Failed to disable unit";
                default -> "Failed to " + verb + " " + (a.size() > 1 ? LabHostState.unitName(a.get(a.size() - 1)) : "");
            };
            io.err(what + ": Interactive authentication required.\n");
            return 1;
        }
        if (verb.equals("daemon-reload") && a.size() == 1) {
            return 0;
        }
        boolean now = a.size() == 3 && a.get(1).equals("--now");
        String unit = a.get(a.size() - 1);
        String name = LabHostState.unitName(unit);
        if ((verb.equals("enable") || verb.equals("disable")) && (now || a.size() == 2)) {
            if (!host.state().unitKnown(unit)) {
                io.err("Failed to " + verb + " unit: Unit file " + name + " does not exist.\n");
                return 1;
            }
            LabHostState.Unit u = host.state().unit(unit);
            boolean enable = verb.equals("enable");
            host.state().unit(unit, enable, now ? enable : u.active());
            if (enable && !u.enabled()) {
                io.err("Created symlink /etc/systemd/system/multi-user.target.wants/" + name + " \u2192 /etc/systemd/system/"
                        + name + ".\n");
            } else if (!enable && u.enabled()) {
                io.err("Removed \"/etc/systemd/system/multi-user.target.wants/" + name + "\".\n");
            }
            return 0;
        }
        if ((verb.equals("restart") || verb.equals("start") || verb.equals("stop")) && a.size() == 2) {
            if (!host.state().unitKnown(unit)) {
                io.err("Failed to " + verb + " " + name + ": Unit " + name + " not found.\n");
                return 5;
            }
            host.state().unit(unit, host.state().unit(unit).enabled(), !verb.equals("stop"));
            return 0;
        }
        io.err("systemctl: the lab's hosts answer daemon-reload, enable --now, disable --now, restart, is-active\n");
        return 1;
    }
}
