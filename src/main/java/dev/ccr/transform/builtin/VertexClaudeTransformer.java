package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformerException;
import dev.ccr.wire.anthropic.AnthropicCompat;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vertex-claude} (docs/compatibility.md, Transformers): Claude models on Vertex AI, which speak Anthropic's
 * Messages API at
 * {@code <root>/v1/projects/{project}/locations/{location}/publishers/anthropic/models/{model}:rawPredict}, or
 * {@code :streamRawPredict} when the request streams, with a Google access token.
 *
 * <p>The body is the client's own Anthropic request, not one rebuilt from the OpenAI form as CCR does, so system
 * blocks, thinking signatures, cache breakpoints and tool results reach Claude as Claude Code sent them. Vertex's
 * changes: no {@code model} (it is in the URL), {@code anthropic_version: "vertex-2023-10-16"}, and the fields and
 * {@code anthropic-beta} flags only Anthropic's own API takes removed ({@link AnthropicCompat}). Earlier transformers
 * in the chain still count for {@link #CARRIED} (what {@code maxtoken}, {@code sampling} and the like change).
 *
 * <p>The answer, Anthropic's, is turned into OpenAI chat form for the pipeline ({@link AnthropicToChatStream},
 * {@link AnthropicToChatResponse}), which turns it back into Anthropic's for the client.
 */
final class VertexClaudeTransformer extends VertexTransformer {
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    /** Fields of the chain's OpenAI body that win over the client's: the ones transformers before this one change. */
    private static final List<String> CARRIED = List.of("max_tokens", "temperature", "top_p", "top_k");

    VertexClaudeTransformer(VertexSettings settings, GoogleTokens tokens) {
        super(settings, tokens);
    }

    @Override
    public String name() {
        return "vertex-claude";
    }

    @Override
    ProviderRequest toVertex(Chain chain) throws TransformerException {
        ObjectNode chat = chain.request().body();
        boolean stream = chat.path("stream").asBoolean(false);
        String model = chat.path("model").asText(chain.context().model());

        ObjectNode body = chain.context().clientBody().deepCopy();
        for (String field : CARRIED) {
            JsonNode value = chat.get(field);
            if (value != null && !value.isNull()) {
                body.set(field, value);
            }
        }
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        body.put("stream", stream);
        Optional<String> betas = AnthropicCompat.forProvider("https://" + VertexSettings.GOOGLE_HOST).applyTo(body, clientHeader(chain, "anthropic-beta"));

        ProviderRequest request = chain.request().withBody(body).withUrl(URI.create(base(chain)
                + "/publishers/anthropic/models/" + VertexSettings.segment(model)
                + (stream ? ":streamRawPredict" : ":rawPredict")));
        return betas.map(b -> request.withHeaders(request.headers().with("anthropic-beta", b))).orElse(request);
    }

    @Override
    ProviderResponse fromVertex(ProviderResponse response) {
        return response.isEventStream()
                ? response.mapEvents(AnthropicToChatStream::new)
                : response.mapJson(AnthropicToChatResponse::convert);
    }

    private static Optional<String> clientHeader(Chain chain, String name) {
        return chain.context().clientHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
