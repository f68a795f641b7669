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
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge under the scripts' {@code fetch} and {@code http(s).request}: a JDK HttpClient call whose answer comes
 * back to the loop as status, headers and a Java stream the body reads chunk by chunk. Like Node's fetch, fetch uses
 * no proxy; {@code http(s).request} goes through ccr's own proxy, and may trust its own CA ({@code ca}) or any
 * certificate ({@code rejectUnauthorized: false}), as in Node.
 */
final class HostFetch {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** undici's default headers timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding");

    private final JsLoop loop;
    private final ScriptGuard guard;
    private final Optional<URI> proxy;
    private final Map<Integer, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HostFetch(JsLoop loop, ScriptGuard guard, Optional<URI> proxy) {
        this.loop = loop;
        this.guard = guard;
        this.proxy = proxy;
    }

    /**
     * fetch(method, url, headersJson, body | null, timeoutMs, follow, callback, tlsJson | null): answers the fetch's
     * id. {@code tlsJson} ({@code {ca, insecure}}) marks a call from {@code http(s).request}, which uses ccr's proxy.
     */
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
        URI target = request.uri();
        Optional<String> denied = guard.connect(String.valueOf(target.getHost()), HostClients.port(target));
        if (denied.isPresent()) {
            loop.post(api -> callback.executeVoid(HostFiles.DENIED + ": " + denied.get()));
            return id;
        }
        HttpClient client;
        try {
            boolean node = a.length > 7 && a[7] != null && !a[7].isNull();
            client = HostClients.client(a[5].asBoolean(), node ? proxy : Optional.empty(), node ? JSON.readTree(a[7].asString()) : null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            loop.post(api -> callback.executeVoid("invalid TLS options: " + e.getMessage()));
            return id;
        }
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
