package dev.hybridpane.adapters.aws;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retries of every SDK client HybridPane builds ({@link AwsClientFactory}'s, {@link SsoClients}' and
 * {@link MfaAssumeRoleCredentials}' STS client), in this one place.
 *
 * <p>HybridPane's choice: the SDK's STANDARD mode (exponential backoff with full jitter; a per-client token bucket
 * that stops retrying when most calls fail, so an outage is not made worse) with {@value #MAX_ATTEMPTS} attempts, not
 * the SDK's 3. An operation makes hundreds of calls (a pool of 50 hosts: activations, describes, pages). At 30%
 * throttling, 3 attempts leave 0.3^3 = 2.7% of calls failed, so such an operation almost surely fails; with 10,
 * 0.3^10 = 6e-6 per call, under 0.3% for 500 calls. The backoff is capped lower than the SDK's 20 s, so that a call
 * AWS keeps throttling is given up in about 16 s (expected; 33 s at most) rather than a minute: throttled retries
 * wait up to 0.5 s, 1 s, 2 s, 4 s, then 5 s each. Other retries (5xx, a refused or dropped connection) wait up to
 * 0.1 s doubling to 1 s, so that an endpoint that cannot be reached is reported in about 3 s. Each wait is random
 * (full jitter), so consoles throttled together do not retry together. ADAPTIVE (client-side rate limiting) was not
 * taken: it slows every later call of the client after a throttle, which a console making a burst of reads feels more
 * than an occasional retry.
 *
 * <p>The user's own settings win, as for the aws CLI: {@code AWS_RETRY_MODE} / {@code aws.retryMode} / a profile's
 * {@code retry_mode} chooses the mode (then with the SDK's backoff for it), {@code AWS_MAX_ATTEMPTS} /
 * {@code aws.maxAttempts} / {@code max_attempts} the attempts. (The STS client the SDK builds itself for an
 * assume-role profile without MFA is the SDK's: it reads those settings alone.)
 *
 * <p>System property {@value #BACKOFF_SCALE_PROPERTY} (a factor, default 1) scales every wait: tests that throttle
 * hundreds of calls run with short waits and the same attempts.
 */
final class SdkRetries {
    static final int MAX_ATTEMPTS = 10;
    static final Duration BASE_DELAY = Duration.ofMillis(100);
    static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_THROTTLED_BACKOFF = Duration.ofSeconds(5);
    static final String BACKOFF_SCALE_PROPERTY = "hybridpane.aws.backoffScale";

    /** What the clients retry with: a mode, attempts per call, and the factor on HybridPane's waits. */
    record Settings(RetryMode mode, int maxAttempts, boolean ownBackoff, double backoffScale) {
        String describe() {
            return mode.name().toLowerCase(Locale.ROOT) + ", " + maxAttempts + " attempts";
        }
    }

    private SdkRetries() {
    }

    /** The settings for these environment variables and profile (empty: no profile). */
    static Settings resolve(Map<String, String> env, Optional<Profile> profile) {
        Optional<RetryMode> mode = setting("aws.retryMode", "AWS_RETRY_MODE", "retry_mode", env, profile)
                .flatMap(SdkRetries::mode);
        int attempts = setting("aws.maxAttempts", "AWS_MAX_ATTEMPTS", "max_attempts", env, profile)
                .flatMap(SdkRetries::positive).orElse(MAX_ATTEMPTS);
        return new Settings(mode.orElse(RetryMode.STANDARD), attempts, mode.isEmpty(), backoffScale());
    }

    /** With the process's environment and no profile. */
    static Settings resolve() {
        return resolve(System.getenv(), Optional.empty());
    }

    static RetryStrategy strategy(Settings s) {
        if (!s.ownBackoff()) {
            return AwsRetryStrategy.forRetryMode(s.mode()).toBuilder().maxAttempts(s.maxAttempts()).build();
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(s.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(scaled(BASE_DELAY, s), scaled(MAX_BACKOFF, s)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(scaled(THROTTLED_BASE_DELAY, s),
                        scaled(MAX_THROTTLED_BACKOFF, s)))
                .build();
    }

    /** The override configuration every client builder is given. */
    static ClientOverrideConfiguration overrides(Settings s) {
        return ClientOverrideConfiguration.builder().retryStrategy(strategy(s)).build();
    }

    private static Duration scaled(Duration d, Settings s) {
        return Duration.ofNanos(Math.max(1, (long) (d.toNanos() * s.backoffScale())));
    }

    private static Optional<String> setting(String property, String variable, String profileKey, Map<String, String> env,
            Optional<Profile> profile) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.get(variable);
        }
        if (v == null || v.isBlank()) {
            v = profile.flatMap(p -> p.property(profileKey)).orElse(null);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The aws CLI's names: legacy, standard, adaptive; another value is ignored (HybridPane's mode applies). */
    private static Optional<RetryMode> mode(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "legacy" -> Optional.of(RetryMode.LEGACY);
            case "standard" -> Optional.of(RetryMode.STANDARD);
            case "adaptive" -> Optional.of(RetryMode.ADAPTIVE_V2);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> positive(String v) {
        try {
            int n = Integer.parseInt(v);
            return n >= 1 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double backoffScale() {
        try {
            double f = Double.parseDouble(System.getProperty(BACKOFF_SCALE_PROPERTY, "1"));
            return f > 0 && f <= 1 ? f : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
