package dev.ccr.transform.builtin;

import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerException;

import java.io.IOException;
import java.util.Map;

/**
 * What the three {@code vertex-*} transformers share: the request goes to a Vertex AI URL built from the project and
 * location ({@link VertexSettings}), and the provider's {@code api_key} and Google API key are replaced by a Google
 * access token ({@link GoogleTokens}). Each subclass says which URL and what body, and converts the answer back.
 */
abstract class VertexTransformer implements Transformer {
    private final VertexSettings settings;
    private final GoogleTokens tokens;

    VertexTransformer(VertexSettings settings, GoogleTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /** The call this transformer makes: its URL (usually from {@link #base}) and body; headers are still the chat ones. */
    abstract ProviderRequest toVertex(Chain chain) throws TransformerException;

    /** Turns the provider's answer back into OpenAI chat form. */
    abstract ProviderResponse fromVertex(ProviderResponse response);

    /** {@code <root>/v1/projects/{project}/locations/{location}}, see {@link VertexSettings#root}. */
    final String base(Chain chain) throws TransformerException {
        String project = settings.project().isPresent() ? settings.project().get()
                : tokens.projectId(settings.key(), name()).orElseThrow(() -> new TransformerException(name()
                + ": no Google Cloud project: set the transformer option \"project\" or GOOGLE_CLOUD_PROJECT, or use a"
                + " service-account key that has a project_id"));
        return settings.root(chain.context().provider().baseUrl()) + settings.locationPath(project);
    }

    @Override
    public final ProviderResponse transform(Chain chain) throws IOException {
        ProviderRequest request = toVertex(chain);
        HeaderList headers = request.headers().without("Authorization").without("x-goog-api-key").without("x-api-key")
                .with("Content-Type", "application/json");
        for (Map.Entry<String, String> h : tokens.headers(settings.key(), request.url(), name()).entrySet()) {
            headers = headers.with(h.getKey(), h.getValue());
        }
        return fromVertex(chain.proceed(request.withHeaders(headers)));
    }
}
