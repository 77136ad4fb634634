package dev.hybridpane.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** `hybridpane hosts ...`: the cluster's edge host inventory (the Edge Hosts view's twins). */
@Command(name = "hosts", mixinStandardHelpOptions = true, description = "Edge host inventory commands.",
        subcommands = {HostsImportCommand.class, HostsListCommand.class})
public final class HostsCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HostsCommand() {
    }

    /** One host as `hosts list -o json` prints it. */
    static Map<String, Object> row(StoredHost h) {
        HostFacts f = h.status().facts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.spec().name());
        m.put("address", h.spec().hostPort());
        m.put("user", h.spec().user());
        m.put("site", h.spec().site());
        m.put("status", h.status().phase().wire());
        m.put("reason", firstFailure(h));
        m.put("os", f == null ? null : f.osLabel());
        m.put("arch", f == null ? null : f.arch());
        m.put("nodeIp", f == null ? null : f.nodeIp());
        m.put("cpus", f == null ? null : f.cpus());
        m.put("memoryMiB", f == null ? null : f.memoryMiB());
        m.put("pool", h.status().pool());
        m.put("lastSeen", h.status().lastSeen() == null ? null : h.status().lastSeen().toString());
        return m;
    }

    /**
     * Why the host is not available: an unreachable host's reason (its facts and checks are the last known ones), else
     * the first failing check's, else the status's own reason when the host was never reached, else "".
     */
    static String firstFailure(StoredHost h) {
        if (h.status().phase() == HostPhase.UNREACHABLE) {
            return h.status().reason();
        }
        for (Check c : h.status().checks()) {
            if (c.status() == CheckStatus.FAIL) {
                return c.title() + ": " + c.reason();
            }
        }
        return h.status().facts() == null ? h.status().reason() : "";
    }

    private static final String LINE = "%-14s %-21s %-13s %-18s %-8s %s";
    private static final String SITE_LINE = "%-14s %-18s %-21s %-13s %-18s %-8s %s";

    /** One text line: name, (site,) address, status, OS, arch, first failing check. */
    static String line(StoredHost h, boolean withSite) {
        HostFacts f = h.status().facts();
        String os = f == null ? "-" : f.osLabel();
        String arch = f == null || f.arch() == null ? "-" : f.arch();
        String s = withSite
                ? String.format(SITE_LINE, h.spec().name(), h.spec().site(), h.spec().hostPort(), h.status().phase().wire(), os,
                        arch, firstFailure(h))
                : String.format(LINE, h.spec().name(), h.spec().hostPort(), h.status().phase().wire(), os, arch, firstFailure(h));
        return s.stripTrailing();
    }

    static String header(boolean withSite) {
        return withSite ? String.format(SITE_LINE, "NAME", "SITE", "ADDRESS", "STATUS", "OS", "ARCH", "REASON")
                : String.format(LINE, "NAME", "ADDRESS", "STATUS", "OS", "ARCH", "REASON");
    }
}
