package dev.hybridpane.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile input for the property tests: arbitrary strings (any UTF-16 unit, control characters, shell metacharacters,
 * very long strings, near-valid values with one bad character), and the checks every refusal's message must pass.
 * Every property names {@link #SEED}, so a run is repeatable; jqwik prints the seed and the shrunk sample on a failure.
 */
public final class Hostile {
    /** The seed of every property: change it to explore, and keep the failures found as examples. */
    public static final String SEED = "20261207";
    /** Characters a POSIX shell gives a meaning to, and white space. */
    public static final String SHELL_META = ";|&$()`'\"<>\\\n*?~{}[]#! \t=%^";
    /** Secrets planted in inputs: no message may echo them. */
    public static final List<String> SECRETS = List.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "-----BEGIN PRIVATE KEY-----", "k8s-aws-v1.aHR0cHM6Ly9zdHMu", "hunter2-password");

    private Hostile() {
    }

    /** Any string: unicode, control characters, shell metacharacters, long ones, and the empty string. */
    public static Arbitrary<String> anyString() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(4, shellish()),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars("\u007f\u0085\u2028\u2029\u200b\ufeff")
                        .ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(300).ofMaxLength(5000)),
                Tuple.of(1, Arbitraries.of(SECRETS)));
    }

    /** Letters, digits and the shell's metacharacters, mixed. */
    public static Arbitrary<String> shellish() {
        return Arbitraries.strings().alpha().numeric().withChars(SHELL_META + "-._/:,@").ofMaxLength(40);
    }

    /** A valid value with one hostile character put in somewhere, or a hostile prefix or suffix. */
    public static Arbitrary<String> spoiled(Arbitrary<String> valid) {
        Arbitrary<String> bad = Arbitraries.oneOf(Arbitraries.of(SHELL_META.chars().mapToObj(c -> String.valueOf((char) c)).toList()),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofLength(1),
                Arbitraries.strings().withCharRange('\u00a0', '\uffff').ofLength(1),
                Arbitraries.of("$(reboot)", "`id`", "; rm -rf /", "\n--force", "' || true '", "../../etc/passwd"));
        return Combinators.combine(valid, bad, Arbitraries.doubles().between(0, 1))
                .as((v, b, at) -> {
                    int i = (int) Math.round(at * v.length());
                    return v.substring(0, i) + b + v.substring(i);
                });
    }

    /** A refusal's message: not empty, one line (no line break of any kind), no control character. */
    public static void assertGoodMessage(String message) {
        assertThat(message).as("refusal message").isNotNull().isNotBlank();
        assertThat(message).as("one line").doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
        assertThat(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("no control character in: %s", message).isTrue();
    }

    /** A refusal of a secret field (a code, a password): a good message that does not echo the secret, nor a part of it. */
    public static void assertGoodSecretRefusal(String message, String secret) {
        assertGoodMessage(message);
        String s = secret.strip();
        if (s.length() >= 4) {
            assertThat(message).as("the secret is not echoed").doesNotContain(s);
        }
    }
}
