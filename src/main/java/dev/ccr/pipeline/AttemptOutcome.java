package dev.ccr.pipeline;

import dev.ccr.client.ApiError;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.Refusals.Refusal;

import java.util.Optional;

/** How one attempt ended: the single value a {@link Dialect} hands back to the attempt loop. */
sealed interface AttemptOutcome {
    AttemptOutcome ANSWERED = new Answered();
    AttemptOutcome CLIENT_LEFT = new ClientLeft();

    /** The whole answer reached the client. */
    record Answered() implements AttemptOutcome {
    }

    /**
     * The answer had started reaching the client when the provider broke; the client got an {@code error} event and
     * nothing more. No other candidate can help any more.
     */
    record BrokeMidStream(Failure failure) implements AttemptOutcome {
    }

    /** The client went away while the answer was on its way; that says nothing about the provider. */
    record ClientLeft() implements AttemptOutcome {
    }

    /**
     * Nothing reached the client: {@code error} is what it would see, {@code failure} what kind of failure it was,
     * which decides whether the same candidate, the next one or none is tried. {@code refused} is what the provider
     * named as the part of the request it refuses (body fields, beta flags), when the same request without it may
     * pass.
     */
    record Failed(ApiError error, Failure failure, Optional<Refusal> refused) implements AttemptOutcome {
        Failed(ApiError error, Failure failure) {
            this(error, failure, Optional.empty());
        }

        /** This failure, naming what the provider refused. */
        Failed refusing(Refusal refusal) {
            return new Failed(error, failure, Optional.of(refusal));
        }
    }
}
