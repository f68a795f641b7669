package dev.ccr.transform.builtin;

import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformerException;

import java.net.URI;

/**
 * {@code vertex-openai} (llms; docs/compatibility.md, Transformers): Vertex AI's OpenAI-compatible chat completions
 * endpoint. The body and the answer stay OpenAI chat; only the URL and the credentials change. As in CCR, an
 * {@code api_base_url} that already is the endpoint ({@code …/endpoints/openapi/chat/completions};
 * {@code /chat/completions} is added to one ending in {@code /endpoints/openapi}) is used as it is; otherwise the URL
 * is {@code <root>/v1/projects/{project}/locations/{location}/endpoints/openapi/chat/completions}. The model is sent as
 * configured: Vertex wants {@code google/<model>} for Gemini, {@code <publisher>/<model>} for others.
 */
final class VertexOpenAiTransformer extends VertexTransformer {
    private static final String ENDPOINT = "/endpoints/openapi";

    VertexOpenAiTransformer(VertexSettings settings, GoogleTokens tokens) {
        super(settings, tokens);
    }

    @Override
    public String name() {
        return "vertex-openai";
    }

    @Override
    ProviderRequest toVertex(Chain chain) throws TransformerException {
        URI configured = chain.context().provider().baseUrl();
        String path = configured.getPath() == null ? "" : configured.getPath();
        if (path.replaceAll("/+$", "").endsWith(ENDPOINT)) {
            return chain.request().withUrl(URI.create(configured.toString().replaceAll("/+$", "") + "/chat/completions"));
        }
        return chain.request().withUrl(path.contains(ENDPOINT + "/") ? configured
                : URI.create(base(chain) + ENDPOINT + "/chat/completions"));
    }

    @Override
    ProviderResponse fromVertex(ProviderResponse response) {
        return response;
    }
}
