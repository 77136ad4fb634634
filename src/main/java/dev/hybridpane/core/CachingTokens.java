package dev.hybridpane.core;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Reuses an EKS token until it is about to expire, then asks for a new one. Thread-safe. */
public final class CachingTokens implements Supplier<EksToken> {
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(2);

    private final Supplier<EksToken> source;
    private final Clock clock;
    private EksToken current;

    public CachingTokens(Supplier<EksToken> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public synchronized EksToken get() {
        if (current == null || current.expiresWithin(REFRESH_BEFORE, clock.instant())) {
            current = source.get();
        }
        return current;
    }
}
