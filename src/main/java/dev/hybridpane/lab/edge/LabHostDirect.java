package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One command on a host without SSH: its output collected, stdin given. */
final class LabHostDirect {
    private LabHostDirect() {
    }

    static LabEdgeHosts.HostCommandResult exec(LabHost host, Map<String, String> outputs, String command, byte[] stdin) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        byte[] in = stdin == null ? new byte[0] : stdin;
        LabShellCommand.Io io = new LabShellCommand.Io() {
            @Override
            public void out(String text) {
                out.append(text);
            }

            @Override
            public void err(String text) {
                err.append(text);
            }

            @Override
            public byte[] stdin() {
                return in.clone();
            }

            @Override
            public String stdinLine() {
                return new String(in, StandardCharsets.UTF_8).lines().findFirst().orElse(null);
            }
        };
        try {
            int exit = LabShellCommand.execute(host, outputs, command.strip(), io, () -> { });
            return new LabEdgeHosts.HostCommandResult(exit, out.toString(), err.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
