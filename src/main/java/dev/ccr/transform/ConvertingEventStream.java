package dev.ccr.transform;

import dev.ccr.wire.SseConversion;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An SSE body passed through a {@link StreamConverter}: each read pulls one upstream read, converts the events it
 * completes and returns their bytes, so conversion keeps the pace of the upstream and buffers nothing more.
 */
final class ConvertingEventStream extends InputStream {
    private final InputStream upstream;
    private final SseConversion conversion;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] buf = new byte[16 * 1024];
    private byte[] ready = new byte[0];
    private int pos;
    private boolean ended;

    ConvertingEventStream(InputStream upstream, StreamConverter converter) {
        this.upstream = upstream;
        this.conversion = new SseConversion(converter);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == ready.length) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, ready.length - pos);
        System.arraycopy(ready, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() throws IOException {
        pending.reset();
        int n = upstream.read(buf);
        if (n < 0) {
            conversion.finish(this::write);
            ended = true;
        } else {
            conversion.feed(buf, n, this::write);
        }
        ready = pending.toByteArray();
        pos = 0;
    }

    private void write(SseEvent event) {
        pending.writeBytes(SseWriter.encode(event));
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
