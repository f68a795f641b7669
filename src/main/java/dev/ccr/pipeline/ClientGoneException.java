package dev.ccr.pipeline;

/** Writing to the client failed: it went away. Nothing is left to tell it; the request just ends. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(java.io.IOException cause) {
        super("client went away: " + cause.getMessage(), cause, false, false);
    }
}
