package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.pools.wizard.CaKeyFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the pool detail's day-2 actions need from core. Every call BLOCKS (the UI runs it off the FX thread through
 * its TaskRunner) and fails with an exception whose message is one sentence ({@code Errors.sentence}). Plans are
 * core {@link Operation}s (their {@code planText()} is shown as it is); runs report every journal change to
 * {@code progress} (any thread; the UI moves it to the FX thread) and return the final journal (SUCCEEDED, FAILED
 * with its error, or CANCELLED), honouring {@link RunControl}: cancel and pause take effect at a safe point (a
 * rolling upgrade: a node boundary). A run that cannot start (the lock is held) throws.
 *
 * <p>Journal outputs the UI reads while a run goes on:
 * <ul>
 * <li>{@code progress/NODE} ({@code FanOut.progressKey}): one node's (or host's) current step, "waiting",
 * "2/6 nodeadm upgrade…", "done", "failed: reason", "cancelled";</li>
 * <li>{@link #PAUSED_OUTPUT} "true" while a rolling run is paused at a node boundary;</li>
 * <li>{@link #BLOCKED_OUTPUT}: while a drain waits on a PodDisruptionBudget (Eviction API 429), the sentence that
 * names the pod and the budget (as {@code NodeDrain.drain}'s {@code blocked} callback says it); absent or "" once
 * nothing blocks. (Core tells it through a callback: the implementation puts it in a copy of the last journal it
 * reported and reports that.)</li>
 * </ul>
 */
public interface PoolDay2Port {
    String PAUSED_OUTPUT = "rolling/paused";
    String BLOCKED_OUTPUT = "drain/blocked";

    /** The pool acted on: its cluster, how to reach its API, and its name. */
    record PoolTarget(Cluster cluster, ClusterAccess access, String pool) {
        public PoolTarget {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(pool, "pool");
        }
    }

    /** The pool's Lease ({@code hybridpane-pool-NAME}) as read now. */
    sealed interface LockState {
        /** No operation holds the pool. */
        record Free() implements LockState {
        }

        /** Held and renewed in time: "Updating, held by {@code holder} since {@code since}". */
        record Held(String holder, Instant since, Instant renewed) implements LockState {
        }

        /** Held but not renewed within the lease's duration: it may be taken over explicitly. */
        record Stale(String holder, Instant since, Instant lastRenewal) implements LockState {
        }
    }

    /** A day-2 operation of the pool whose journal is not finished (killed console, crash): Resume finishes it. */
    record Unfinished(String operationId, String kind, String title, Instant started, String by) {
    }

    /**
     * One host's Roles Anywhere certificate as the host has it; {@code problem} says why it could not be read (the host's
     * key is not trusted yet, SSH refused, no certificate file), and then {@code notAfter} is null.
     */
    record HostCertificate(String host, String node, Instant notAfter, String problem) {
        public HostCertificate(String host, String node, Instant notAfter) {
            this(host, node, notAfter, null);
        }
    }

    /** The pool's day-2 state: its lock, an unfinished operation, its credential provider, its host certificates. */
    record Day2State(LockState lock, Optional<Unfinished> unfinished, CredentialProvider provider,
            List<HostCertificate> certificates) {
        public Day2State {
            certificates = List.copyOf(certificates);
        }
    }

    /** Reads the pool's lock, unfinished journal and (Roles Anywhere) host certificates. */
    Day2State state(PoolTarget pool) throws Exception;

    /** Takes over a STALE lock; the takeover is recorded as an Event on the pool. Returns the lock as now held. */
    LockState takeOver(PoolTarget pool) throws Exception;

    /** Finishes an unfinished operation from its journal. */
    Journal resume(PoolTarget pool, Unfinished op, RunControl control, Consumer<Journal> progress) throws Exception;

    // ---- hosts -----------------------------------------------------------------------------------------------------

    /** A host of the pool's site: a member (with its node) or a free one, offered or not (with why, one sentence each). */
    record HostOption(String host, boolean member, String node, String system, boolean offered, List<String> reasons) {
        public HostOption {
            reasons = List.copyOf(reasons);
        }
    }

    /** The pool's hosts, then the site's other hosts (free compatible ones offered; the rest with their reasons). */
    List<HostOption> hosts(PoolTarget pool) throws Exception;

    /** How a node is drained: kubectl drain's choices, explicit. */
    record DrainOptions(boolean deleteEmptyDirData, boolean force, boolean disableEviction, Duration timeout) {
        public static final DrainOptions DEFAULT = new DrainOptions(false, false, false, Duration.ofMinutes(10));
    }

    /** Hosts to add (they join as in create) and to remove (their nodes drained and removed in this order). */
    record HostChange(List<String> add, List<String> remove, DrainOptions drain) {
        public HostChange {
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }

        public boolean isEmpty() {
            return add.isEmpty() && remove.isEmpty();
        }
    }

    Operation planHosts(PoolTarget pool, HostChange change) throws Exception;

    Journal changeHosts(PoolTarget pool, HostChange change, RunControl control, Consumer<Journal> progress) throws Exception;

    /** Removing one node: cordon, drain (Eviction API), nodeadm uninstall, wait NotReady, delete the Node, SSM, host freed. */
    Operation planRemoval(PoolTarget pool, String node, DrainOptions drain) throws Exception;

    Journal removeNode(PoolTarget pool, String node, DrainOptions drain, RunControl control, Consumer<Journal> progress)
            throws Exception;

    // ---- upgrade ---------------------------------------------------------------------------------------------------

    enum Strategy { IN_PLACE, CUTOVER, REPAVE }

    /** The administrator's choices: to which profile version, how, how many at once. */
    record UpgradeOptions(int toVersion, Strategy strategy, int maxUnavailable, int maxSurge, boolean stopOnFirstFailure,
            Duration pauseBetweenNodes) {
    }

    /** One node's part of the upgrade: in which batch, how, its steps, notes ("SSM node name changes"). */
    record NodePlan(String node, String host, int batch, Strategy strategy, List<String> steps, List<String> notes) {
        public NodePlan {
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    /** The reviewed plan: the operation, per node, and warnings about the whole (one sentence each). */
    record UpgradePlan(Operation operation, List<NodePlan> nodes, List<String> warnings) {
        public UpgradePlan {
            nodes = List.copyOf(nodes);
            warnings = List.copyOf(warnings);
        }
    }

    UpgradePlan planUpgrade(PoolTarget pool, UpgradeOptions options) throws Exception;

    /** Runs the approved plan (the same options; core re-plans under the lock and refuses if it changed). */
    Journal upgrade(PoolTarget pool, UpgradeOptions options, RunControl control, Consumer<Journal> progress) throws Exception;

    // ---- certificates and SSM --------------------------------------------------------------------------------------

    /** Rotating the Roles Anywhere certificates: per host issue, copy (key 0600), restart the helper, stay Ready. */
    Operation planRotation(PoolTarget pool) throws Exception;

    /** The CA key is held by the caller and wiped by it afterwards; the port never keeps it. */
    Journal rotate(PoolTarget pool, CaKeyFile ca, RunControl control, Consumer<Journal> progress) throws Exception;

    /** A hybrid managed instance with no Node (an orphan of a failed run). */
    record Orphan(String managedInstanceId, String name, String ip, Instant registered) {
    }

    /** An activation the console made that is used up or expired. */
    record SpentActivation(String activationId, String why, Instant expires) {
    }

    record SsmHygiene(List<Orphan> orphans, List<SpentActivation> activations) {
        public SsmHygiene {
            orphans = List.copyOf(orphans);
            activations = List.copyOf(activations);
        }
    }

    SsmHygiene hygiene(PoolTarget pool) throws Exception;

    /** Deregisters these orphans and deletes these activations; returns one sentence of what was done. */
    String cleanUp(PoolTarget pool, SsmHygiene chosen) throws Exception;

    /** Where no day-2 service is wired: every call says so, in one sentence. */
    static PoolDay2Port unavailable() {
        return new UnavailableDay2();
    }
}
