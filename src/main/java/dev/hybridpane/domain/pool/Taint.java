package dev.hybridpane.domain.pool;

import java.util.Objects;

/** A taint the pool's nodes register with: {@code key[=value]:effect}; {@code value} is "" when there is none. */
public record Taint(String key, String value, String effect) {
    public Taint {
        key = Objects.requireNonNull(key, "key").strip();
        value = value == null ? "" : value.strip();
        effect = Objects.requireNonNull(effect, "effect").strip();
    }

    /** As the kubelet's {@code --register-with-taints} takes it: {@code key=value:Effect} or {@code key:Effect}. */
    public String spec() {
        return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
    }
}
