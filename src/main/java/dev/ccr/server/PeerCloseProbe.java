package dev.ccr.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;

/**
 * Notices a client that closes its connection while ccr is still working on its request, at once rather than at the
 * next write. Once the request body has been read, Undertow stops reading the socket until the exchange ends; this
 * probe reads it meanwhile. End of stream means the client left. Bytes of a pipelined next request (rare) are handed
 * back to Undertow untouched and the probe stops.
 */
final class PeerCloseProbe {
    private PeerCloseProbe() {
    }

    /** Call only after the request body has been read to its end. */
    static void start(HttpServerExchange exchange, Runnable onClose) {
        if (!exchange.isRequestComplete() || !(exchange.getConnection() instanceof HttpServerConnection connection)) {
            return; // HTTP/1.1 only; other protocols have their own ways of telling
        }
        // The channel's conduit is now this request's exhausted fixed-length body: read the socket's own instead,
        // and put the request's back before Undertow moves on to the next request on this connection.
        ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        StreamSourceConduit requestConduit = source.getConduit();
        source.setConduit(connection.getOriginalSourceConduit());
        source.getReadSetter().set((StreamSourceChannel channel) -> probe(connection, channel, onClose));
        exchange.addExchangeCompleteListener((ex, next) -> {
            source.suspendReads();
            source.getReadSetter().set(null);
            source.setConduit(requestConduit);
            next.proceed();
        });
        source.resumeReads();
    }

    private static void probe(HttpServerConnection connection, StreamSourceChannel channel, Runnable onClose) {
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean handedBack = false;
        try {
            int n = channel.read(pooled.getBuffer());
            if (n < 0) {
                channel.suspendReads();
                onClose.run();
            } else if (n > 0) {
                channel.suspendReads();
                pooled.getBuffer().flip();
                connection.ungetRequestBytes(pooled);
                handedBack = true;
            }
        } catch (IOException e) {
            channel.suspendReads();
            onClose.run();
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }
}
