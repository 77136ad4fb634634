package dev.hybridpane.adapters.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like an AWS secret in text the user will see (a credential_process's stderr, for one): access key
 * IDs, secret access keys, session tokens, bearer tokens, and the value of anything named like a secret, a token, a
 * password or a key. It errs on the side of masking: a 40-character hash is masked too.
 */
final class SecretMask {
    static final String MASK = "****";

    /** "name = value", "name: value", "\"name\": \"value\"" where the name says it is secret. */
    private static final Pattern NAMED = Pattern.compile("(?i)(\"?[\\w.-]*(?:secret|token|passw(?:or)?d|pwd|"
            + "access[_-]?key(?:[_-]?id)?|credential|api[_-]?key|private[_-]?key)[\\w.-]*\"?\\s*[:=]\\s*)(\"?)"
            + "([^\\s\",;}]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\",;]+");
    /** Access key IDs: AKIA (long-term), ASIA (temporary) and the other unique-ID prefixes of IAM. */
    private static final Pattern KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AROA|AIDA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{12,}\\b");
    /** A secret access key (40 base-64 characters) or a session token (longer): base-64 runs of 40 or more. */
    private static final Pattern LONG_SECRET = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])");

    private SecretMask() {
    }

    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = replace(NAMED, text, m -> m.group(1) + m.group(2) + MASK);
        out = replace(BEARER, out, m -> m.group(1) + MASK);
        out = KEY_ID.matcher(out).replaceAll(MASK);
        return LONG_SECRET.matcher(out).replaceAll(MASK);
    }

    private interface Replacement {
        String of(Matcher m);
    }

    private static String replace(Pattern p, String text, Replacement r) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(r.of(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
