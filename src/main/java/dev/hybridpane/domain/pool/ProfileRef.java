package dev.hybridpane.domain.pool;

import java.util.Objects;

/** The cluster profile version a pool's nodes are made from: {@code spec.profile {name, version}}. */
public record ProfileRef(String name, int version) {
    public ProfileRef {
        name = Objects.requireNonNull(name, "name").strip();
    }

    /** "gpu-ssm v2". */
    @Override
    public String toString() {
        return name + " v" + version;
    }
}
