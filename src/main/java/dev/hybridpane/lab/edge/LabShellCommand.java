package dev.hybridpane.lab.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.sshd.server.command.AbstractCommandSupport;

/** Answers one exec request of a simulated host the way its shell would. */
final class LabShellCommand extends AbstractCommandSupport {
    private final Map<String, String> outputs;
    private final String sudoPassword;

    LabShellCommand(String command, Map<String, String> outputs, String sudoPassword) {
        super(command, null);
        this.outputs = outputs;
        this.sudoPassword = sudoPassword;
    }

    @Override
    public void run() {
        String cmd = getCommand().strip();
        try {
            if (cmd.equals("sudo -n true")) {
                if (sudoPassword == null) {
                    onExit(0);
                } else {
                    write(getErrorStream(), "sudo: a password is required\n");
                    onExit(1);
                }
                return;
            }
            if (cmd.equals("sudo -S -p '' true")) {
                String line = new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)).readLine();
                if (sudoPassword == null || sudoPassword.equals(line)) {
                    onExit(0);
                } else {
                    write(getErrorStream(), "Sorry, try again.\nsudo: 1 incorrect password attempt\n");
                    onExit(1);
                }
                return;
            }
            String out = outputs.get(cmd);
            if (out == null) {
                String name = cmd.split("\\s+")[0];
                write(getErrorStream(), "bash: line 1: " + name + ": command not found\n");
                onExit(127);
                return;
            }
            write(getOutputStream(), out);
            onExit(0);
        } catch (IOException e) {
            onExit(1, e.getMessage());
        }
    }

    private static void write(OutputStream s, String text) throws IOException {
        s.write(text.getBytes(StandardCharsets.UTF_8));
        s.flush();
    }
}
