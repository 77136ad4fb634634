package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The CLI's last net, in process: whatever a command lets out ends it with exit 1 and ONE line on stderr naming the call
 * and the reason; the global --debug adds the stack trace.
 */
class CliFailuresTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Exception thrown;

        Boom(Exception thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            throw thrown;
        }
    }

    record Run(int code, String out, List<String> err) {
    }

    /** The real top-level command line (its handler and global options) with a subcommand that throws {@code e}. */
    static Run run(Exception e, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HybridPaneCommand.commandLine(args);
        cl.addSubcommand(new CommandLine(new Boom(e)));
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString().lines().toList());
    }

    @Test
    void anAwsFailureIsItsOwnSentenceAndExitOne() {
        AwsFailure f = new AwsFailure(FailureKind.OTHER, "eks:ListAddons", null,
                "eks:ListAddons failed: the endpoint answered HTTP 404 with no AWS error code", new IllegalStateException("inner"));
        Run r = run(f, "boom");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsExactly("eks:ListAddons failed: the endpoint answered HTTP 404 with no AWS error code");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void debugBeforeOrAfterTheSubcommandAddsTheTrace() {
        AwsFailure f = new AwsFailure(FailureKind.OTHER, "eks:ListAddons", null, "eks:ListAddons failed: HTTP 404", null);
        for (String[] args : List.of(new String[] {"--debug", "boom"}, new String[] {"boom", "--debug"})) {
            Run r = run(f, args);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().get(0)).isEqualTo("eks:ListAddons failed: HTTP 404");
            assertThat(r.err()).as(String.join(" ", args)).anySatisfy(l -> assertThat(l).contains("at dev.hybridpane"));
        }
    }

    @Test
    void aKubernetesFailureNamesTheRequestAndTheStatusOnOneLine() {
        KubernetesClientException k = new KubernetesClientException("Failure executing: GET at: "
                + "https://127.0.0.1:6443/api/v1/nodes. Message: nodes is forbidden: User \"ci\" cannot list resource \"nodes\". "
                + "Received status: Status(apiVersion=v1, code=403, details=null, kind=Status).", 403, null);
        Run r = run(new IllegalStateException("Could not list nodes", k), "boom");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsExactly("Kubernetes API GET at: https://127.0.0.1:6443/api/v1/nodes failed (HTTP 403): "
                + "nodes is forbidden: User \"ci\" cannot list resource \"nodes\"");
    }

    @Test
    void anSshFailureIsItsSentence() {
        Run r = run(new EdgeException(new ProbeResult.Unreachable("dallas-10:22 is unreachable: Connection refused")), "boom");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsExactly("dallas-10:22 is unreachable: Connection refused");
    }

    @Test
    void anythingElseIsOneLineWithTheCommandTheReasonAndTheHint() {
        Run npe = run(new NullPointerException(), "boom");
        assertThat(npe.code()).isEqualTo(1);
        assertThat(npe.err()).containsExactly("hybridpane boom failed: an unexpected NullPointerException (--debug shows where)");

        Run io = run(new UncheckedIOException("Could not write /x/settings.json", new ConnectException("Connection refused")), "boom");
        assertThat(io.err()).containsExactly("hybridpane boom failed: Could not write /x/settings.json: Connection refused "
                + "(--debug shows where)");
    }

    @Test
    void secretsAndLineBreaksNeverReachTheLine() {
        Run r = run(new IllegalStateException("first problem\nAuthorization: Bearer k8s-aws-v1.aHR0cHM6Ly9zdHM\nlast"), "boom");
        assertThat(r.err()).singleElement().asString().doesNotContain("k8s-aws-v1.aHR0").contains("first problem; ", "; last");
    }
}
