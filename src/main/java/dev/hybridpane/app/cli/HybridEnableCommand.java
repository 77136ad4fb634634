package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.EnableReview;
import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.domain.hybrid.CiliumValues;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane hybrid enable`: the enable-hybrid wizard's plan, printed, and applied with --apply. */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Enable hybrid mode on a cluster: remote networks, the Hybrid Nodes IAM role, node credentials "
                + "(SSM or IAM Roles Anywhere), node access and the CNI affinity. --plan prints every call; --apply runs them.")
public final class HybridEnableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;
    @Option(names = "--node-cidr", split = ",", required = true, paramLabel = "CIDR", description = "Remote node CIDRs (repeat or comma-separate).")
    List<String> nodeCidrs = new ArrayList<>();
    @Option(names = "--pod-cidr", split = ",", paramLabel = "CIDR", description = "Remote pod CIDRs (repeat or comma-separate).")
    List<String> podCidrs = new ArrayList<>();
    @Option(names = "--provider", defaultValue = "ssm", paramLabel = "ssm|iam-ra")
    String provider;
    @Option(names = "--role-name", paramLabel = "NAME", description = "Default: AmazonEKSHybridNodesRole.")
    String roleName;
    @Option(names = "--ca-cert", paramLabel = "FILE", description = "Roles Anywhere: the CA certificate (PEM) to trust.")
    Path caCert;
    @Option(names = "--generate-ca", paramLabel = "KEY_FILE",
            description = "Roles Anywhere: generate a new CA; its private key goes to KEY_FILE (0600) and nowhere else; "
                    + "the certificate to --ca-cert.")
    Path generateCaKey;
    @Option(names = "--trust-anchor-name", description = "Default: hybridpane-<cluster>.")
    String trustAnchorName;
    @Option(names = "--profile-name", description = "Default: hybridpane-<cluster>.")
    String profileName;
    @Option(names = "--session-seconds", defaultValue = "3600")
    int sessionSeconds;
    @Option(names = "--access", defaultValue = "access-entry", paramLabel = "access-entry|aws-auth")
    String access;
    @Option(names = "--patch-cilium", description = "Add the hybrid nodeAffinity to an existing Cilium DaemonSet and operator.")
    boolean patchCilium;
    @Option(names = "--cilium-values", paramLabel = "FILE", description = "Write Cilium Helm values for hybrid nodes here.")
    Path ciliumValues;
    @Option(names = "--pods-per-node", defaultValue = "110")
    int podsPerNode;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CredentialProvider p;
        try {
            p = CredentialProvider.parse(provider);
        } catch (IllegalArgumentException e) {
            err.println("--provider: " + e.getMessage());
            return 2;
        }
        String pem = null;
        if (p == CredentialProvider.IAM_RA) {
            if (caCert == null) {
                err.println("--ca-cert: Roles Anywhere needs a CA certificate file (or --generate-ca KEY_FILE --ca-cert CERT_FILE).");
                return 2;
            }
            try {
                CaCertificate ca = generateCaKey != null
                        ? new BcCertificateAuthority().generate("HybridPane " + target.cluster + " CA", 3650, caCert, generateCaKey)
                        : new BcCertificateAuthority().read(caCert);
                pem = ca.pem();
                out.println("CA: " + ca.subject() + " (valid until " + ca.notAfter() + ")"
                        + (generateCaKey != null ? "; private key kept at " + generateCaKey : ""));
            } catch (IllegalArgumentException e) {
                err.println("--ca-cert: " + e.getMessage());
                return 2;
            }
        }
        NodeAccess na = "aws-auth".equals(access) ? NodeAccess.AWS_AUTH : NodeAccess.ACCESS_ENTRY;
        EnableHybridRequest request = new EnableHybridRequest(nodeCidrs, podCidrs, p, roleName, pem,
                trustAnchorName == null ? "hybridpane-" + target.cluster : trustAnchorName, profileName == null ? "hybridpane-" + target.cluster : profileName, sessionSeconds, na, patchCilium);
        try (CliEnvironment env = target.open()) {
            EnableReview review = env.setup().reviewEnable(target.ref());
            List<String> problems = request.problems(review.cluster(), review.vpcCidrs());
            if (!problems.isEmpty()) {
                problems.forEach(x -> err.println("invalid: " + x));
                err.flush();
                return 2;
            }
            if (review.cni() != null) {
                out.println("CNI: " + review.cni().summary());
            }
            if (ciliumValues != null) {
                Files.writeString(ciliumValues, CiliumValues.values(request.podCidrs(), podsPerNode, 1), StandardCharsets.UTF_8);
                out.println("Cilium values written to " + ciliumValues + "; install with:");
                out.println("  " + CiliumValues.helmCommand(CiliumValues.DEFAULT_VERSION).replace(CiliumValues.VALUES_FILE, ciliumValues.toString()));
            }
            return target.planThenApply(env, env.setup().planEnable(review, request), out);
        }
    }
}
