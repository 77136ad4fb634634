package dev.hybridpane.domain;

import java.util.Objects;

/** Identity of an EKS cluster across regions. */
public record ClusterRef(String region, String name) implements Comparable<ClusterRef> {
    public ClusterRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(ClusterRef o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : region.compareTo(o.region);
    }

    @Override
    public String toString() {
        return name + " (" + region + ")";
    }
}
