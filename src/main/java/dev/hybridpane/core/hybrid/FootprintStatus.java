package dev.hybridpane.core.hybrid;

import java.util.List;

/** Which objects of HybridPane's manifest the cluster already has, and which are missing. */
public record FootprintStatus(List<String> present, List<String> missing) {
    public FootprintStatus {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
