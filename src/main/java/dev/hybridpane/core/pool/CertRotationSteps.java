package dev.hybridpane.core.pool;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.LeafCertificate;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.NodeCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One host's steps of a certificate rotation, each observed before it is applied against what the journal recorded for
 * this rotation: the new serial ({@code HOST/serial}, recorded before the files are written, with {@code HOST/rotation}),
 * the signing helper's restart ({@code HOST/helper}) and the Ready check with its Event ({@code HOST/checked}). A host
 * whose certificate already carries this rotation's serial is not rotated again. The new private key exists only in
 * memory and on the host.
 */
final class CertRotationSteps {
    /** The unit that keeps Roles Anywhere credentials fresh; it reads the certificate once at start. */
    static final String SIGNING_HELPER_UNIT = "aws_signing_helper_update";
    static final String ROTATED = "CertificateRotated";

    private final CertRotation.Inputs in;
    private final int rotation;
    private final Function<String, HostRun> runs;
    private final PoolStore.Pools pools;
    private final BooleanSupplier held;

    /**
     * @param runs the host's SSH session (only applied steps and observations use it; the plan never does)
     * @param held false once the pool's lock was taken over: nothing more is applied
     */
    CertRotationSteps(CertRotation.Inputs in, int rotation, Function<String, HostRun> runs, PoolStore.Pools pools,
                      BooleanSupplier held) {
        this.in = in;
        this.rotation = rotation;
        this.runs = runs;
        this.pools = pools;
        this.held = held;
    }

    List<Step> steps(String host) {
        String node = in.nodes().get(host);
        String validity = NodeCertificates.VALIDITY.toDays() + " days";
        Step certificate = Steps.of(host + "/certificate", "Issue a new certificate CN=" + node + " for " + host
                        + " and write it with its key",
                List.of("issue certificate CN=" + node + " from CA " + CertRotation.subject(in.caCertificatePem())
                                + ": clientAuth, a new EC P-384 key generated in memory, valid " + validity,
                        HostCommands.writePrivateKey("(the key)").display(),
                        HostCommands.writeCertificate("(the certificate issued above, PEM)").display()),
                ctx -> rotated(host, ctx), ctx -> issue(host, node, ctx));
        Step helper = Steps.of(host + "/signing-helper", "Restart " + SIGNING_HELPER_UNIT + " on " + host + " where it runs",
                List.of(HostCommands.isActive(SIGNING_HELPER_UNIT).display() + "  (active: then "
                        + HostCommands.restart(SIGNING_HELPER_UNIT).display() + ")"),
                ctx -> helperDone(host, ctx), ctx -> restartHelper(host, ctx));
        Step ready = Steps.of(host + "/ready", "Check that node " + node + " stays Ready",
                List.of("the Node " + node + " is Ready (waits up to " + in.readyTimeout().toSeconds() + " s); Event " + ROTATED
                        + " on the pool"),
                ctx -> ctx.get(host + "/checked").filter(s -> s.equals(serialOf(host, ctx))).isPresent(),
                ctx -> checkReady(host, node, ctx));
        return List.of(certificate, helper, ready);
    }

    private String serialOf(String host, StepContext ctx) {
        return thisRotation(host, ctx) ? ctx.get(host + "/serial").orElse("") : "";
    }

    private boolean thisRotation(String host, StepContext ctx) {
        return ctx.get(host + "/rotation").filter(r -> r.equals(String.valueOf(rotation))).isPresent();
    }

    private void requireHeld() {
        if (!held.getAsBoolean()) {
            throw new IllegalStateException("The pool's lock was taken over by another workstation: this run stopped.");
        }
    }

    /** Done when the host's certificate carries the serial this rotation recorded for it. */
    private boolean rotated(String host, StepContext ctx) throws Exception {
        String recorded = serialOf(host, ctx);
        if (recorded.isEmpty()) {
            return false;
        }
        Optional<String> pem = runs.apply(host).cat(HostCommands.CERTIFICATE_PATH);
        String now = pem.flatMap(NodeCertificates::parse).map(HostCertificates::serial).orElse("");
        if (now.equals(recorded)) {
            return true;
        }
        ctx.log(host + "'s certificate is not the one this rotation issued (serial " + recorded + "): a new one is issued");
        return false;
    }

