package dev.hybridpane.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTokensTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void reusesUntilCloseToExpiry() {
        var clock = new MutableClock();
        var minted = new AtomicInteger();
        var tokens = new CachingTokens(() -> new EksToken("t" + minted.incrementAndGet(),
                clock.now.plus(Duration.ofMinutes(14))), clock);
        assertThat(tokens.get().value()).isEqualTo("t1");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(tokens.get().value()).isEqualTo("t1");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(tokens.get().value()).isEqualTo("t2");
        assertThat(minted).hasValue(2);
    }

    @Test
    void tokenToStringHidesTheSecret() {
        assertThat(new EksToken("k8s-aws-v1.secret", Instant.EPOCH).toString()).doesNotContain("secret");
    }
}
