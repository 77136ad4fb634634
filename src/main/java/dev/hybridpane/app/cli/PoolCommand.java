package dev.hybridpane.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.pool.PoolMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** `hybridpane pool ...`: the cluster's hybrid node pools. */
@Command(name = "pool", mixinStandardHelpOptions = true, description = "Hybrid node pool commands.",
        subcommands = {PoolApplyCommand.class, PoolListCommand.class, PoolShowCommand.class, PoolFixCniCommand.class,
                PoolUpgradeCommand.class, PoolResumeCommand.class, PoolRotateCertsCommand.class, PoolOrphansCommand.class})
public final class PoolCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PoolCommand() {
    }

    /** One pool as the JSON of list and show: name, site, profile, version, ready n/m, phase, members. */
    static Map<String, Object> row(PoolStore.Stored s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.pool().name());
        m.put("site", s.pool().site());
        m.put("profile", s.pool().profile().name());
        m.put("profileVersion", s.pool().profile().version());
        m.put("ready", s.status().readyText());
        m.put("readyNodes", s.status().ready());
        m.put("totalNodes", s.status().total());
        m.put("phase", s.status().phase().isEmpty() ? "Pending" : s.status().phase());
        m.put("hosts", s.pool().hostNames());
        List<Map<String, String>> members = s.status().members().stream().map(x -> {
            Map<String, String> one = new LinkedHashMap<>(); // host, then node: a stable order for scripts and diffs
            one.put("host", x.host());
            one.put("node", x.node());
            return one;
        }).toList();
        m.put("members", members);
        return m;
    }

    static Map<String, Object> object(PoolStore.Stored s) {
        Map<String, Object> o = PoolMapper.toObject(s.pool());
        Map<String, Object> status = new LinkedHashMap<>(row(s));
        status.keySet().retainAll(List.of("ready", "readyNodes", "totalNodes", "phase", "members"));
        o.put("status", status);
        return o;
    }
}
