package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.domain.pool.SsmRegistration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a node joins at the new version during a repave or a cutover: for SSM one activation for every host still to join
 * (its code only in this process's memory; a resumed run by another console, which cannot use it, deletes it and makes
 * one for the hosts left), then per host the creation's own steps ({@link HostSteps}: sudo, NTP, route, certificate,
 * NodeConfig, nodeadm install, nodeadm init, each observed first), the wait for Ready at the new kubelet, and the mark
 * {@code HOST/rebuilt = N} in the journal. Also the step wrappers the repave and the cutover share.
 */
final class PoolUpgradeJoin {
    static final String ACTIVATION = "upgrade/activation";
    static final String REBUILT = "/rebuilt";

    private final UpgradePlan plan;
    private final PoolUpgradeRebuild rb;
    private final PoolStore.Pools pools;
    private final Function<String, HostRun> runs;
    private final Map<String, ActivationPort.Created> held;
    private final Clock clock;
    private final HostSteps hostSteps;

    PoolUpgradeJoin(UpgradePlan plan, PoolStore.Pools pools, Function<String, HostRun> runs,
                    Map<String, ActivationPort.Created> held, Clock clock) {
        this.plan = plan;
        this.rb = plan.rebuild();
        this.pools = pools;
        this.runs = runs;
        this.held = held;
        this.clock = clock;
        this.hostSteps = new HostSteps(rb.inputs(), pools, runs, this::credentials);
    }

    static String rebuiltKey(String host) {
        return host + REBUILT;
    }

    private String toNumber() {
        return Integer.toString(plan.to().number());
    }

    boolean rebuilt(StepContext ctx, String host) {
        return toNumber().equals(ctx.get(rebuiltKey(host)).orElse(null));
    }

    private Optional<NodeCredentials.Ssm> credentials(StepContext ctx) {
        return ctx.get(ACTIVATION).flatMap(id -> Optional.ofNullable(held.get(id)))
                .map(c -> new NodeCredentials.Ssm(c.id(), c.code()));
    }

    /** SSM: one activation for the hosts in {@code joining} that have not joined at the new version yet. */
    Step activation(Collection<String> joining) {
        PoolInputs in = rb.inputs();
        return Steps.of("ssm-activation", "ssm:CreateActivation for the hosts that join at v" + toNumber(),
                List.of("IamRole: " + in.hybridRole(), "RegistrationLimit: the hosts still to join (" + joining.size()
                        + " at most)", "ExpirationDate: " + PoolCreation.ACTIVATION_LIFETIME.toHours() + " hours from now",
                        "Tags: EKSClusterARN=" + in.cluster().arn(), "the activation code is held in memory only; one an "
                                + "earlier run made and this one cannot use is deleted"),
                ctx -> {
                    int left = left(ctx, joining);
                    if (left == 0) {
                        ctx.log("every host has joined at v" + toNumber() + ": no activation is needed");
                        return true;
                    }
                    Optional<String> id = ctx.get(ACTIVATION);
                    return id.isPresent() && held.containsKey(id.get()) && rb.ssm().describe(in.region(), id.get())
                            .filter(a -> a.usable(clock.instant()) && a.registrationLimit() - a.registrationsCount() >= left)
                            .isPresent();
                },
                ctx -> {
                    Optional<String> old = ctx.get(ACTIVATION);
                    if (old.isPresent()) {
                        ActivationPort.Created mine = held.remove(old.get());
                        ctx.log("activation " + old.get() + " cannot be used by this run: deleting it");
                        rb.ssm().delete(in.region(), old.get());
                        if (mine != null) {
                            mine.wipe();
                        }
                    }
                    int left = left(ctx, joining);
                    ActivationPort.Created c = rb.ssm().create(in.region(), in.hybridRole(), left,
                            clock.instant().plus(PoolCreation.ACTIVATION_LIFETIME), in.pool().name(), "HybridPane upgrade of "
                                    + "node pool " + in.pool().name() + " in " + in.clusterName(),
                            Map.of("EKSClusterARN", in.cluster().arn()));
                    held.put(c.id(), c);
                    ctx.put(ACTIVATION, c.id());
                    ctx.log("activation " + c.id() + " for " + left + " host(s), code held in memory only");
                });
    }

