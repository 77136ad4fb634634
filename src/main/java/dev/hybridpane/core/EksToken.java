package dev.hybridpane.core;

import java.time.Duration;
import java.time.Instant;

/** An EKS bearer token. A secret: toString never shows it. */
public record EksToken(String value, Instant expiresAt) {
    public boolean expiresWithin(Duration d, Instant now) {
        return !now.plus(d).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EksToken[****, expiresAt=" + expiresAt + "]";
    }
}
