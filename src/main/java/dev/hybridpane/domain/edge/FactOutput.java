package dev.hybridpane.domain.edge;

/**
 * What one fact command gave on a host: its exit status and both streams. Only a command that ended with 0 says
 * anything about the host; any other status (126 not executable, 127 not found, a tool's own failure) leaves its fact
 * unknown, with {@link #reason(String)} naming the command and the first line it wrote to stderr.
 */
public record FactOutput(int exit, String stdout, String stderr) {

    public FactOutput {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean ok() {
        return exit == 0;
    }

    /** "`swapon --show` ended with exit 127: bash: line 1: swapon: command not found". */
    public String reason(String command) {
        String line = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.length() > 200) {
            line = line.substring(0, 200) + "…";
        }
        String what = exit == 127 ? " (command not found)" : exit == 126 ? " (not executable)" : "";
        return "`" + command + "` ended with exit " + exit + what + (line.isEmpty() ? ", printing nothing on stderr" : ": " + line);
    }
}
