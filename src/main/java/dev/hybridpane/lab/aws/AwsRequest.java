package dev.hybridpane.lab.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to the emulator, with the SigV4 credential scope already read.
 * {@code params} merges the query string and a form-encoded body (the query protocol sends either).
 * {@code segments} are the URL-decoded path segments, split on the raw path so an encoded '/' stays in its segment.
 */
public record AwsRequest(
        String method,
        String rawPath,
        List<String> segments,
        Map<String, String> params,
        Map<String, String> headers,
        byte[] body,
        String accessKeyId,
        String region,
        String service,
        String requestId) {

    public AwsRequest {
        segments = List.copyOf(segments);
        params = Map.copyOf(params);
        headers = Map.copyOf(headers);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Header by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** "a=1&b=2" into an ordered map; later duplicates win. */
    public static Map<String, String> parseForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(decode(k), decode(v));
        }
        return out;
    }

    public static List<String> splitPath(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(decodePath(s));
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Path segments keep '+' literally. */
    private static String decodePath(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
