package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.domain.ClusterRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SSM hygiene for a cluster's pools. The activations the console made (tag EKSClusterARN = the cluster's ARN, description
 * "HybridPane node pool …", DefaultInstanceName = the pool) are deleted once their registrations are used up or they
 * expire. Managed instances with no Node (orphans of failed runs: registered through an activation tagged for this
 * cluster, or one a pool operation of this cluster recorded in its journal, whose mi- id is no Node of the cluster) are
 * listed, and deregistered on request. An instance registered less than {@code grace} ago is left alone: it may be a host
 * still joining. Blocking AWS and Kubernetes calls; failures are AwsFailures / PoolStoreExceptions.
 */
public final class SsmHygiene {
    /** An instance registered more recently than this may still be joining: it is not called an orphan. */
    public static final Duration GRACE = Duration.ofMinutes(30);
    /** The tag the console (and AWS's guide) puts on a cluster's activations. */
    public static final String CLUSTER_TAG = "EKSClusterARN";
    /** How the console's activations' descriptions begin. */
    public static final String DESCRIPTION = "HybridPane node pool ";

    private final ActivationPort ssm;
    private final Clock clock;
    private final Duration grace;

    public SsmHygiene(ActivationPort ssm, Clock clock) {
        this(ssm, clock, GRACE);
    }

    public SsmHygiene(ActivationPort ssm, Clock clock, Duration grace) {
        this.ssm = ssm;
        this.clock = clock;
        this.grace = grace;
    }

    /** A managed instance whose id is no Node of the cluster; {@code pool}: the activation's DefaultInstanceName, or "". */
    public record Orphan(String instanceId, String name, String ipAddress, String activationId, String pingStatus,
                         Instant registered, String pool) {
        /** "mi-… (NAME, 10.0.0.5, Online, registered T through activation A): no Node". */
        public String text() {
            return instanceId + " (" + (name == null || name.isBlank() ? "no name" : name) + ", "
                    + (ipAddress == null || ipAddress.isBlank() ? "no IP" : ipAddress) + ", " + pingStatus + ", registered "
                    + registered + " through activation " + activationId + "): no Node in the cluster";
        }
    }

    /** An activation the console made that can register no host any more; {@code why}: "used up" or "expired". */
    public record SpentActivation(String id, String pool, int registrationsCount, int registrationLimit, Instant expires,
                                  String why) {
        public String text() {
            return id + " (pool " + pool + ", " + registrationsCount + "/" + registrationLimit + " registrations, expires "
                    + expires + "): " + why;
        }
    }

    /** What a scan found. */
    public record Report(List<Orphan> orphans, List<SpentActivation> spent) {
        public Report {
            orphans = List.copyOf(orphans);
            spent = List.copyOf(spent);
        }

        public boolean clean() {
            return orphans.isEmpty() && spent.isEmpty();
        }
    }

    /** What a cleanup did; {@code failures}: one sentence per instance or activation that could not be removed. */
    public record Cleaned(List<String> deregistered, List<String> deleted, List<String> failures) {
        public Cleaned {
            deregistered = List.copyOf(deregistered);
            deleted = List.copyOf(deleted);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Lists the cluster's orphaned managed instances and the console's spent activations (nothing is changed).
     *
     * @param clusterArn the cluster's ARN (DescribeCluster), the value of the activations' EKSClusterARN tag
     * @param journals   the cluster's operation journals: the activations pool operations recorded
     */
    public Report scan(ClusterRef ref, String clusterArn, PoolStore.Pools pools, JournalStore journals) {
        Instant now = clock.instant();
        List<ActivationPort.Activation> tagged = ssm.activationsTagged(ref.region(), CLUSTER_TAG, clusterArn);
        Set<String> ours = new LinkedHashSet<>();
        List<SpentActivation> spent = new ArrayList<>();
        for (ActivationPort.Activation a : tagged) {
            ours.add(a.id());
            if (!a.description().startsWith(DESCRIPTION)) {
                continue; // tagged for this cluster, but not the console's: never deleted here
            }
            String why = a.expired() || (a.expirationDate() != null && !a.expirationDate().isAfter(now)) ? "expired"
                    : a.registrationsCount() >= a.registrationLimit() ? "registrations used up" : null;
            if (why != null) {
                spent.add(new SpentActivation(a.id(), a.defaultInstanceName(), a.registrationsCount(), a.registrationLimit(),
                        a.expirationDate(), why));
            }
        }
        ours.addAll(recorded(ref, journals));
        List<Orphan> orphans = new ArrayList<>();
        for (ActivationPort.ManagedInstance mi : ssm.managedInstances(ref.region())) {
            if (mi.activationId() == null || !ours.contains(mi.activationId())) {
                continue;
            }
            if (mi.registered() != null && mi.registered().isAfter(now.minus(grace))) {
                continue; // may still be joining
            }
            if (pools.node(mi.instanceId()).isEmpty()) {
                String pool = tagged.stream().filter(a -> a.id().equals(mi.activationId())).map(ActivationPort.Activation::defaultInstanceName)
                        .findFirst().orElse(mi.name() == null ? "" : mi.name());
                orphans.add(new Orphan(mi.instanceId(), mi.name(), mi.ipAddress(), mi.activationId(), mi.pingStatus(),
                        mi.registered(), pool));
            }
        }
        return new Report(orphans, spent);
    }

    /** The activation ids this cluster's pool operations recorded in their journals (also those of earlier runs). */
    static Set<String> recorded(ClusterRef ref, JournalStore journals) {
        Set<String> ids = new LinkedHashSet<>();
        String prefix = "/" + ref.region() + "/" + ref.name() + "/";
        for (Journal j : journals.list()) {
            if (!j.id().contains(prefix)) {
                continue;
            }
            String id = j.outputs().get(PoolCreation.ACTIVATION);
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Deregisters the orphans and deletes the spent activations of {@code report}, each with an Event on its pool
     * (when it names one); one failure does not stop the others.
     */
    public Cleaned clean(ClusterRef ref, Report report, PoolStore.Pools pools) {
        List<String> deregistered = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Orphan o : report.orphans()) {
            try {
                ssm.deregister(ref.region(), o.instanceId());
                deregistered.add(o.instanceId());
                event(pools, o.pool(), "ManagedInstanceDeregistered", "Managed instance " + o.instanceId() + " had no Node in "
                        + "the cluster (an orphan of an earlier run): deregistered from SSM.");
            } catch (RuntimeException e) {
                failures.add(o.instanceId() + ": " + e.getMessage());
            }
        }
        for (SpentActivation a : report.spent()) {
            try {
                ssm.delete(ref.region(), a.id());
                deleted.add(a.id());
                event(pools, a.pool(), "ActivationDeleted", "SSM activation " + a.id() + " (" + a.why() + ") deleted.");
            } catch (RuntimeException e) {
                failures.add(a.id() + ": " + e.getMessage());
            }
        }
        return new Cleaned(deregistered, deleted, failures);
    }

    private static void event(PoolStore.Pools pools, String pool, String reason, String message) {
        try {
            if (pool == null || pool.isBlank() || pools.get(pool).isEmpty()) {
                return;
            }
            pools.event(pool, PoolStore.EventType.Normal, reason, message);
        } catch (PoolStoreException e) {
            // the cleanup is done; its Event is a courtesy
        }
    }
}
