package dev.hybridpane.hostile;

import static dev.hybridpane.hostile.Hostile.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.core.AccountPicks;
import dev.hybridpane.domain.edge.FactParsers;
import dev.hybridpane.domain.edge.OsRelease;
import dev.hybridpane.domain.network.HostProbeCommands;
import dev.hybridpane.domain.pool.NodeConfigRules;
import dev.hybridpane.domain.pool.NodeadmTracker;
import dev.hybridpane.domain.pool.RoleTrust;
import dev.hybridpane.domain.pool.SsmRegistration;
import dev.hybridpane.ui.auth.MfaPromptViewModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What hosts and AWS answer is input too: a hostile host's files and command outputs, a trust policy, a remembered
 * account pick, and the MFA code typed in the window. Parsers answer with a value, "unknown" or their declared
 * IllegalArgumentException, never another exception; the MFA prompt refuses any code but six digits without echoing it.
 */
class HostOutputPropertiesTest {
    static MfaPromptViewModel mfa;
    static CompletableFuture<Optional<String>> asked;

    @Provide
    Arbitrary<String> outputs() {
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789abc \n-.").ofMaxLength(120);
        return Arbitraries.oneOf(Hostile.anyString(), jsonish, Hostile.spoiled(Arbitraries.of(
                "[{\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.200.1.14\",\"prefixlen\":24}]}]",
                "{\"ManagedInstanceID\":\"mi-0123456789abcdef0\",\"Region\":\"us-west-2\"}",
                "Artifacts:\n  Containerd: distro\n  Kubelet: true\n", "ID=ubuntu\nVERSION_ID=\"22.04\"\n",
                "10.100.0.1 via 10.200.1.1 dev ens18 src 10.200.1.11 uid 1000",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"}}]}")));
    }

    @Property(tries = 800, seed = SEED)
    void parsersOfHostAndAwsAnswersThrowNothingUndeclared(@ForAll("outputs") String s) {
        FactParsers.uname(s);
        FactParsers.nproc(s);
        FactParsers.memTotalMiB(s);
        FactParsers.dfAvailableGiB(s);
        FactParsers.ipv4Addresses(s);
        FactParsers.defaultRoute(s);
        FactParsers.timeSynced(s);
        FactParsers.swapOn(s);
        FactParsers.packages(s);
        FactParsers.packageIndexAgeHours(s);
        FactParsers.version(s);
        FactParsers.existingNode(s);
        OsRelease.parse(s);
        HostProbeCommands.parseRoute(s);
        HostProbeCommands.parseAddresses(s);
        HostProbeCommands.parseSynchronized(s);
        RoleTrust.parse(s);
        AccountPicks.parse(s);
        NodeConfigRules.check(s, Map.of(), Instant.parse("2026-12-07T10:00:00Z")).ifPresent(Hostile::assertGoodMessage);
        for (Runnable declared : List.<Runnable>of(() -> SsmRegistration.parse(s), () -> NodeadmTracker.parse(s))) {
            Throwable t = catchThrowable(declared::run);
            if (t != null) {
                assertThat(t).isInstanceOf(IllegalArgumentException.class);
                Hostile.assertGoodMessage(t.getMessage());
            }
        }
    }

    @BeforeContainer
    static void ask() {
        mfa = new MfaPromptViewModel(Runnable::run, () -> false, Duration.ofMinutes(5));
        asked = CompletableFuture.supplyAsync(() -> mfa.code("lab-mfa", "arn:aws:iam::111122223333:mfa/lab"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!mfa.openProperty().get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @AfterContainer
    static void cancel() {
        mfa.codeProperty().set("123456");
        mfa.submit();
        assertThat(asked.join()).contains("123456");
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.oneOf(Hostile.anyString(), Hostile.spoiled(Arbitraries.strings().numeric().ofLength(6)),
                        Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(12))
                .filter(c -> !c.replaceAll("\\s", "").matches("\\d{6}"));
    }

    @Property(tries = 300, seed = SEED)
    void anMfaCodeThatIsNotSixDigitsIsRefusedWithoutEchoingIt(@ForAll("codes") String code) {
        assertThat(mfa.openProperty().get()).as("the prompt is up").isTrue();
        mfa.codeProperty().set(code);
        mfa.submit();
        Hostile.assertGoodSecretRefusal(mfa.errorProperty().get(), code);
        assertThat(asked).isNotDone();
    }
}
