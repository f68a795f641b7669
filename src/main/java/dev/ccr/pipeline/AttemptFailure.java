package dev.ccr.pipeline;

import dev.ccr.resilience.Failure;

/**
 * One attempt failed before anything reached the client: what the client would see ({@code error}) and what kind of
 * failure it was ({@code failure}), which decides whether the next candidate is tried.
 */
final class AttemptFailure extends RuntimeException {
    private final ApiError error;
    private final Failure failure;

    AttemptFailure(ApiError error, Failure failure) {
        super(error.message(), null, false, false);
        this.error = error;
        this.failure = failure;
    }

    ApiError error() {
        return error;
    }

    Failure failure() {
        return failure;
    }
}
