package dev.ccr.script;

import dev.ccr.transform.TransformerException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The body of a Response a plugin returned, read by Java one chunk at a time: each read that finds nothing buffered
 * asks the plugin's loop for the next chunk of the JS stream and waits for it. Nothing is collected, so a rewritten
 * SSE stream reaches the client event by event. Closing it cancels the JS stream and closes the provider's answer.
 */
final class JsBodyStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(JsBodyStream.class);
    private static final byte[] NONE = new byte[0];

    private final JsLoop loop;
    private final Value response;
    private final PluginInfo plugin;
    private final Duration chunkTimeout;
    private final Runnable closeUpstream;
    private byte[] chunk = NONE;
    private int pos;
    private boolean ended;
    private boolean closed;

    /**
     * @param chunkTimeout  how long one chunk may take: the provider's own timeout, as the plugin usually waits on it
     * @param closeUpstream closes the provider's answer that the JS Response was made from
     */
    JsBodyStream(JsLoop loop, Value response, PluginInfo plugin, Duration chunkTimeout, Runnable closeUpstream) {
        this.loop = loop;
        this.response = response;
        this.plugin = plugin;
        this.chunkTimeout = chunkTimeout;
        this.closeUpstream = closeUpstream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == chunk.length) {
            if (ended || closed) {
                return -1;
            }
            byte[] next = next();
            if (next == null) {
                ended = true;
                closeUpstream.run();
                return -1;
            }
            chunk = next;
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** The next chunk from JS; null at the end. */
    private byte[] next() throws IOException {
        CompletableFuture<byte[]> call = loop.call("readBody", loop.sliceLimit(), values -> {
            ScriptFailure.throwIfError(values[0]);
            return values[1] == null || values[1].isNull() ? null : HostFiles.bytes(values[1]);
        }, response);
        try {
            return call.get(chunkTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw failed("its response stream gave nothing for " + chunkTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw failed("its response stream failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading " + plugin.label() + "'s response was interrupted");
        }
    }

    private TransformerException failed(String what) {
        String message = "Transformer " + plugin.label() + ": " + what;
        LOG.error(message);
        return new TransformerException(message);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            loop.post(loop.sliceLimit(), api -> api.invokeMember("cancelBody", response), e -> { });
        }
        closeUpstream.run();
    }
}
