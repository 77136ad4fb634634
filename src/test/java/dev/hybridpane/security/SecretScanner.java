package dev.hybridpane.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds secrets in text: (a) the exact values a run is known to have used or been issued (the lab's access keys, session and
 * SSO tokens, the activation codes by their digest, the CA and SSH private keys, the passphrases and passwords a test gave),
 * and (b) the shapes secrets have (PEM and OpenSSH private keys, EKS bearer tokens, JWTs, AWS session and SSO tokens, an
 * access key id followed by a 40-character secret, activation codes and passwords after their names). A finding names
 * where it was and what it was, with the value masked: the scanner's own output never repeats a secret.
 */
public final class SecretScanner {
    /** One secret found: where (a file, an object, a stream and its line), what kind, and the value masked. */
    public record Finding(String where, String kind, String masked) {
        @Override
        public String toString() {
            return where + ": " + kind + " " + masked;
        }
    }

    private record Shape(String kind, Pattern pattern, int group) {
    }

    private static final int CODE_LENGTH = 20;
    /** A run of the base64 alphabet exactly as long as an SSM activation code, checked against the issued codes' digests. */
    private static final Pattern CODE_CANDIDATE = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{" + CODE_LENGTH + "}(?![A-Za-z0-9+/])");
    private static final String B64 = "[A-Za-z0-9+/=_-]";
    private static final List<Shape> SHAPES = List.of(
            new Shape("private key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"), 0),
            new Shape("PuTTY private key", Pattern.compile("PuTTY-User-Key-File-\\d+:"), 0),
            new Shape("EKS bearer token", Pattern.compile("k8s-aws-v1\\.[A-Za-z0-9_-]{20,}"), 0),
            new Shape("JWT", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0),
            new Shape("AWS session token", Pattern.compile("(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9+/=]{16,}"), 0),
            new Shape("SSO token", Pattern.compile("(?<![A-Za-z0-9])ao[ar][A-Za-z0-9+/=_:-]{40,}"), 0),
            new Shape("AWS secret access key after its key id", Pattern.compile(
                    "(?:AKIA|ASIA)[A-Z0-9]{16}[^A-Za-z0-9/+=]{1,40}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"), 1),
            new Shape("AWS secret access key", Pattern.compile(
                    "(?i)(?:aws_secret_access_key|secret_?access_?key|secretKey)[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{16,})"), 1),
            new Shape("token", Pattern.compile("(?i)(?:client_?secret|refresh_?token|access_?token|session_?token|security_?token"
                    + "|x-amz-security-token|x-amz-signature|bearer)[\"']?\\s*[:= ]\\s*[\"']?(" + B64 + "{16,})"), 1),
            new Shape("activation code", Pattern.compile(
                    "(?i)(?:activation_?code|--?code)[\"']?\\s*[:= ]\\s*[\"']?([A-Za-z0-9+/]{" + CODE_LENGTH + "})(?![A-Za-z0-9+/])"), 1),
            new Shape("password", Pattern.compile(
                    "(?i)\\b(?:password|passphrase|passwd)\\b[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',}(<*$\\[{][^\\s\"',}]{3,})"), 1));

    private final Map<String, String> known = new LinkedHashMap<>();
    private Predicate<String> activationCode = s -> false;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sources = new AtomicLong();
    private final AtomicLong files = new AtomicLong();

    /** A value this run used or was issued, and what it is ("CA passphrase", "STS session token"). */
    public SecretScanner known(String kind, String value) {
        if (value != null && value.length() >= 6) {
            known.putIfAbsent(value, kind);
        }
        return this;
    }

    /** Every value of a list, as {@link #known(String, String)}. */
    public SecretScanner known(String kind, List<String> values) {
        values.forEach(v -> known(kind, v));
        return this;
    }

    /**
     * A private key in PEM (or OpenSSH) form: each of its base64 lines long enough to be unique is known, so the key is
     * found however its lines are broken or escaped.
     */
    public SecretScanner knownPem(String kind, String pem) {
        for (String line : pem.split("\\R")) {
            String l = line.strip();
            if (l.length() >= 40 && !l.startsWith("-----")) {
                known(kind, l);
            }
        }
        return this;
    }

    /** The private key file's lines, as {@link #knownPem(String, String)}. */
    public SecretScanner knownPem(String kind, Path file) {
        try {
            return knownPem(kind, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells the activation codes issued (a run of 20 base64 characters is checked with it). */
    public SecretScanner activationCodes(Predicate<String> isCode) {
        this.activationCode = isCode;
        return this;
    }

    public int knownCount() {
        return known.size();
    }

    /** Bytes scanned so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Texts scanned so far (files, objects, streams). */
    public long sources() {
        return sources.get();
    }

    /** Files scanned so far. */
    public long files() {
        return files.get();
    }

    /** The secrets in {@code text}, which came from {@code where}; each line of it is named by its number. */
    public List<Finding> scan(String where, String text) {
        sources.incrementAndGet();
        bytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        List<Finding> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String at = lines.length > 1 ? where + ":" + (i + 1) : where;
            for (Map.Entry<String, String> k : known.entrySet()) {
                if (line.contains(k.getKey())) {
                    out.add(new Finding(at, k.getValue(), mask(k.getKey())));
                }
            }
            Matcher c = CODE_CANDIDATE.matcher(line);
            while (c.find()) {
                if (activationCode.test(c.group())) {
                    out.add(new Finding(at, "SSM activation code (issued)", mask(c.group())));
                }
            }
            for (Shape s : SHAPES) {
                Matcher m = s.pattern().matcher(line);
                while (m.find()) {
                    String v = m.group(s.group());
                    if (out.stream().noneMatch(f -> f.where().equals(at) && f.masked().equals(mask(v)))) {
                        out.add(new Finding(at, s.kind(), mask(v)));
                    }
                }
            }
        }
        return out;
    }

    /** Every regular file under {@code dir}, recursively (read as UTF-8, undecodable bytes replaced). */
    public List<Finding> scanTree(Path dir) {
        List<Finding> out = new ArrayList<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                files.incrementAndGet();
                out.addAll(scan(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The first four characters and the length: enough to tell findings apart, never the secret. */
    static String mask(String v) {
        if (v.startsWith("-----BEGIN")) {
            return v;
        }
        return (v.length() <= 8 ? v.substring(0, 2) : v.substring(0, 4)) + "…(" + v.length() + " chars)";
    }
}
