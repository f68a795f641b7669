package dev.ccr.pipeline;

import dev.ccr.upstream.UpstreamClient;

/** Speaks OpenAI chat completions to a provider (placeholder until the wire converters land). */
final class ChatCompletions implements Dialect {
    private final UpstreamClient upstream;

    ChatCompletions(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public void forward(Attempt attempt) {
        throw ApiError.upstream(501, "OpenAI chat completions providers are not supported yet", "not_implemented").exception();
    }
}
