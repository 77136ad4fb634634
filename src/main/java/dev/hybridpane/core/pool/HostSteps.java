package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HostCommand;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.NodeConfig;
import dev.hybridpane.domain.pool.NodeConfigRules;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.NodeConfigs;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.SsmRegistration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One host's steps of a pool creation, each observed before it is applied: sudo and whether the host's node is already
 * in the cluster (then every later step is done), NTP, the VPN route unit, for IAM Roles Anywhere the node's certificate
 * and key (issued in memory from the CA key, unless the host has a good one for its node name), the NodeConfig (0600),
 * nodeadm install (the tracker), nodeadm init (the registration or Roles Anywhere session, and its Node), recording
 * {@code HOST/node}. An SSM node is named by its registration; a Roles Anywhere node by {@link NodeCertificates#nodeName}.
 */
final class HostSteps {
    static final String NODE = "/node";

    private final PoolInputs in;
    private final PoolStore.Pools pools;
    private final Function<String, HostRun> runs;
    private final Function<StepContext, Optional<NodeCredentials.Ssm>> credentials;

    /** @param credentials the activation this process holds (empty for the plan, which masks it anyway) */
    HostSteps(PoolInputs in, PoolStore.Pools pools, Function<String, HostRun> runs,
              Function<StepContext, Optional<NodeCredentials.Ssm>> credentials) {
        this.in = in;
        this.pools = pools;
        this.runs = runs;
        this.credentials = credentials;
    }

    static String nodeKey(String host) {
        return host + NODE;
    }

    private String osId(String host) {
        var s = in.inventory().get(host);
        return s == null || s.status().facts() == null ? "" : s.status().facts().osId();
    }

    private boolean rolesAnywhere() {
        return in.rolesAnywhere() != null;
    }

    /** A Roles Anywhere host's node name (its certificate's CN). */
    String nodeName(String host) {
        return NodeCertificates.nodeName(in.pool().name(), host);
    }

    private NodeCredentials.RolesAnywhere raCredentials(String host) {
        PoolInputs.RolesAnywhere ra = in.rolesAnywhere();
        return new NodeCredentials.RolesAnywhere(nodeName(host), ra.anchor().arn(), ra.profile().arn(), ra.roleArn());
    }

    /** The NodeConfig as the plan shows it (the activation masked). */
    NodeConfig planConfig(String host) {
        return NodeConfigs.build(in.clusterName(), in.region(), in.kubernetes(), in.pool(), rolesAnywhere() ? raCredentials(host)
                : new NodeCredentials.Ssm("(the activation's id)", "(the activation's code, created in memory)"));
    }

    List<Step> steps(String host) {
        PoolHost ph = in.pool().host(host).orElseThrow();
        List<Step> out = new ArrayList<>();
        out.add(Steps.of("check", "Check passwordless sudo and whether the host's node is already in the cluster",
                List.of(HostCommands.SUDO_CHECK, rolesAnywhere() ? "Kubernetes: get the Node with providerID "
                        + HostCommands.providerId(in.region(), in.clusterName(), nodeName(host))
                        : HostCommands.readRegistration().display()),
                ctx -> check(host, ctx), ctx -> { }));
        if (!in.pool().ntpServers().isEmpty()) {
            List<HostCommand> ntp = HostCommands.ntp(osId(host), in.pool().ntpServers());
            out.add(Steps.of("ntp", "Set the pool's NTP servers", display(ntp),
                    ctx -> done(host) || sameFile(host, ntp.get(0)), ctx -> runAll(host, ntp)));
        }
        ph.vpn().ifPresent(vpn -> {
            List<HostCommand> route = HostCommands.route(in.vpcCidrs(), vpn);
            out.add(Steps.of("route", "Route the VPC through VPN server " + vpn, display(route),
                    ctx -> done(host) || sameFile(host, route.get(0))
                            && runs.apply(host).run(HostCommands.isActive(HostCommands.ROUTE_UNIT)).exitCode() == 0,
                    ctx -> runAll(host, route)));
        });
        if (rolesAnywhere()) {
            out.add(RaCertificateStep.step(in, host, nodeName(host), runs, this::done));
        }
        HostCommand planned = HostCommands.writeNodeConfig(planConfig(host));
        out.add(Steps.of("nodeconfig", "Write the NodeConfig", List.of(planned.display()),
                ctx -> done(host) || keepsRegistration(host, ctx) || sameFile(host, writeConfig(host, ctx)), ctx -> {
                    HostCommand c = writeConfig(host, ctx);
                    runs.apply(host).secret = credentials.apply(ctx).map(NodeCredentials.Ssm::activationCode).orElse(null);
                    runs.apply(host).require(c, HostRun.COMMAND, "Writing the NodeConfig");
                }));
        HostCommand install = HostCommands.nodeadmInstall(in.kubernetes().version(), in.kubernetes().credentialProvider(),
                in.kubernetes().containerdSource());
        out.add(Steps.of("install", "nodeadm install", List.of(install.display()),
                ctx -> done(host) || runs.apply(host).run(HostCommands.trackerExists()).exitCode() == 0, ctx -> {
                    HostRun r = runs.apply(host);
                    r.require(install, HostRun.NODEADM, "nodeadm install");
                    if (r.run(HostCommands.trackerExists()).exitCode() != 0) {
                        throw new IllegalStateException("nodeadm install exited 0 on " + host + " but wrote no "
                                + "/opt/nodeadm/tracker: nothing was installed.");
                    }
                }));
        HostCommand init = HostCommands.nodeadmInit();
        out.add(Steps.of("init", "nodeadm init", List.of(init.display()), ctx -> done(host) || joined(host, ctx), ctx -> {
            HostRun r = runs.apply(host);
            r.secret = credentials.apply(ctx).map(NodeCredentials.Ssm::activationCode).orElse(null);
            if (r.run(HostCommands.trackerExists()).exitCode() != 0) {
                throw new IllegalStateException("nodeadm is not installed on " + host + " (no /opt/nodeadm/tracker): "
                        + "nodeadm init would do nothing.");
            }
            r.require(init, HostRun.NODEADM, "nodeadm init");
            if (!joined(host, ctx)) {
                throw new IllegalStateException("nodeadm init exited 0 on " + host + ", but " + (rolesAnywhere() ? "its node "
                        + nodeName(host) : "the host has no SSM registration or its node") + " is not in the cluster.");
            }
        }));
        return out;
    }

    private static List<String> display(List<HostCommand> cs) {
        return cs.stream().map(HostCommand::display).toList();
    }

    boolean done(String host) {
        return runs.apply(host).done;
    }

    private void runAll(String host, List<HostCommand> cs) throws Exception {
        for (HostCommand c : cs) {
            runs.apply(host).require(c, HostRun.COMMAND, c.command());
        }
    }

    private boolean sameFile(String host, HostCommand write) throws Exception {
        String path = write.command().substring(write.command().lastIndexOf(' ') + 1);
        return runs.apply(host).cat(path).map(write.stdin()::equals).orElse(false);
    }

    /**
     * An SSM host that is still registered, whose NodeConfig is written, while this process holds no activation code
     * (another workstation resumes): nodeadm init re-uses the registration, so the file it has is the one to keep.
     */
    private boolean keepsRegistration(String host, StepContext ctx) throws Exception {
        if (rolesAnywhere() || credentials.apply(ctx).isPresent()) {
            return false;
        }
        HostRun r = runs.apply(host);
        if (r.run(HostCommands.registrationExists()).exitCode() == 0
                && r.run(HostCommands.exists(HostCommands.NODECONFIG_PATH)).exitCode() == 0) {
            ctx.log(host + " is registered with SSM and has its NodeConfig: kept (no activation code is held here)");
            return true;
        }
        return false;
    }

    private HostCommand writeConfig(String host, StepContext ctx) throws Exception {
        NodeCredentials creds;
        Map<String, String> files = Map.of();
        if (rolesAnywhere()) {
            creds = raCredentials(host);
            // nodeadm's rules read the certificate the certificate step wrote; the key's content is not needed
            String cert = runs.apply(host).cat(HostCommands.CERTIFICATE_PATH).orElse(null);
            boolean key = runs.apply(host).run(HostCommands.exists(HostCommands.PRIVATE_KEY_PATH)).exitCode() == 0;
            Map<String, String> f = new HashMap<>();
            if (cert != null) {
                f.put(HostCommands.CERTIFICATE_PATH, cert);
            }
            if (key) {
                f.put(HostCommands.PRIVATE_KEY_PATH, "");
            }
            files = f;
        } else {
            creds = credentials.apply(ctx).orElseThrow(() -> new IllegalStateException(
                    "no activation is held in memory for this run: run the operation again"));
        }
        NodeConfig c = NodeConfigs.build(in.clusterName(), in.region(), in.kubernetes(), in.pool(), creds);
        NodeConfigRules.check(c, files, Instant.now()).ifPresent(p -> {
            throw new IllegalStateException("The NodeConfig is invalid: " + p);
        });
        return HostCommands.writeNodeConfig(c);
    }

    /** sudo works; the host is done when its registration names a node with its providerID in the cluster. */
    private boolean check(String host, StepContext ctx) throws Exception {
        HostRun r = runs.apply(host);
        CommandResult sudo = r.run(HostCommand.of(HostCommands.SUDO_CHECK));
        if (sudo.exitCode() != 0) {
            throw new IllegalStateException(HostCommands.sudoRefused(host, sudo.stderr().isBlank() ? sudo.stdout() : sudo.stderr()));
        }
        r.done = joined(host, ctx);
        if (r.done) {
            ctx.log("node " + r.node + " is in the cluster: nothing to do on " + host);
        }
        return true;
    }

    /**
     * The host's node is in the cluster with this host's providerID (SSM: the node its registration names; Roles
     * Anywhere: its node name); records it.
     */
    private boolean joined(String host, StepContext ctx) throws Exception {
        HostRun r = runs.apply(host);
        if (rolesAnywhere()) {
            String name = nodeName(host);
            if (pools.nodeByProviderId(HostCommands.providerId(in.region(), in.clusterName(), name)).isEmpty()) {
                return false;
            }
            r.node = name;
            ctx.put(nodeKey(host), name);
            return true;
        }
        Optional<String> text = r.cat(SsmRegistration.PATH);
        if (text.isEmpty()) {
            return false;
        }
        SsmRegistration reg = SsmRegistration.parse(text.get());
        if (!reg.wellFormed()) {
            return false;
        }
        String providerId = HostCommands.providerId(in.region(), in.clusterName(), reg.managedInstanceId());
        if (pools.nodeByProviderId(providerId).isEmpty()) {
            return false;
        }
        r.node = reg.managedInstanceId();
        ctx.put(nodeKey(host), r.node);
        return true;
    }
}
