package dev.hybridpane.lab.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What Systems Manager holds beyond the seeded world ({@link SsmFleet}): the hybrid activations made with
 * CreateActivation (their codes kept only as a SHA-256 digest: a code is shown once, to its creator, and never again),
 * how many registrations each has used, the activations deleted, the managed instances the agent registered and those
 * deregistered. {@link #fleet(AwsState, String)} is a Region's whole view, seeded and live. Thread-safe.
 * <p>Registration follows the SSM user guide: an activation registers at most RegistrationLimit machines until its
 * ExpirationDate; deleting it stops further registrations but keeps the machines it registered; deregistering a
 * machine does not give its registration back (a machine re-registers with an activation not yet at its limit).
 */
final class SsmRegistry {
    /** Why a registration was refused, as the service tells the agent. */
    enum Refusal {
        /** No such activation in this Region, a code that does not match, or one already at its limit. */
        INVALID_ACTIVATION,
        /** The activation's ExpirationDate has passed. */
        ACTIVATION_EXPIRED
    }

    /** A refused registration. */
    static final class RegistrationRefused extends Exception {
        private static final long serialVersionUID = 1L;
        final Refusal refusal;

        RegistrationRefused(Refusal refusal, String message) {
            super(message, null, false, false);
            this.refusal = refusal;
        }
    }

    /** What DeleteActivation found. */
    enum Deletion { DELETED, UNKNOWN, ALREADY_DELETED }

    /** A new activation's id and its code (the only time the code leaves the registry). */
    record Created(String activationId, String activationCode) {
        @Override
        public String toString() {
            return "Created[activationId=" + activationId + ", activationCode=****]";
        }
    }

    private record Live(String region, SsmFleet.Activation activation, byte[] codeDigest) {
    }

    private record Registered(String region, SsmFleet.ManagedInstance instance) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Live> created = new LinkedHashMap<>();
    private final Map<String, Integer> used = new HashMap<>();
    private final Set<String> deletedActivations = new HashSet<>();
    private final Map<String, Registered> registered = new LinkedHashMap<>();
    private final Set<String> deregistered = new HashSet<>();

    SsmRegistry(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** A Region's activations and managed instances now: the seeded ones not deleted, then the live ones. */
    synchronized SsmFleet fleet(AwsState state, String region) {
        SsmFleet fleet = new SsmFleet(state, region);
        fleet.activations.removeIf(a -> deletedActivations.contains(a.id()));
        fleet.instances.removeIf(m -> deregistered.contains(m.id()));
        created.values().stream().filter(l -> l.region().equals(region) && !deletedActivations.contains(l.activation().id()))
                .map(l -> withCount(l.activation()))
                .forEach(fleet.activations::add);
        registered.values().stream().filter(r -> r.region().equals(region) && !deregistered.contains(r.instance().id()))
                .map(Registered::instance).forEach(fleet.instances::add);
        return fleet;
    }

    private SsmFleet.Activation withCount(SsmFleet.Activation a) {
        return new SsmFleet.Activation(a.id(), a.description(), a.defaultInstanceName(), a.iamRole(), a.registrationLimit(),
                used.getOrDefault(a.id(), 0), a.created(), a.expires(), a.tags());
    }

    /** CreateActivation, its input already checked. */
    synchronized Created create(String region, String iamRole, String defaultInstanceName, String description,
            Instant expires, int registrationLimit, Map<String, String> tags) {
        String id = UUID.randomUUID().toString();
        byte[] raw = new byte[15];
        random.nextBytes(raw);
        // 20 characters of the base64 alphabet, like AWS's codes ("Zqr175DJ+sPQRHsmbzzf")
        String code = Base64.getEncoder().encodeToString(raw);
        SsmFleet.Activation a = new SsmFleet.Activation(id, description, defaultInstanceName, iamRole, registrationLimit, 0,
                clock.instant(), expires, Collections.unmodifiableMap(new LinkedHashMap<>(tags)));
        created.put(id, new Live(region, a, digest(code)));
        return new Created(id, code);
    }

    /** The SHA-256 digests of every activation code created here (the codes themselves are not kept). */
    synchronized List<byte[]> codeDigests() {
        return created.values().stream().map(l -> l.codeDigest().clone()).toList();
    }

    /** DeleteActivation of a well-formed id. */
    synchronized Deletion delete(AwsState state, String region, String activationId) {
        if (deletedActivations.contains(activationId)) {
            return Deletion.ALREADY_DELETED;
        }
        boolean known = fleet(state, region).activations.stream().anyMatch(a -> a.id().equals(activationId));
        if (!known) {
            return Deletion.UNKNOWN;
        }
        deletedActivations.add(activationId);
        return Deletion.DELETED;
    }

    /** DeregisterManagedInstance: false when the Region has no such managed instance (any more). */
    synchronized boolean deregister(AwsState state, String region, String instanceId) {
        boolean known = fleet(state, region).instances.stream().anyMatch(m -> m.id().equals(instanceId));
        if (known) {
            deregistered.add(instanceId);
        }
        return known;
    }

    /**
     * The agent's registration with an activation (amazon-ssm-agent -register -code C -id I -region R): one registration
     * of the activation is used and the machine becomes a managed instance "mi-" + 17 hex digits.
     */
    synchronized SsmFleet.ManagedInstance register(AwsState state, String region, String activationId, String code,
            String hostname, String ip) throws RegistrationRefused {
        Live live = created.get(activationId);
        if (live == null || !live.region().equals(region) || deletedActivations.contains(activationId)
                || code == null || !MessageDigest.isEqual(live.codeDigest(), digest(code))) {
            throw new RegistrationRefused(Refusal.INVALID_ACTIVATION, "InvalidActivation: Activation " + activationId
                    + " is not valid in " + region + ".");
        }
        Instant now = clock.instant();
        if (!now.isBefore(live.activation().expires())) {
            throw new RegistrationRefused(Refusal.ACTIVATION_EXPIRED, "ActivationExpired: Activation " + activationId
                    + " expired at " + live.activation().expires() + ".");
        }
        int count = used.getOrDefault(activationId, 0);
        if (count >= live.activation().registrationLimit()) {
            throw new RegistrationRefused(Refusal.INVALID_ACTIVATION, "InvalidActivation: Activation " + activationId
                    + " has reached its RegistrationLimit of " + live.activation().registrationLimit() + ".");
        }
        String id = newInstanceId(state);
        SsmFleet.ManagedInstance m = new SsmFleet.ManagedInstance(id, ip, hostname, null, null,
                withCount(live.activation()), now);
        used.put(activationId, count + 1);
        registered.put(id, new Registered(region, m));
        return m;
    }

    /** The agent's ping reports the host's operating system ("Ubuntu 22.04.5 LTS"); unknown instances: nothing. */
    synchronized void reportPlatform(String instanceId, String osImage) {
        Registered r = registered.get(instanceId);
        if (r == null || osImage == null || osImage.isBlank()) {
            return;
        }
        SsmFleet.ManagedInstance m = r.instance();
        registered.put(instanceId, new Registered(r.region(), new SsmFleet.ManagedInstance(m.id(), m.ip(), m.computerName(),
                SsmFleet.platformName(osImage), SsmFleet.platformVersion(osImage), m.activation(), m.registered())));
    }

    private String newInstanceId(AwsState state) {
        while (true) {
            StringBuilder sb = new StringBuilder("mi-");
            for (int i = 0; i < 17; i++) {
                sb.append(Character.forDigit(random.nextInt(16), 16));
            }
            String id = sb.toString();
            boolean taken = registered.containsKey(id) || state.regions().stream()
                    .anyMatch(r -> new SsmFleet(state, r).instances.stream().anyMatch(m -> m.id().equals(id)));
            if (!taken) {
                return id;
            }
        }
    }

    /** Whether {@code instanceId} was registered here (not seeded) and is still registered. */
    synchronized Optional<String> regionOf(String instanceId) {
        Registered r = registered.get(instanceId);
        return r == null || deregistered.contains(instanceId) ? Optional.empty() : Optional.of(r.region());
    }

    static byte[] digest(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
