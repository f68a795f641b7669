package dev.ccr.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;

/**
 * Notices a client that closes its connection while ccr waits for the provider, at once rather than at the first
 * write. Once the request body has been read, Undertow stops reading the socket until the exchange ends; this probe
 * reads it meanwhile, and end of stream means the client left.
 *
 * <p>It runs only until the answer is committed, whoever writes it and on whichever thread: from then on a write (an
 * event, or a {@code ping} when the stream is silent) finds a departed client; and once the answer reaches the
 * client, a keep-alive client may send its next request, which only Undertow may read. Should the probe read some
 * anyway (a pipelining client), they are handed back untouched.
 */
final class PeerCloseProbe {
    private final HttpServerConnection connection;
    private final ConduitStreamSourceChannel source;
    private final StreamSourceConduit requestConduit;
    private final ChannelListener<? super ConduitStreamSourceChannel> undertowListener;
    private final boolean wasResumed;
    private final Runnable onClose;
    private boolean stopped;

    private PeerCloseProbe(HttpServerConnection connection, Runnable onClose) {
        this.connection = connection;
        this.source = connection.getChannel().getSourceChannel();
        this.requestConduit = source.getConduit();
        this.undertowListener = source.getReadListener();
        this.wasResumed = source.isReadResumed();
        this.onClose = onClose;
    }

    /**
     * Starts probing; call only after the request body has been read to its end. Once the answer has started there is
     * nothing to probe for: the next write finds a departed client.
     */
    static void start(HttpServerExchange exchange, Runnable onClose) {
        if (!exchange.isRequestComplete() || exchange.isResponseStarted()
                || !(exchange.getConnection() instanceof HttpServerConnection connection)) {
            return; // HTTP/1.1 only; other protocols have their own ways of telling
        }
        PeerCloseProbe probe = new PeerCloseProbe(connection, onClose);
        exchange.addResponseCommitListener(ex -> probe.stop());
        exchange.addExchangeCompleteListener((ex, next) -> {
            probe.stop();
            next.proceed();
        });
        // The channel's conduit is now this request's exhausted fixed-length body: read the socket's own instead.
        probe.source.setConduit(connection.getOriginalSourceConduit());
        probe.source.setReadListener(probe::probe);
        probe.source.resumeReads();
    }

    /** Stops probing, leaving the channel exactly as Undertow had it. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!wasResumed) {
            source.suspendReads();
        }
        // Undertow had no listener (reads suspended until the exchange completes). A read event the IO thread took up
        // before this stop must not find none: XNIO then suspends reads, and that suspension can land after Undertow
        // resumed them for the next request, which would never be read. IGNORE leaves the reads as they are.
        source.setReadListener(undertowListener == null && !wasResumed ? IGNORE : undertowListener);
        source.setConduit(requestConduit);
    }

    /** The listener between a stop and Undertow's next own one: reads are suspended, a late event changes nothing. */
    private static final ChannelListener<ConduitStreamSourceChannel> IGNORE = channel -> {
    };

    private synchronized void probe(StreamSourceChannel channel) {
        if (stopped) {
            return;
        }
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
