package dev.hybridpane.lab.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** nodeadm's log: zap's production JSON encoder on stderr, one object a line, ISO8601 {@code ts} (nodeadm-day2 1.2). */
final class LabNodeadmLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final LabShellCommand.Io io;
    private final Clock clock;

    LabNodeadmLog(LabShellCommand.Io io, Clock clock) {
        this.io = io;
        this.clock = clock;
    }

    /** A failure as nodeadm prints it: {@code log.Fatal("Command failed", zap.Error(err))}, then exit 1. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** flaggy's ShowHelpAndExit: the help, the message, exit 2. */
    static final class HelpExit extends Exception {
        HelpExit(String text) {
            super(text);
        }
    }

    void info(String caller, String msg, String... keyValues) throws IOException {
        line("info", caller, msg, keyValues);
    }

    void warn(String caller, String msg, String... keyValues) throws IOException {
        line("warn", caller, msg, keyValues);
    }

    void fatal(String error) throws IOException {
        line("fatal", "nodeadm/main.go:55", "Command failed", "error", error, "stacktrace",
                "main.main\n\t/src/cmd/nodeadm/main.go:55\nruntime.main\n\t/usr/local/go/src/runtime/proc.go:272");
    }

    private void line(String level, String caller, String msg, String... kv) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("ts", TS.format(clock.instant()));
        m.put("caller", caller);
        m.put("msg", msg);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        try {
            io.err(JSON.writeValueAsString(m) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
