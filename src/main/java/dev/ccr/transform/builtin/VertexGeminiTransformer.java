package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformerException;
import dev.ccr.wire.gemini.ChatToGeminiRequest;
import dev.ccr.wire.gemini.GeminiToChatResponse;
import dev.ccr.wire.gemini.GeminiToChatStream;

import java.net.URI;

/**
 * {@code vertex-gemini} (docs/compatibility.md, Transformers): Gemini models on Vertex AI. The body and the answer are
 * converted as for {@code gemini} ({@link GeminiTransformer}); the call goes to
 * {@code <root>/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} when the request streams, with a Google access token.
 */
final class VertexGeminiTransformer extends VertexTransformer {
    VertexGeminiTransformer(VertexSettings settings, GoogleTokens tokens) {
        super(settings, tokens);
    }

    @Override
    public String name() {
        return "vertex-gemini";
    }

    @Override
    ProviderRequest toVertex(Chain chain) throws TransformerException {
        ObjectNode chat = chain.request().body();
        boolean stream = chat.path("stream").asBoolean(false);
        String model = chat.path("model").asText(chain.context().model());
        return chain.request().withBody(ChatToGeminiRequest.convert(chat)).withUrl(URI.create(base(chain)
                + "/publishers/google/models/" + VertexSettings.segment(model)
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent")));
    }

    @Override
    ProviderResponse fromVertex(ProviderResponse response) {
        return response.isEventStream()
                ? response.mapEvents(GeminiToChatStream::new)
                : response.mapJson(GeminiToChatResponse::convert);
    }
}
