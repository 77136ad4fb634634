package dev.hybridpane.lab.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the emulator answers: status, content type, extra headers and body. */
public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public AwsResponse {
        headers = Map.copyOf(headers);
    }

    public static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status, "text/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsResponse json(int status, String contentType, String json) {
        return new AwsResponse(status, contentType, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public AwsResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new AwsResponse(status, contentType, h, body);
    }
}
