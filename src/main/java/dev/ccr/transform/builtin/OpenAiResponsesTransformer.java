package dev.ccr.transform.builtin;

import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.wire.responses.ChatToResponsesRequest;
import dev.ccr.wire.responses.ResponsesToChatResponse;
import dev.ccr.wire.responses.ResponsesToChatStream;

import java.io.IOException;

/**
 * {@code openai-responses} (docs/compatibility.md, Transformers): talks to OpenAI's Responses API
 * ({@code https://api.openai.com/v1/responses}, for models such as {@code gpt-5-codex} that chat completions does not
 * serve).
 *
 * <p>Request half: the body becomes a Responses body ({@link ChatToResponsesRequest}); the URL and headers are left
 * alone, so {@code api_base_url} must be the {@code /v1/responses} endpoint and the key goes as
 * {@code Authorization: Bearer …} like any OpenAI provider.
 *
 * <p>Response half: the Responses answer is turned back into OpenAI chat form for the pipeline, a stream event by
 * event ({@link ResponsesToChatStream}), a JSON answer whole ({@link ResponsesToChatResponse}). Error statuses never
 * get here; the pipeline maps them.
 */
final class OpenAiResponsesTransformer implements Transformer {
    @Override
    public String name() {
        return "openai-responses";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        ProviderRequest request = chain.request();
        ProviderResponse response = chain.proceed(request.withBody(ChatToResponsesRequest.convert(request.body())));
        return response.isEventStream()
                ? response.mapEvents(ResponsesToChatStream::new)
                : response.mapJson(ResponsesToChatResponse::convert);
    }
}
