package dev.hybridpane.core.pool;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Systems Manager hybrid activations (ssm:CreateActivation, DescribeActivations, DeleteActivation): what an SSM pool's
 * hosts register with. The activation code is a secret: it exists only in the {@link Created} this returns, in memory.
 * Failures are {@code AwsFailure}s.
 */
public interface ActivationPort {

    /** A new activation: its id and its code (memory only; {@code toString} hides it). */
    final class Created {
        private final String id;
        private final char[] code;

        public Created(String id, String code) {
            this.id = id;
            this.code = code.toCharArray();
        }

        public String id() {
            return id;
        }

        /** The secret code, for the NodeConfig written to a host: never log, journal or store it. */
        public String code() {
            return new String(code);
        }

        public void wipe() {
            Arrays.fill(code, '\0');
        }

        @Override
        public String toString() {
            return "Activation[" + id + ", code ****]";
        }
    }

    /** DescribeActivations' view of one activation (never its code). */
    record Activation(String id, String iamRole, int registrationLimit, int registrationsCount, Instant expirationDate,
                      boolean expired, Map<String, String> tags, String defaultInstanceName, String description) {
        public Activation {
            tags = Map.copyOf(tags == null ? Map.of() : tags);
            defaultInstanceName = defaultInstanceName == null ? "" : defaultInstanceName;
            description = description == null ? "" : description;
        }

        public Activation(String id, String iamRole, int registrationLimit, int registrationsCount, Instant expirationDate,
                          boolean expired, Map<String, String> tags) {
            this(id, iamRole, registrationLimit, registrationsCount, expirationDate, expired, tags, "", "");
        }

        public boolean usable(Instant now) {
            return !expired && (expirationDate == null || expirationDate.isAfter(now)) && registrationsCount < registrationLimit;
        }
    }

    /**
     * @param iamRole the role name (or ARN) the managed instances assume: the cluster's Hybrid Nodes role
     */
    Created create(String region, String iamRole, int registrationLimit, Instant expiration, String defaultInstanceName,
            String description, Map<String, String> tags);

    Optional<Activation> describe(String region, String activationId);

    void delete(String region, String activationId);

    /**
     * Whether SSM still lists this managed instance (DescribeInstanceInformation): a host registered as it keeps its
     * registration, and nodeadm init re-uses it rather than spending an activation's registration.
     */
    boolean registered(String region, String managedInstanceId);

    /** DeregisterManagedInstance; an instance SSM no longer knows (InvalidInstanceId) is not an error. */
    void deregister(String region, String managedInstanceId);

    /** Activations whose tag {@code tagKey} has {@code tagValue} (DescribeActivations, every page). */
    List<Activation> activationsTagged(String region, String tagKey, String tagValue);

    /**
     * The hybrid managed instances (mi-…) SSM lists (DescribeInstanceInformation, every page), with what an orphan check
     * needs: the activation they registered with, their ping status, name and IP.
     */
    List<ManagedInstance> managedInstances(String region);

    record ManagedInstance(String instanceId, String activationId, String pingStatus, String name, String ipAddress,
                           Instant registered) {
    }
}
