package dev.hybridpane.lab.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pieces of AWS Signature Version 4, written from AWS's "Create a signed AWS API request" (IAM user guide):
 * the canonical request, the string to sign and the signing key, with the JDK's SHA-256 and HMAC-SHA256 only.
 */
final class SigV4Canonical {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Canonical() {
    }

    /** One query parameter, already decoded. */
    record Param(String name, String value) {
    }

    /**
     * The canonical URI of a service other than S3: dot segments removed, then each segment of the path as it
     * travelled (already percent-encoded once by the client) URI-encoded once more; "/" when empty.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String normalized = removeDotSegments(rawPath);
        StringBuilder out = new StringBuilder();
        String[] segments = normalized.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(uriEncode(segments[i]));
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static String removeDotSegments(String path) {
        String[] parts = path.split("/", -1);
        Deque<String> kept = new ArrayDeque<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                kept.pollLast();
                continue;
            }
            kept.addLast(p);
        }
        boolean trailing = path.endsWith("/.") || path.endsWith("/..");
        String joined = "/" + String.join("/", kept);
        return trailing && !joined.endsWith("/") ? joined + "/" : joined;
    }

    /** Splits a raw query string into decoded parameters, in their order ('+' is a space, as in a form). */
    static List<Param> parseQuery(String rawQuery) {
        List<Param> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(percentDecode(name), percentDecode(value)));
        }
        return out;
    }

    /** Names and values RFC 3986-encoded, sorted by encoded name and then encoded value. */
    static String canonicalQuery(List<Param> params) {
        return params.stream()
                .map(p -> new Param(uriEncode(p.name()), uriEncode(p.value())))
                .sorted(Comparator.comparing(Param::name).thenComparing(Param::value))
                .map(p -> p.name() + "=" + p.value())
                .collect(Collectors.joining("&"));
    }

    /**
     * "name:value\n" per signed header, in the order of the signed-headers list (which is sorted); repeated headers
     * are joined with commas, and each value is trimmed with inner runs of spaces collapsed to one.
     */
    static String canonicalHeaders(List<String> signedHeaders, Map<String, List<String>> headers) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            String joined = values.stream().map(SigV4Canonical::trimAll).collect(Collectors.joining(","));
            out.append(name).append(':').append(joined).append('\n');
        }
        return out.toString();
    }

    private static String trimAll(String value) {
        return value.trim().replaceAll("\\s+", " ");
    }

    static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
            String canonicalHeaders, List<String> signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + String.join(";", signedHeaders) + '\n' + payloadHash;
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, TERMINATOR);
    }

    static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hex signatures in constant time. */
    static boolean sameSignature(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** RFC 3986: every byte but A-Z a-z 0-9 - . _ ~ becomes %XX with upper-case hex. */
    static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding that leaves a malformed escape as it stands instead of failing. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
