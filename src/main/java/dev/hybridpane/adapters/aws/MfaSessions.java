package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.MfaCodePrompt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The MFA prompt of a console together with the role sessions it has opened: each assume-role profile with
 * {@code mfa_serial} keeps its session's credentials here, in memory only, until shortly before they expire. Every
 * AWS port opened with the same MfaSessions (switching profile away and back, the fleet and the pool tools) uses that
 * session, so the user is asked for a code once per session. Nothing here is ever written to disk; the code itself is
 * never kept (only the session that STS gave for it).
 *
 * <p>A plain {@link MfaCodePrompt} given to {@link AwsClientFactory} gets sessions of its own, that last as long as the
 * factory.
 */
public final class MfaSessions implements MfaCodePrompt {
    /** A session is used until this long before it expires, as the SDK's own STS providers stop using one. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final MfaCodePrompt prompt;
    private final Clock clock;
    private final Map<String, AwsSessionCredentials> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public MfaSessions(MfaCodePrompt prompt) {
        this(prompt, Clock.systemUTC());
    }

    /** @param clock when sessions expire (tests move it) */
    public MfaSessions(MfaCodePrompt prompt, Clock clock) {
        this.prompt = prompt instanceof MfaSessions s ? s.prompt : prompt;
        this.clock = clock;
    }

    /** Asks the user (through the prompt this was given). */
    @Override
    public Optional<String> code(String profile, String mfaSerial) {
        return prompt.code(profile, mfaSerial);
    }

    /**
     * The session of {@code key} while it lasts; else a new one from {@code open}, kept until it expires. One at a time
     * per key: callers of the same profile wait for the one asking the user, and then use its session.
     */
    AwsSessionCredentials session(String key, Supplier<AwsSessionCredentials> open) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Optional<AwsSessionCredentials> kept = valid(key);
            if (kept.isPresent()) {
                return kept.get();
            }
            AwsSessionCredentials opened = open.get();
            if (opened.expirationTime().isPresent()) {
                sessions.put(key, opened);
            }
            return opened;
        }
    }

    /** The session of {@code key}, if there is one that does not expire within {@link #MARGIN}. */
    Optional<AwsSessionCredentials> valid(String key) {
        AwsSessionCredentials s = sessions.get(key);
        if (s == null) {
            return Optional.empty();
        }
        Instant usableUntil = s.expirationTime().orElse(Instant.MIN).minus(MARGIN);
        if (clock.instant().isBefore(usableUntil)) {
            return Optional.of(s);
        }
        sessions.remove(key, s);
        return Optional.empty();
    }

    /** Forgets every session (the user signs out, or the console closes). */
    public void clear() {
        sessions.clear();
    }
}
