package dev.hybridpane.core.pool;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort.LeafCertificate;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.NodeCertificates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A Roles Anywhere host's certificate step: observed by reading the certificate on the host (its CN is the node name, the
 * trust anchor's CA issued it, it has more than {@link NodeCertificates#RENEW_BEFORE} left, and the key file exists);
 * applied by issuing a new certificate from the CA key held in memory (an EC P-384 key generated in memory), then writing
 * the key (0600) and the certificate (0644). The key goes only to the host: never to the plan, the log or the journal.
 */
final class RaCertificateStep {
    private RaCertificateStep() {
    }

    static String caSubject(PoolInputs.RolesAnywhere ra) {
        return NodeCertificates.parse(ra.anchor().certificatePem()).map(c -> c.getSubjectX500Principal().toString())
                .orElse("(trust anchor " + ra.anchor().name() + ")");
    }

    static Step step(PoolInputs in, String host, String node, Function<String, HostRun> runs, Predicate<String> done) {
        PoolInputs.RolesAnywhere ra = in.rolesAnywhere();
        String validity = NodeCertificates.VALIDITY.toDays() + " days";
        List<String> args = List.of("issue certificate CN=" + node + " from CA " + caSubject(ra) + " (trust anchor "
                        + ra.anchor().name() + "): clientAuth, an EC P-384 key generated in memory, valid " + validity,
                HostCommands.writePrivateKey("(the key)").display(),
                HostCommands.writeCertificate("(the certificate issued above, PEM)").display());
        return Steps.of("certificate", "Issue the node's certificate (CN=" + node + ") and write it with its key", args,
                ctx -> done.test(host) || inPlace(ra, host, node, runs.apply(host), ctx),
                ctx -> issue(ra, host, node, runs.apply(host), ctx));
    }

    private static boolean inPlace(PoolInputs.RolesAnywhere ra, String host, String node, HostRun r, StepContext ctx)
            throws Exception {
        Optional<String> pem = r.cat(HostCommands.CERTIFICATE_PATH);
        if (pem.isEmpty()) {
            return false;
        }
        Optional<String> problem = NodeCertificates.problem(pem.get(), ra.anchor().certificatePem(), node, Instant.now());
        if (problem.isPresent()) {
            ctx.log("the certificate on " + host + " will be replaced: " + problem.get());
            return false;
        }
        if (r.run(HostCommands.exists(HostCommands.PRIVATE_KEY_PATH)).exitCode() != 0) {
            ctx.log("the certificate on " + host + " has no private key beside it: a new pair is issued");
            return false;
        }
        return true;
    }

    private static void issue(PoolInputs.RolesAnywhere ra, String host, String node, HostRun r, StepContext ctx)
            throws Exception {
        if (ra.caKey() == null) {
            throw new IllegalStateException("No CA key is held in memory for this run: give the CA key and run it again.");
        }
        LeafCertificate leaf = ra.caKey().issue(ra.anchor().certificatePem(), node, NodeCertificates.VALIDITY);
        r.secret = leaf.privateKeyPem();
        try {
            // the key first: a certificate on the host always has its own key beside it
            r.require(HostCommands.writePrivateKey(leaf.privateKeyPem()), HostRun.COMMAND, "Writing the private key");
            r.require(HostCommands.writeCertificate(leaf.certificatePem()), HostRun.COMMAND, "Writing the certificate");
        } finally {
            r.secret = null;
        }
        ctx.log("certificate CN=" + node + " (serial " + leaf.serial() + ", valid until " + leaf.notAfter() + ") written to "
                + host + " with its key");
    }
}
