package dev.hybridpane.core.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.HostChecks;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.SudoMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EdgeFactGathererTest {

    static EdgeTarget target(String name, SudoMode sudo, char[] pw) {
        return new EdgeTarget(new EdgeHostSpec(name, "10.0.0.1", 22, "u", "", sudo), new SshIdentity(null, null), pw);
    }

    @Test
    void cancelStopsHostsNotStartedAndReportsThemCancelled() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EdgePort blocking = new EdgePort() {
            @Override
            public EdgeSession connect(EdgeTarget t, Duration timeout) throws EdgeException {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new EdgeException(new ProbeResult.Unreachable("down"));
            }
        };
        FactGatherer g = new FactGatherer(blocking, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        List<FactGatherer.Progress> progress = new ArrayList<>();
        FactGatherer.Run run = g.gather(List.of(target("a", SudoMode.NONE, null), target("b", SudoMode.NONE, null),
                target("c", SudoMode.NONE, null)), p -> {
                    synchronized (progress) {
                        progress.add(p);
                    }
                });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        run.cancel().run();
        release.countDown();
        Map<String, ProbeResult> r = run.result().get(10, TimeUnit.SECONDS);
        assertThat(r).containsOnlyKeys("a", "b", "c");
        assertThat(r.get("b")).isInstanceOf(ProbeResult.Cancelled.class);
        assertThat(r.get("c")).isInstanceOf(ProbeResult.Cancelled.class);
    }

    @Test
    void sudoPasswordGoesToStdinNeverOntoTheCommandLine() throws Exception {
        List<String> commands = new ArrayList<>();
        List<String> stdin = new ArrayList<>();
        EdgePort recording = new EdgePort() {
            @Override
            public EdgeSession connect(EdgeTarget t, Duration timeout) {
                return new EdgeSession() {
                    @Override
                    public CommandResult run(String command, byte[] in, Duration timeout) {
                        commands.add(command);
                        if (in != null) {
                            stdin.add(new String(in));
                        }
                        return new CommandResult(0, "", "");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        AtomicInteger n = new AtomicInteger();
        ProbeResult r = new FactGatherer(recording, 2, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .probe(target("h", SudoMode.PASSWORD, "s3cret".toCharArray()));
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Reached.class, x -> assertThat(x.facts().sudoOk()).isTrue());
        assertThat(commands).startsWith(FactCommands.SUDO_STDIN)
                .containsAll(FactCommands.ALL.stream().map(FactCommands::onAdminPath).toList());
        assertThat(commands).noneMatch(c -> c.contains("s3cret"));
        assertThat(stdin).containsExactly("s3cret\n");
        assertThat(target("h", SudoMode.PASSWORD, "s3cret".toCharArray()).toString()).doesNotContain("s3cret");
        assertThat(n.get()).isZero();
    }

    @Test
    void aFactCommandThatFailsLeavesItsFactUnknownWithItsStderrNeverAPass() {
        List<String> sent = new ArrayList<>();
        EdgePort debian = new EdgePort() {
            @Override
            public EdgeSession connect(EdgeTarget t, Duration timeout) {
                return new EdgeSession() {
                    @Override
                    public CommandResult run(String command, byte[] in, Duration timeout) {
                        sent.add(command);
                        if (command.endsWith(FactCommands.SWAPS)) {
                            return new CommandResult(127, "", "bash: line 1: cat: command not found\n");
                        }
                        if (command.endsWith(FactCommands.TIMEDATECTL)) {
                            return new CommandResult(1, "", "System has not been booted with systemd as init system (PID 1)."
                                    + " Can't operate.\nFailed to connect to bus: Host is down\n");
                        }
                        if (command.endsWith(FactCommands.EXISTING_NODE)) {
                            return new CommandResult(2, "", "grep: /var/lib/kubelet/kubeconfig: Permission denied\n");
                        }
                        return new CommandResult(0, "", "");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        ProbeResult r = new FactGatherer(debian, 1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .probe(target("h", SudoMode.NONE, null));
        assertThat(sent).allMatch(c -> c.startsWith("PATH=/usr/local/sbin:/usr/sbin:/sbin:$PATH; export PATH; "));
        HostFacts f = ((ProbeResult.Reached) r).facts();
        assertThat(f.swapOn()).isNull();
        assertThat(f.timeSynced()).isNull();
        assertThat(f.existingNode()).isNull();
        List<Check> checks = HostChecks.evaluate(f, List.of("10.0.0.0/8"), null);
        assertThat(checks).filteredOn(c -> c.id().equals("swap")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.WARN);
            assertThat(c.reason()).isEqualTo("Could not read the swap state: `cat /proc/swaps` ended with exit 127 "
                    + "(command not found): bash: line 1: cat: command not found.");
        });
        assertThat(checks).filteredOn(c -> c.id().equals("clock")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.WARN);
            assertThat(c.reason()).contains("`timedatectl show` ended with exit 1: System has not been booted with systemd")
                    .doesNotContain("Failed to connect to bus");
        });
        assertThat(checks).filteredOn(c -> c.id().equals("existing")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.WARN);
            assertThat(c.reason()).contains("Could not tell whether a kubelet is joined", "Permission denied");
        });
        // every command answered 0 with nothing: the packages and the resources are unknown, never a pass either
        assertThat(checks).filteredOn(c -> c.id().equals("packages") || c.id().equals("resources"))
                .extracting(Check::status).containsOnly(CheckStatus.WARN);
    }
}
