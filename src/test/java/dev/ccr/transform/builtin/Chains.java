package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.TransformerChain;
import dev.ccr.transform.TransformerRegistry;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one built-in through a real chain against a canned upstream answer. */
final class Chains {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TransformerRegistry REGISTRY = Builtins.registry();

    record Outcome(ProviderRequest sent, String answer) {
    }

    private Chains() {
    }

    static Outcome run(String name, String options, String body, String contentType, String upstream) throws Exception {
        return run(name, options, HeaderList.EMPTY, body, contentType, upstream);
    }

    static Outcome run(String name, String options, HeaderList headers, String body, String contentType, String upstream) throws Exception {
        return run(name, options, URI.create("http://127.0.0.1:9/v1"), "m", headers, body, contentType, upstream);
    }

    /** As above, for a provider at {@code base} serving the routed {@code model}. */
    static Outcome run(String name, String options, URI base, String model, HeaderList headers, String body,
                       String contentType, String upstream) throws Exception {
        JsonNode opts = options == null ? MissingNode.getInstance() : JSON.readTree(options);
        AtomicReference<ProviderRequest> captured = new AtomicReference<>();
        ProviderResponse response = TransformerChain.run(List.of(REGISTRY.create(name, opts).orElseThrow()),
                new ProviderRequest(base, headers, (ObjectNode) JSON.readTree(body), Duration.ofSeconds(1)),
                new TransformContext(new ProviderInfo("p", base, "provider-key", List.of(model)), model, "default",
                        JSON.createObjectNode(), Map.of()),
                r -> {
                    captured.set(r);
                    return new ProviderResponse(200, HeaderList.EMPTY.with("Content-Type", contentType),
                            new ByteArrayInputStream(upstream.getBytes(StandardCharsets.UTF_8)));
                });
        return new Outcome(captured.get(), new String(response.readAll(), StandardCharsets.UTF_8));
    }

    /** An SSE body with one {@code data:} event per argument. */
    static String sse(String... data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            out.append("data: ").append(d).append("\n\n");
        }
        return out.toString();
    }

    /** The JSON chunks of an SSE body, {@code [DONE]} left out. */
    static List<JsonNode> chunks(String sse) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data:") && !line.substring(5).trim().equals("[DONE]")) {
                out.add(JSON.readTree(line.substring(5).trim()));
            }
        }
        return out;
    }

    /** Every {@code delta.content} text in the stream, in order. */
    static List<String> contents(String sse) throws Exception {
        return chunks(sse).stream().map(c -> c.at("/choices/0/delta/content")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).toList();
    }
}
