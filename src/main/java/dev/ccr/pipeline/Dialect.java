package dev.ccr.pipeline;

/** How one provider is spoken to: the request is sent in its dialect and its answer written back as Anthropic's. */
interface Dialect {
    /**
     * Calls the provider and writes the answer to {@code attempt.response()}.
     *
     * @throws ApiException for failures before anything was written to the client
     */
    void forward(Attempt attempt);
}
