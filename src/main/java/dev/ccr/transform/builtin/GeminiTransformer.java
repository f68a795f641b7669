package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.wire.gemini.ChatToGeminiRequest;
import dev.ccr.wire.gemini.GeminiToChatResponse;
import dev.ccr.wire.gemini.GeminiToChatStream;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code gemini} (docs/compatibility.md, Transformers): talks to Google's Gemini API
 * ({@code generativelanguage.googleapis.com/v1beta/models/}) instead of an OpenAI-compatible server.
 *
 * <p>Request half: the body becomes a {@code generateContent} body ({@link ChatToGeminiRequest}); the URL becomes
 * {@code <api_base_url><model>:generateContent}, or {@code :streamGenerateContent?alt=sse} when the request streams
 * (a missing trailing {@code /} on {@code api_base_url} is added); the key moves from {@code Authorization: Bearer …}
 * (or the provider's {@code api_key}) to {@code x-goog-api-key}, and {@code Authorization} is removed.
 *
 * <p>Response half: Gemini's answer is turned back into OpenAI chat form for the pipeline, a stream event by event
 * ({@link GeminiToChatStream}), a JSON answer whole ({@link GeminiToChatResponse}). Error statuses never get here;
 * the pipeline maps them.
 */
final class GeminiTransformer implements Transformer {
    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        ProviderRequest request = chain.request();
        ObjectNode chat = request.body();
        boolean stream = chat.path("stream").asBoolean(false);
        String model = chat.path("model").asText(chain.context().model());

        HeaderList headers = request.headers();
        String key = headers.get("Authorization")
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .filter(v -> !v.isEmpty())
                .orElse(chain.context().provider().apiKey());
        headers = headers.without("Authorization");
        if (key != null && !key.isEmpty()) {
            headers = headers.with("x-goog-api-key", key);
        }

        ProviderRequest gemini = request.withBody(ChatToGeminiRequest.convert(chat))
                .withUrl(url(request.url(), model, stream))
                .withHeaders(headers);
        ProviderResponse response = chain.proceed(gemini);
        return response.isEventStream()
                ? response.mapEvents(GeminiToChatStream::new)
                : response.mapJson(GeminiToChatResponse::convert);
    }

    /** {@code <base>/<model>:generateContent} or {@code :streamGenerateContent?alt=sse}; the base's query is dropped. */
    static URI url(URI base, String model, boolean stream) {
        String s = base.toString();
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        if (!s.endsWith("/")) {
            s += "/";
        }
        String encodedModel = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(s + encodedModel + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }
}
