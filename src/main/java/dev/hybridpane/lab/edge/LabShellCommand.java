package dev.hybridpane.lab.edge;

import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.SupportMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.command.AbstractCommandSupport;

/**
 * Answers one exec request of a simulated host the way its shell would: the fact commands, and the vocabulary the
 * console's pool operations use (sudo -n, test, cat, install, rm, systemctl, nodeadm) over the host's own files.
 */
final class LabShellCommand extends AbstractCommandSupport {
    private final LabHost host;
    private final Map<String, String> outputs;
    private final Runnable dropConnection;
    private final LabSshFaults faults;

    LabShellCommand(String command, LabHost host, Map<String, String> outputs, Runnable dropConnection, LabSshFaults faults) {
        super(command, null);
        this.host = host;
        this.outputs = outputs;
        this.dropConnection = dropConnection;
        this.faults = faults;
    }

    /** The streams of one command: what it prints, and its exit status. */
    interface Io {
        void out(String text) throws IOException;

        void err(String text) throws IOException;

        byte[] stdin() throws IOException;

        String stdinLine() throws IOException;
    }

    @Override
    public void run() {
        Io io = new Io() {
            @Override
            public void out(String text) throws IOException {
                write(getOutputStream(), text);
            }

            @Override
            public void err(String text) throws IOException {
                write(getErrorStream(), text);
            }

            @Override
            public byte[] stdin() throws IOException {
                return getInputStream().readAllBytes();
            }

            @Override
            public String stdinLine() throws IOException {
                return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)).readLine();
            }
        };
        String name = host.profile().name();
        String line = getCommand().strip();
        try {
            while (faults.hangs(name)) {
                Thread.sleep(50); // a hung host: no answer until the fault is cleared or the channel closes
            }
            int exit = execute(host, outputs, line, io, dropConnection);
            if (exit >= 0 && faults.dropAfter(name, line)) {
                exit = -1; // the command ran to its end; its exit status never leaves the host
                dropConnection.run();
            }
            faults.record(name, line, exit);
            if (exit >= 0) {
                onExit(exit);
            }
        } catch (InterruptedException e) {
            faults.record(name, line, -1);
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            faults.record(name, line, 1);
            onExit(1, e.getMessage());
        }
    }

    /** @return the exit status, or -1 when the host dropped the connection */
    static int execute(LabHost host, Map<String, String> outputs, String commandLine, Io io,
            Runnable dropConnection)
            throws IOException {
        LabExecPath.Line withPath = LabExecPath.parse(host.profile(), commandLine);
        String cmd = withPath.command();
        List<String> words = tokens(cmd);
        if (!words.isEmpty() && !LabExecPath.found(host.profile(), words.get(0), withPath.path())) {
            io.err("bash: line 1: " + words.get(0) + ": command not found\n");
            return 127;
        }
        if (cmd.equals(FactCommands.PACKAGES)) {
            // bash's command -v over the PATH the command runs with
            StringBuilder b = new StringBuilder();
            for (String c : SupportMatrix.REQUIRED_COMMANDS.keySet()) {
                b.append(c).append(LabExecPath.found(host.profile(), c, withPath.path()) ? " yes\n" : " no\n");
            }
            io.out(b.toString());
            return 0;
        }
        if (cmd.equals(FactCommands.SUDO_STDIN)) {
            String line = io.stdinLine();
            String pw = host.profile().sudoPassword();
            if (pw == null || pw.equals(line)) {
                return 0;
            }
            io.err("Sorry, try again.\nsudo: 1 incorrect password attempt\n");
            return 1;
        }
        String dynamic = dynamicFact(host, cmd);
        String out = dynamic != null ? dynamic : outputs.get(cmd);
        if (out != null) {
            io.out(out);
            return 0;
        }
        return new LabShell(host, io, dropConnection).run(words);
    }

    /** The facts that change when nodeadm has run: nodeadm and kubelet versions, the kubelet's API server. */
    private static String dynamicFact(LabHost host, String cmd) {
        if (cmd.equals(FactCommands.KUBELET)) {
            String v = host.kubeletVersion();
            return v == null ? "none\n" : "Kubernetes " + v + "\n";
        }
        if (cmd.equals(FactCommands.NODEADM)) {
            return host.kubeletVersion() == null ? "none\n" : LabHost.NODEADM_VERSION + "\n";
        }
        if (cmd.equals(FactCommands.EXISTING_NODE)) {
            String kc = host.state().text(LabHost.KUBECONFIG);
            if (kc != null) {
                for (String line : kc.split("\n")) {
                    if (line.contains("server:")) {
                        return line + "\n";
                    }
                }
            }
            return "none\n";
        }
        return null;
    }

    /** Words as a POSIX shell splits them, with single and double quotes. */
    static List<String> tokens(String cmd) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < cmd.length(); i++) {
            char c = cmd.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static void write(OutputStream s, String text) throws IOException {
        s.write(text.getBytes(StandardCharsets.UTF_8));
        s.flush();
    }
}
