package dev.hybridpane.adapters.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny loopback HTTP endpoint for AWS SDK clients that answers what a test tells it, byte for byte, per request path:
 * the responses a console does not expect (an HTTP 404 with no AWS error code, an HTML page, an unknown error code) and
 * AWS answers an emulator would not give (a DescribeCluster with no accessConfig). Any other path answers 599 and is
 * recorded, so a test sees what was asked. It checks no signature.
 */
public final class CannedAwsEndpoint implements AutoCloseable {
    /** One canned answer. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }
    }

    /** DescribeCluster's {@code cluster} object of an ACTIVE IPv4 cluster with a public endpoint and no VPC id or accessConfig. */
    public static String clusterWithoutAccessConfig(String name) {
        return "{\"cluster\":{\"name\":\"" + name + "\",\"arn\":\"arn:aws:eks:us-west-2:111122223333:cluster/" + name + "\","
                + "\"version\":\"1.31\",\"status\":\"ACTIVE\",\"endpoint\":\"https://127.0.0.1:9\","
                + "\"resourcesVpcConfig\":{\"endpointPublicAccess\":true,\"endpointPrivateAccess\":false},"
                + "\"kubernetesNetworkConfig\":{\"serviceIpv4Cidr\":\"172.20.0.0/16\",\"ipFamily\":\"ipv4\"},"
                + "\"certificateAuthority\":{\"data\":\"Q0EtREFUQQ==\"},\"createdAt\":1700000000}}";
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public CannedAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests for {@code path} (without the query) with {@code answer}. */
    public CannedAwsEndpoint on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** "METHOD path" of every request, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getPath();
            asked.add(x.getRequestMethod() + " " + path);
            Answer a = answers.getOrDefault(path, new Answer(599, "text/plain", "not canned: " + path, Map.of()));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", a.contentType());
            a.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
            x.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