    private void issue(String host, String node, StepContext ctx) throws Exception {
        requireHeld();
        CaKey key = in.caKey();
        if (key == null) {
            throw new IllegalStateException("No CA key is held in memory for this run: give the CA key and run it again.");
        }
        LeafCertificate leaf = key.issue(in.caCertificatePem(), node, NodeCertificates.VALIDITY);
        // recorded before the files are written: a run killed after the write sees this serial on the host and skips it
        ctx.put(host + "/rotation", String.valueOf(rotation));
        ctx.put(host + "/serial", leaf.serial());
        ctx.put(host + "/notAfter", leaf.notAfter());
        ctx.log("issued certificate CN=" + node + " for " + host + " (serial " + leaf.serial() + ", valid until "
                + leaf.notAfter() + ")");
        HostRun r = runs.apply(host);
        r.secret = leaf.privateKeyPem();
        try {
            // the key first: a certificate on the host always has its own key beside it
            r.require(HostCommands.writePrivateKey(leaf.privateKeyPem()), HostRun.COMMAND, "Writing the private key");
            r.require(HostCommands.writeCertificate(leaf.certificatePem()), HostRun.COMMAND, "Writing the certificate");
        } finally {
            r.secret = null;
        }
        ctx.log("certificate serial " + leaf.serial() + " and its key written to " + host);
    }

    private boolean helperDone(String host, StepContext ctx) throws Exception {
        String serial = serialOf(host, ctx);
        if (!serial.isEmpty() && ctx.get(host + "/helper").filter(serial::equals).isPresent()) {
            return true;
        }
        if (runs.apply(host).run(HostCommands.isActive(SIGNING_HELPER_UNIT)).exitCode() != 0) {
            ctx.log(SIGNING_HELPER_UNIT + " does not run on " + host + ": nothing to restart");
            ctx.put(host + "/helper", serial);
            return true;
        }
        return false;
    }

    private void restartHelper(String host, StepContext ctx) throws Exception {
        requireHeld();
        runs.apply(host).require(HostCommands.restart(SIGNING_HELPER_UNIT), HostRun.COMMAND, "Restarting " + SIGNING_HELPER_UNIT);
        ctx.put(host + "/helper", serialOf(host, ctx));
        ctx.log(SIGNING_HELPER_UNIT + " restarted on " + host);
    }

    private void checkReady(String host, String node, StepContext ctx) throws Exception {
        requireHeld();
        Instant end = Instant.now().plus(in.readyTimeout());
        Optional<PoolStore.NodeState> n = pools.node(node);
        while (n.isEmpty() || !n.get().ready()) {
            if (!Instant.now().isBefore(end)) {
                String why = n.map(s -> "NotReady" + (s.reason() == null || s.reason().isBlank() ? "" : " (" + s.reason() + ")"))
                        .orElse("not in the cluster");
                pools.event(in.pool().pool().name(), PoolStore.EventType.Warning, "CertificateRotationFailed", "Node " + node
                        + " of host " + host + " is " + why + " " + in.readyTimeout().toSeconds() + " s after its certificate "
                        + "was rotated.");
                throw new IllegalStateException("Node " + node + " of " + host + " is " + why + " after its certificate was "
                        + "rotated (waited " + in.readyTimeout().toSeconds() + " s): see the node's kubelet and "
                        + SIGNING_HELPER_UNIT + " on the host.");
            }
            ctx.pause(Duration.ofSeconds(1));
            n = pools.node(node);
        }
        String serial = serialOf(host, ctx);
        pools.event(in.pool().pool().name(), PoolStore.EventType.Normal, ROTATED, "Host " + host + " (node " + node
                + "): new certificate serial " + serial + ", valid until " + ctx.get(host + "/notAfter").orElse("?")
                + "; the node is Ready.");
        ctx.put(host + "/checked", serial);
        ctx.log("node " + node + " is Ready");
    }
}
