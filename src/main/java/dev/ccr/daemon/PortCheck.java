package dev.ccr.daemon;

import dev.ccr.server.PortInUseException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that the router's port is free before anything heavy loads, so {@code ccr start} on a taken port fails in
 * well under a second with a message naming it, instead of CCR's start-up timeout. The server still reports a bind
 * failure itself if the port is taken in between.
 */
public final class PortCheck {
    private PortCheck() {
    }

    /** @throws PortInUseException when {@code host:port} cannot be bound (with SO_REUSEADDR, as Undertow binds) */
    public static void ensureFree(String host, int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new PortInUseException(host, port, e);
        } catch (IOException | RuntimeException e) {
            // not a clear "in use" (e.g. an unresolvable HOST): the server's own bind reports it
        }
    }
}
