package dev.ccr.pipeline;

import dev.ccr.resilience.Failure;

import java.util.Optional;

/** How one provider is spoken to: the request is sent in its dialect and its answer written back as Anthropic's. */
interface Dialect {
    /**
     * Calls the provider and writes the answer to {@code attempt.response()}.
     *
     * @return empty when the answer was delivered; the failure when the upstream broke after the client had started
     *     receiving it (the stream was ended with an {@code error} event)
     * @throws AttemptFailure for failures before anything was written to the client
     */
    Optional<Failure> forward(Attempt attempt);
}
