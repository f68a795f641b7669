package dev.ccr.pipeline;

import java.io.IOException;

/** Writing to the client failed: it went away. Nothing is left to tell it; the request just ends. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(IOException cause) {
        super("client went away: " + cause.getMessage(), cause, false, false);
    }
}
