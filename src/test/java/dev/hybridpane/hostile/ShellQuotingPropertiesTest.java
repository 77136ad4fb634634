package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.ShellQuote;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.network.HostProbeCommands;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.profile.ContainerdSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Host-bound values on the command lines sent over SSH: every value is one shell word, byte for byte, or refused. The
 * command lines are split as POSIX sh would ({@link PosixWords}), and a sample of hostile values goes through a real
 * {@code /bin/sh}, whose printf must give each value back unchanged.
 */
class ShellQuotingPropertiesTest {
    /** The host commands that take a value, each with the words it must make around it. */
    record Builder(String name, Function<String, String> build, List<String> before, List<String> after) {
    }

    static final List<Builder> BUILDERS = List.of(
            new Builder("exists", p -> HostCommands.exists(p).command(), List.of("sudo", "-n", "test", "-e"), List.of()),
            new Builder("cat", p -> HostCommands.cat(p).command(), List.of("sudo", "-n", "cat"), List.of()),
            new Builder("remove", p -> HostCommands.remove(p).command(), List.of("sudo", "-n", "rm", "-f"), List.of()),
            new Builder("writeFile", p -> HostCommands.writeFile(p, "0644", "x").command(),
                    List.of("sudo", "-n", "install", "-D", "-m", "0644", "/dev/stdin"), List.of()),
            new Builder("enableNow", u -> HostCommands.enableNow(u).command(), List.of("sudo", "-n", "systemctl", "enable", "--now"), List.of()),
            new Builder("disableNow", u -> HostCommands.disableNow(u).command(), List.of("sudo", "-n", "systemctl", "disable", "--now"), List.of()),
            new Builder("restart", u -> HostCommands.restart(u).command(), List.of("sudo", "-n", "systemctl", "restart"), List.of()),
            new Builder("isActive", u -> HostCommands.isActive(u).command(), List.of("systemctl", "is-active"), List.of()),
            new Builder("nodeadmInstall", v -> HostCommands.nodeadmInstall(v, CredentialProvider.SSM, ContainerdSource.DISTRO).command(),
                    List.of("sudo", "-n", "nodeadm", "install"), List.of("-p", "ssm", "-s", "distro")),
            new Builder("nodeadmUpgrade", v -> HostCommands.nodeadmUpgrade(v).command(), List.of("sudo", "-n", "nodeadm", "upgrade"),
                    List.of("-c", HostCommands.CONFIG_SOURCE)));

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(Arbitraries.of(HostCommands.NODECONFIG_PATH,
                HostCommands.ROUTE_UNIT, "1.31", "/etc/chrony.d/hybridpane.conf"))).filter(s -> s.indexOf('\0') < 0);
    }

    @Property(tries = 1500, seed = SEED)
    void everyValueIsOneWordOfEveryHostCommand(@ForAll("values") String s) {
        for (Builder b : BUILDERS) {
            List<String> expected = new ArrayList<>(b.before());
            expected.add(s);
            expected.addAll(b.after());
            assertThat(PosixWords.split(b.build().apply(s))).as("%s(%s)", b.name(), s).isEqualTo(expected);
        }
    }

    @Property(tries = 200, seed = SEED)
    void aNulIsRefusedNeverSent(@ForAll("values") String s) {
        String withNul = s + "\0" + s;
        for (Builder b : BUILDERS) {
            assertThat(catchThrowable(() -> b.build().apply(withNul))).as(b.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 1000, seed = SEED)
    void probeCommandsRefuseOrTakeAPlainWord(@ForAll("values") String s) {
        for (Function<String, String> probe : List.<Function<String, String>>of(HostProbeCommands::resolve,
                h -> HostProbeCommands.connect(h, 443), HostProbeCommands::routeGet)) {
            String cmd;
            try {
                cmd = probe.apply(s);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            assertThat(s.strip()).matches("[A-Za-z0-9.-]+");
            if (cmd.startsWith("timeout")) {
                assertThat(PosixWords.split(cmd)).containsExactly("timeout", String.valueOf(HostProbeCommands.CONNECT_SECONDS),
                        "bash", "-c", "</dev/tcp/" + s + "/443");
            } else {
                assertThat(PosixWords.split(cmd)).endsWith(s.strip());
            }
        }
    }

    @Property(tries = 800, seed = SEED)
    void fileContentsTakeOnlyValidatedValuesOnTheirOwnLine(@ForAll("values") String s) {
        String vpn = new PoolHost("dallas-14", s).vpnServerIp();
        if (Cidr.parseAddress(vpn).isPresent()) {
            String unit = HostCommands.routeUnit(List.of("10.100.0.0/16"), vpn);
            assertThat(unit.lines().toList()).hasSize((int) HostCommands.routeUnit(List.of("10.100.0.0/16"), "10.200.1.1").lines().count())
                    .contains("ExecStart=/sbin/ip route replace 10.100.0.0/16 via " + vpn);
        }
        if (HostInputRules.address(s).isEmpty()) {
            assertThat(HostCommands.ntpContent(List.of(s)).lines()).hasSize(2).contains("server " + s.strip() + " iburst");
        }
    }

    @Example
    void factCommandsHoldNoValueAtAll() {
        // the fact commands are constants: nothing typed or imported is ever put on them
        assertThat(FactCommands.ALL).allSatisfy(c -> assertThat(FactCommands.onAdminPath(c)).startsWith("PATH=" + FactCommands.ADMIN_PATH));
    }

    @Provide
    Arbitrary<List<String>> samples() {
        Arbitrary<String> valid = Arbitraries.oneOf(Hostile.shellish(), Arbitraries.strings().all().ofMaxLength(30),
                Hostile.spoiled(Arbitraries.of("/etc/hybridpane/nodeconfig.yaml", "1.31")))
                .filter(s -> s.indexOf('\0') < 0 && StandardCharsets.UTF_8.newEncoder().canEncode(s));
        return valid.list().ofSize(100);
    }

    /** 3 × 100 values through a real /bin/sh: printf gives every one back byte for byte. */
    @Property(tries = 3, seed = SEED)
    void aRealShellGivesEveryValueBackUnchanged(@ForAll("samples") List<String> values) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String v : values) {
            script.append("printf '%s\\0' ").append(ShellQuote.word(v)).append('\n');
        }
        Path file = Files.createTempFile("quoting", ".sh");
        try {
            Files.writeString(file, script.toString(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/bin/sh", file.toString()).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            byte[] expected = String.join("\0", values).concat("\0").getBytes(StandardCharsets.UTF_8);
            assertThat(Arrays.equals(out.toByteArray(), expected)).as("sh printed:%n%s", out.toString(StandardCharsets.UTF_8)).isTrue();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
