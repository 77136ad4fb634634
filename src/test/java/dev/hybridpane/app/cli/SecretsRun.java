package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.edge.EdgeSshAdapterTest;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.RaWorld;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.lab.aws.IssuedSecrets;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.security.KubeScan;
import dev.hybridpane.security.LogCapture;
import dev.hybridpane.security.SecretScanner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A lab run of the CLI in-process whose every trace is scanned for secrets afterwards. The config directory is a temporary
 * one (-Dhybridpane.configDir), the commands share one lab (retail-edge's Roles Anywhere trust anchor holding a CA whose key
 * is encrypted with {@link #PASS}), their stdout and stderr are kept, and the log (HybridPane's loggers at DEBUG) is
 * captured from before the lab starts. {@link #scan()} looks through the config directory, the streams, the log and every
 * object of every lab cluster for the secrets the lab issued, the keys and passphrases the run used, and their shapes.
 */
final class SecretsRun implements AutoCloseable {
    static final String[] RETAIL = {"--lab", "--cluster", "retail-edge", "--region", "us-west-2"};
    static final String PASS = CliPoolRaTest.PASS;
    final Path config;
    final Path keys;
    final Path work;
    final PoolLab lab;
    private final LogCapture log;
    private final StringBuilder streams = new StringBuilder();
    private final List<String> known = new ArrayList<>();
    private final List<Path> keyFiles = new ArrayList<>();
    private final long started = System.nanoTime();
    private String out = "";
    private String err = "";
    private int commands;

    SecretsRun(Path dir) throws Exception {
        config = Files.createDirectories(dir.resolve("config"));
        keys = Files.createDirectories(dir.resolve("keys"));
        work = Files.createDirectories(dir.resolve("work"));
        String ca = new BcCertificateAuthority().generate("Store CA", 3650, keys.resolve("ca.pem"), keys.resolve("plain.key")).pem();
        CliPoolRaTest.encrypted(keys.resolve("plain.key"), keys.resolve("ca.key"));
        keyFiles.addAll(List.of(keys.resolve("plain.key"), keys.resolve("ca.key")));
        known.add(PASS);
        System.setProperty(ConfigDirs.PROPERTY, config.toString());
        log = LogCapture.start();
        lab = new PoolLab(work, RaWorld.withCa(ca));
        keyFiles.add(lab.hosts().loginKeyPath());
        warmUpSsh();
        PoolEnvironment.sharedLab = lab.lab;
        ProfileEnvironment.sharedLab = lab.lab;
        PoolApplyCommand.environment = Map.of("CA_PASS", PASS)::get;
        PoolRotateCertsCommand.environment = Map.of("CA_PASS", PASS)::get;
    }

    /**
     * One SSH login to a lab host before the commands (its key is not trusted: the login stops at the host key), so that
     * the JVM's first SSH session, which loads the crypto, does not count against a command's login timeout on a busy CI.
     */
    private void warmUpSsh() {
        LabEdgeHosts.LabEdgeHost h = lab.hosts().hosts().get(0);
        new FactGatherer(lab.edge).probe(new EdgeTarget(new EdgeHostSpec(h.name(), "127.0.0.1", h.port(), h.user(),
                h.profile().site(), SudoMode.PASSWORDLESS), lab.identity, null));
    }

    /** Runs one command (retail-edge's lab target added unless {@code target} is false); keeps its output. */
    int run(boolean target, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (target) {
            all.addAll(List.of(RETAIL));
        }
        String[] a = all.toArray(String[]::new);
        long t0 = System.nanoTime();
        int code = HybridPaneCommand.commandLine(a).setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true)).execute(a);
        out = o.toString();
        err = e.toString();
        streams.append("$ hybridpane ").append(String.join(" ", a)).append("\n").append(out).append(err);
        commands++;
        System.out.printf("%5.1f s (at %3d s) exit %d: hybridpane %s%n", (System.nanoTime() - t0) / 1e9,
                (System.nanoTime() - started) / 1_000_000_000L, code, String.join(" ", args));
        return code;
    }

    int run(String... args) {
        return run(true, args);
    }

    String out() {
        return out;
    }

    String err() {
        return err;
    }

    String sshKey() {
        return lab.hosts().loginKeyPath().toString();
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name), text);
    }

    /** A private key file the run used (or made): its lines are known secrets. */
    void keyFile(Path file) {
        keyFiles.add(file);
    }

    /** A password or passphrase the run gave. */
    void secret(String value) {
        known.add(value);
    }

    /** The private keys of these hosts' IAM Roles Anywhere certificates (made by the run): known secrets from now on. */
    void nodeKeys(List<String> hosts) throws Exception {
        for (String h : hosts) {
            var r = lab.hosts().exec(h, "sudo -n cat " + NodeCredentials.RolesAnywhere.PRIVATE_KEY_PATH, null);
            assertThat(r.exit()).as(h + ": " + r.stderr()).isZero();
            Path copy = Files.writeString(keys.resolve(h + "-node-" + keyFiles.size() + ".key"), r.stdout());
            keyFile(copy);
        }
    }

    /** The lab's CSV cut to these hosts. */
    Path csv(String name, List<String> hosts) throws Exception {
        String text = lab.hosts().csv().lines().filter(l -> l.startsWith("name,") || hosts.contains(l.split(",")[0]))
                .collect(Collectors.joining("\n", "", "\n"));
        return write(name, text);
    }

    /**
     * What the Edge Hosts view does with a host whose user needs a password for sudo: SSH with the login key encrypted with
     * a passphrase (as an administrator keeps it), sudo with the password, the facts stored in the cluster. The passphrase
     * and the password are known secrets of the run.
     */
    ProbeResult probeWithPasswords(String host, String keyPassphrase, String sudoPassword) throws Exception {
        Path encrypted = keys.resolve("login-encrypted");
        if (!Files.exists(encrypted)) {
            KeyPair kp;
            try (InputStream in = Files.newInputStream(lab.hosts().loginKeyPath())) {
                kp = SecurityUtils.loadKeyPairIdentities(null, new PathResource(lab.hosts().loginKeyPath()), in, null)
                        .iterator().next();
            }
            EdgeSshAdapterTest.write(encrypted, kp, keyPassphrase);
            keyFile(encrypted);
        }
        secret(keyPassphrase);
        secret(sudoPassword);
        LabEdgeHosts.LabEdgeHost h = lab.hosts().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        try (MinaEdgePort edge = new MinaEdgePort(new FileKnownHostsStore(config.resolve("known_hosts")));
             InventoryPort.Inventory inv = lab.inventory()) {
            EdgeHostSpec spec = new EdgeHostSpec(host, "127.0.0.1", h.port(), h.user(), h.profile().site(), SudoMode.PASSWORD);
            inv.saveHost(spec);
            ProbeResult r = new FactGatherer(edge).probe(new EdgeTarget(spec, new SshIdentity(encrypted, keyPassphrase.toCharArray()),
                    sudoPassword.toCharArray()));
            var site = inv.sites().stream().filter(s -> s.name().equals(spec.site())).findFirst().orElse(null);
            inv.saveStatus(host, HostStatuses.of(r, null, lab.aws.describeCluster(PoolLab.REF).remoteNodeCidrs(), site, Instant.now()));
            return r;
        }
    }

    /** A scanner that knows every secret of the run so far: the lab's issued ones, the key files', the passwords. */
    SecretScanner scanner() {
        IssuedSecrets issued = lab.lab.aws().inspect().issuedSecrets();
        SecretScanner scanner = new SecretScanner().known("secret the lab issued", issued.values())
                .activationCodes(issued::isActivationCode).known("password or passphrase given to the run", known)
                .known("the lab API servers' admin token", lab.lab.kube().adminToken());
        keyFiles.forEach(k -> scanner.knownPem("private key " + k.getFileName(), k));
        return scanner;
    }

    /** How many activation codes the lab created in this run (the scanner knows them by digest). */
    int activationCodes() {
        return lab.lab.aws().inspect().issuedSecrets().activationCodeDigests().size();
    }

    /** Scans everything the run left; prints the figures; returns the findings (masked). */
    List<SecretScanner.Finding> scan() {
        IssuedSecrets issued = lab.lab.aws().inspect().issuedSecrets();
        SecretScanner scanner = scanner();
        List<SecretScanner.Finding> found = new ArrayList<>(scanner.scanTree(config));
        found.addAll(scanner.scan("stdout+stderr", streams.toString()));
        found.addAll(scanner.scan("log", log.text()));
        KubeScan objects = new KubeScan(scanner);
        for (String cluster : lab.lab.kubeEndpoints().keySet()) {
            found.addAll(objects.scan(cluster, lab.lab.kube().client(cluster)));
        }
        found.forEach(f -> System.out.println("FOUND " + f));
        System.out.printf("Secrets scan: %d commands in %d s; %d known secrets (%d issued by the lab, %d activation codes by digest, "
                + "%d key files, %d passwords/passphrases); scanned %d files, %d objects in %d clusters %s, %d texts, %d bytes: "
                + "%d findings%n", commands, (System.nanoTime() - started) / 1_000_000_000L, scanner.knownCount(),
                issued.values().size(), issued.activationCodeDigests().size(), keyFiles.size(), known.size(), scanner.files(),
                objects.objectCount(), lab.lab.kubeEndpoints().size(), objects.objects(), scanner.sources(), scanner.bytes(),
                found.size());
        return found;
    }

    @Override
    public void close() {
        PoolEnvironment.sharedLab = null;
        ProfileEnvironment.sharedLab = null;
        PoolApplyCommand.environment = System::getenv;
        PoolRotateCertsCommand.environment = System::getenv;
        System.clearProperty(ConfigDirs.PROPERTY);
        log.close();
        lab.close();
    }
}
