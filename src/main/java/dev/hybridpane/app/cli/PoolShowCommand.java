package dev.hybridpane.app.cli;

import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.PoolMapper;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool show NAME`: one pool's spec and status; with --ssh-key, for an IAM Roles Anywhere pool, each host's
 * certificate (CN, serial, expiry, days left) with a warning 30 days before it expires.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one node pool.")
public final class PoolShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Mixin
    TextOrJson output;
    @Option(names = "--ssh-key", paramLabel = "KEY", description = "IAM Roles Anywhere pools: log in to the hosts with this "
            + "key and show each host's certificate and its expiry.")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trusted host keys (default: HybridPane's own known_hosts in its config directory).")
    Path knownHosts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.valid(err)) {
            return 2;
        }
        if (sshKey != null && !Files.isReadable(sshKey)) {
            err.println("--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        return PoolEnvironment.run(target, err, env -> {
            Optional<PoolStore.Stored> s = env.pools(target.ref()).get(name);
            if (s.isEmpty()) {
                err.println("There is no node pool named " + name + " in " + target.cluster + ".");
                return 1;
            }
            List<HostCertificates.HostCertificate> certs = certificates(env, s.get());
            if (output.json()) {
                Map<String, Object> o = PoolCommand.object(s.get());
                if (!certs.isEmpty()) {
                    o.put("certificates", certs.stream().map(PoolShowCommand::json).toList());
                }
                out.println(PoolCommand.JSON.writeValueAsString(o));
            } else {
                PoolStore.Stored p = s.get();
                out.print(PoolMapper.toYaml(p.pool()));
                out.println("status:");
                out.println("  phase: " + (p.status().phase().isEmpty() ? "Pending" : p.status().phase()));
                out.println("  ready: " + p.status().readyText());
                if (!p.status().members().isEmpty()) {
                    out.println("  members:");
                    p.status().members().forEach(m -> out.println("    - {host: " + m.host() + ", node: " + m.node() + "}"));
                }
                if (!certs.isEmpty()) {
                    out.println("certificates:");
                    certs.forEach(c -> out.println("  - " + c.host() + ": " + c.summary()));
                }
            }
            out.flush();
            certs.stream().filter(c -> c.readable() && c.warning()).forEach(c -> err.println("warning: " + c.host() + ": the "
                    + "certificate of node " + c.node() + " expires " + c.notAfter() + " (" + c.daysLeft() + " days left): run "
                    + "hybridpane pool rotate-certs " + name + "."));
            err.flush();
            return 0;
        });
    }

    /** The hosts' certificates when --ssh-key is given and the pool's profile uses IAM Roles Anywhere; else none. */
    private List<HostCertificates.HostCertificate> certificates(PoolEnvironment env, PoolStore.Stored s) throws Exception {
        if (sshKey == null) {
            return List.of();
        }
        ClusterRef ref = target.ref();
        boolean ra = env.profiles(ref).get(s.pool().profile().name()).flatMap(p -> p.profile().version(s.pool().profile().version()))
                .map(ProfileVersion::kubernetes).filter(k -> k.credentialProvider() == CredentialProvider.IAM_RA).isPresent();
        if (!ra) {
            return List.of();
        }
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        return new HostCertificates(env.edge(known), Clock.systemUTC()).read(s, env.inventory(ref), new SshIdentity(sshKey, null));
    }

    private static Map<String, Object> json(HostCertificates.HostCertificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host());
        m.put("node", c.node());
        if (!c.readable()) {
            m.put("problem", c.problem());
            return m;
        }
        m.put("commonName", c.commonName());
        m.put("serial", c.serial());
        m.put("notAfter", c.notAfter().toString());
        m.put("daysLeft", c.daysLeft());
        m.put("warning", c.warning());
        m.put("expired", c.expired());
        return m;
    }
}
