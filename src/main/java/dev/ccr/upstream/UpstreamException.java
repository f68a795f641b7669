package dev.ccr.upstream;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;

/** The provider could not be asked: unreachable, too slow, or the call was cancelled. Messages carry no secrets. */
public final class UpstreamException extends IOException {
    /** Why a call failed, which decides the status the client sees and whether a fallback may help. */
    public enum Kind { UNREACHABLE, TIMEOUT, CANCELLED }

    private final Kind kind;

    private UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static UpstreamException unreachable(URI url, Throwable cause) {
        String where = url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (cause instanceof SocketTimeoutException) {
            // OkHttp's only timeout is the connect timeout; the Watchdog's deadlines arrive as cancellations.
            return new UpstreamException(Kind.TIMEOUT, "connecting to " + where + " timed out", cause);
        }
        String detail = cause == null ? "unknown error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new UpstreamException(Kind.UNREACHABLE, "could not reach " + where + " (" + detail + ")", cause);
    }

    /** The exception a call cancelled for {@code reason} fails with. */
    public static UpstreamException cancelled(Cancellation.Reason reason) {
        Kind kind = reason instanceof Cancellation.TimedOut ? Kind.TIMEOUT : Kind.CANCELLED;
        return new UpstreamException(kind, "upstream call " + reason, null);
    }
}
