package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge under the scripts' {@code fetch}: a JDK HttpClient call whose answer comes back to the loop as status,
 * headers and a Java stream the Response body reads chunk by chunk. Like Node's fetch it uses no proxy.
 */
final class HostFetch {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** undici's default headers timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding");

    private static final class Clients {
        static final HttpClient FOLLOW = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        static final HttpClient MANUAL = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    private final JsLoop loop;
    private final Map<Integer, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HostFetch(JsLoop loop) {
        this.loop = loop;
    }

    /** fetch(method, url, headersJson, body | null, timeoutMs, follow, callback): answers the fetch's id. */
    Object start(Value... a) {
        int id = ids.incrementAndGet();
        Value callback = a[6];
        callback.pin();
        HttpRequest request;
        try {
            request = request(a[0].asString(), a[1].asString(), a[2].asString(), a[3], a[4].asLong());
        } catch (RuntimeException | IOException e) {
            loop.post(api -> callback.executeVoid("invalid request: " + e.getMessage()));
            return id;
        }
        HttpClient client = a[5].asBoolean() ? Clients.FOLLOW : Clients.MANUAL;
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        inFlight.put(id, future);
        future.whenComplete((response, error) -> {
            inFlight.remove(id);
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                String message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                loop.post(api -> callback.executeVoid(message));
                return;
            }
            int stream = loop.streams().register(response.body());
            String headers = headersJson(response);
            String url = response.uri().toString();
            loop.post(api -> callback.executeVoid(null, response.statusCode(), "", headers, stream, url));
        });
        return id;
    }

    void abort(int id) {
        CompletableFuture<?> future = inFlight.remove(id);
        if (future != null) {
            future.cancel(true);
        }
    }

    void abortAll() {
        inFlight.keySet().forEach(this::abort);
    }

    private static HttpRequest request(String method, String url, String headersJson, Value body, long timeoutMs) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : DEFAULT_TIMEOUT);
        for (JsonNode pair : JSON.readTree(headersJson)) {
            String name = pair.get(0).asText();
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, pair.get(1).asText());
            }
        }
        HttpRequest.BodyPublisher publisher = body == null || body.isNull()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(HostFiles.bytes(body));
        return builder.method(method, publisher).build();
    }

    private static String headersJson(HttpResponse<?> response) {
        ArrayNode pairs = JSON.createArrayNode();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> pairs.addArray().add(name).add(v));
            }
        });
        return pairs.toString();
    }
}
