package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Speaks to a provider that already talks Anthropic (a chain of only {@code "Anthropic"}, spec §3.4): the client's
 * request goes out as sent, with the bare model name and the provider's key, and the answer comes back byte for byte,
 * each network read flushed to the client as it arrives. Usage is read from a tap on the relayed bytes.
 */
final class AnthropicPassthrough implements Dialect {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Client headers not forwarded: the client's credentials (replaced by the provider's key), and
     * {@code accept-encoding}, so the answer arrives uncompressed and the usage tap can read it.
     */
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of("authorization", "x-api-key", "accept-encoding");

    /** Upstream headers not relayed: framing is the server's own, and the body is never re-encoded. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");

    private static final int READ_BUFFER = 16 * 1024;

    private final UpstreamClient upstream;

    AnthropicPassthrough(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public void forward(Attempt attempt) {
        UpstreamRequest request = request(attempt);
        UpstreamResponse response;
        try {
            response = upstream.send(request, attempt.config().apiTimeout(), attempt.cancellation());
        } catch (UpstreamException e) {
            throw UpstreamErrors.beforeAnswer(attempt, e).exception();
        }
        try (response) {
            relay(attempt, response);
        } catch (IOException e) {
            // Headers already went out, so the client learns of this as a cut stream; nothing more can be said.
            attempt.cancellation().cancel("relay failed: " + e.getMessage());
        }
    }

    private static UpstreamRequest request(Attempt attempt) {
        ObjectNode body = attempt.body().deepCopy();
        body.put("model", attempt.target().model());
        if (!body.has("stream")) {
            body.put("stream", false);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : attempt.request().headers()) {
            if (!DROPPED_REQUEST_HEADERS.contains(h.getKey())) {
                headers.add(h);
            }
        }
        String key = attempt.provider().apiKey();
        if (!key.isEmpty()) {
            // CCR's Anthropic auth(): x-api-key, plus the default Bearer header every provider call carries.
            headers.add(new SimpleEntry<>("x-api-key", key));
            headers.add(new SimpleEntry<>("Authorization", "Bearer " + key));
        }
        if (attempt.request().header("content-type").isEmpty()) {
            headers.add(new SimpleEntry<>("Content-Type", "application/json"));
        }
        return new UpstreamRequest(attempt.provider().apiBaseUrl(), headers, bytes(body));
    }

    private static void relay(Attempt attempt, UpstreamResponse response) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> headers.add(new SimpleEntry<>(name, v)));
            }
        });
        ClientResponse client = attempt.response();
        client.start(response.status(), headers);
        UsageTap tap = new UsageTap(response.isEventStream());
        byte[] buf = new byte[READ_BUFFER];
        InputStream in = response.body();
        OutputStream out = client.body();
        boolean first = true;
        for (int n; (n = in.read(buf)) >= 0; ) {
            if (n == 0) {
                continue;
            }
            out.write(buf, 0, n);
            client.flush();
            if (first) {
                attempt.listener().firstByte();
                first = false;
            }
            tap.feed(buf, 0, n);
        }
        attempt.listener().completed(response.status(), tap.usage());
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
