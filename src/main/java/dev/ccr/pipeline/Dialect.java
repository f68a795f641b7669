package dev.ccr.pipeline;

/** How one provider is spoken to: the request is sent in its dialect and its answer written back as Anthropic's. */
interface Dialect {
    /** Calls the provider, writes the answer to {@code attempt.response()}, and says how that went. */
    AttemptOutcome forward(Attempt attempt);
}
