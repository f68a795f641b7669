package dev.ccr.server;

/** The port ccr was asked to listen on is taken; the message says which and what to do. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String host, int port, Throwable cause) {
        super("Port " + port + " on " + host + " is already in use: is ccr (or something else) already running? "
                + "Stop it, or set PORT in the config.", cause);
    }
}
