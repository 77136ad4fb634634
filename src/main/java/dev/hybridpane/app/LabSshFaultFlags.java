package dev.hybridpane.app;

import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.edge.LabSshFaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** `hybridpane lab --ssh-fault HOST=hang|drop|reboot|newkey --ssh-drop-rate R --ssh-fault-seed N`: parsed, then armed. */
final class LabSshFaultFlags {
    private final Map<String, LabSshFaults.Fault> faults = new LinkedHashMap<>();
    private final double dropRate;
    private final long seed;

    private LabSshFaultFlags(double dropRate, long seed) {
        this.dropRate = dropRate;
        this.seed = seed;
    }

    /** The flags, or the one-line reason they are refused. */
    static LabSshFaultFlags parse(List<String> hostFaults, double dropRate, Long seed) throws IllegalArgumentException {
        if (!(dropRate >= 0 && dropRate <= 1)) {
            throw new IllegalArgumentException("--ssh-drop-rate: a rate from 0 to 1 (0.1: one command in ten), not " + dropRate);
        }
        LabSshFaultFlags f = new LabSshFaultFlags(dropRate, seed != null ? seed : System.nanoTime() & 0xffffff);
        for (String s : hostFaults) {
            String[] kv = s.split("=", 2);
            Optional<LabSshFaults.Fault> fault = kv.length < 2 || kv[0].isBlank() ? Optional.empty() : fault(kv[1]);
            f.faults.put(kv[0], fault.orElseThrow(() -> new IllegalArgumentException(
                    "--ssh-fault: HOST=hang, HOST=drop, HOST=reboot or HOST=newkey, not \"" + s + "\"")));
        }
        return f;
    }

    private static Optional<LabSshFaults.Fault> fault(String name) {
        for (LabSshFaults.Fault f : LabSshFaults.Fault.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Arms them on the lab's hosts; the banner's lines about them (empty: none). */
    String arm(LabEdgeHosts hosts) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, LabSshFaults.Fault> e : faults.entrySet()) {
            if (hosts.hosts().stream().noneMatch(h -> h.name().equals(e.getKey()))) {
                throw new IllegalArgumentException("--ssh-fault: the lab has no edge host " + e.getKey());
            }
            hosts.fault(e.getKey(), e.getValue());
            b.append("SSH fault      ").append(e.getKey()).append(": ").append(e.getValue().name().toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        if (dropRate > 0) {
            hosts.faults().dropRate(dropRate, seed);
            b.append("SSH drops      ").append(dropRate).append(" of the commands on every host (seed ").append(seed)
                    .append(", --ssh-fault-seed repeats it)\n");
        }
        return b.toString();
    }
}