    /**
     * The hosts still to register: not marked rebuilt, and not registered with SSM since their old node (a run that
     * died after {@code nodeadm init} left the registration, which nodeadm re-uses, so that host needs no activation).
     */
    private int left(StepContext ctx, Collection<String> joining) throws Exception {
        int left = 0;
        for (String h : joining) {
            if (!rebuilt(ctx, h) && !registeredAnew(h)) {
                left++;
            }
        }
        return left;
    }

    private boolean registeredAnew(String host) throws Exception {
        Optional<String> text = runs.apply(host).cat(SsmRegistration.PATH);
        if (text.isEmpty()) {
            return false;
        }
        SsmRegistration reg = SsmRegistration.parse(text.get());
        String old = plan.nodes().stream().filter(n -> n.host().equals(host)).map(UpgradePlan.NodePlan::node).findFirst()
                .orElse("");
        return reg.wellFormed() && !reg.managedInstanceId().equals(old);
    }

    /** The host joins at the new version: the creation's steps (ids "HOST/…"), Ready at the new kubelet, the mark. */
    List<Step> join(String host, String why) {
        List<Step> out = new ArrayList<>();
        for (Step s : hostSteps.steps(host)) {
            out.add(guarded(prefixed(host + "/join-", s), ctx -> rebuilt(ctx, host)));
        }
        out.add(Steps.of(host + "/ready", "Wait until the node on " + host + " is Ready with kubelet v"
                        + plan.kubernetesVersion() + ".x (at most " + plan.options().readyTimeout().toSeconds() + " s)",
                List.of("Kubernetes: get the host's Node"), ctx -> rebuilt(ctx, host) || ready(ctx, host), ctx -> {
                    long end = System.nanoTime() + plan.options().readyTimeout().toNanos();
                    while (!ready(ctx, host)) {
                        if (System.nanoTime() > end) {
                            throw new IllegalStateException("The node on " + host + " (" + ctx.get(HostSteps.nodeKey(host))
                                    .orElse("no node") + ") is not Ready with kubelet v" + plan.kubernetesVersion() + ".x after "
                                    + plan.options().readyTimeout().toSeconds() + " s.");
                        }
                        ctx.pause(PoolUpgradeSteps.POLL);
                    }
                }));
        out.add(Steps.of(host + "/rebuilt", "Record that " + host + " joined at v" + toNumber() + ", an Event NodeJoined",
                List.of("journal: " + rebuiltKey(host) + " = " + toNumber()), ctx -> rebuilt(ctx, host), ctx -> {
                    String node = ctx.get(HostSteps.nodeKey(host)).orElse("");
                    ctx.put(rebuiltKey(host), toNumber());
                    event(ctx, "NodeJoined", "Host " + host + " joined pool " + plan.pool().name() + " at v" + toNumber()
                            + " as node " + node + " (" + why + ").");
                }));
        return out;
    }

    private boolean ready(StepContext ctx, String host) {
        return ctx.get(HostSteps.nodeKey(host)).flatMap(pools::node)
                .filter(s -> s.ready() && PoolUpgradeSteps.atVersion(s, plan.kubernetesVersion())).isPresent();
    }

    void event(StepContext ctx, String reason, String message) {
        try {
            pools.event(plan.pool().name(), PoolStore.EventType.Normal, reason, message);
        } catch (PoolStoreException e) {
            ctx.log("could not record the Event " + reason + ": " + e.getMessage());
        }
    }

    /** The step with its id prefixed. */
    static Step prefixed(String prefix, Step s) {
        return Steps.of(prefix + s.id(), s.title(), s.arguments(), s::observe, s::apply);
    }

    /** The step, done as well whenever {@code done} says so (observed before the step's own observation). */
    static Step guarded(Step s, Steps.Observer done) {
        return Steps.of(s.id(), s.title(), s.arguments(), ctx -> done.observe(ctx) || s.observe(ctx), s::apply);
    }

}
