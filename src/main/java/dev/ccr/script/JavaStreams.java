package dev.ccr.script;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Java InputStreams a Context may read, by number: provider answers handed to {@code transformResponseOut} and fetch
 * answers. JS reads them through {@code host.read(id, callback)}, one network read per call, only when its stream is
 * pulled.
 */
final class JavaStreams {
    /** One network read of SSE is a few hundred bytes; 16 KiB keeps JSON answers to a few reads. */
    static final int CHUNK = 16 * 1024;

    private final Map<Integer, InputStream> open = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    int register(InputStream in) {
        int id = ids.incrementAndGet();
        open.put(id, in);
        return id;
    }

    Optional<InputStream> get(int id) {
        return Optional.ofNullable(open.get(id));
    }

    /** Forgets {@code id} without closing its stream (Java reads it again itself). */
    void release(int id) {
        open.remove(id);
    }

    void close(int id) {
        InputStream in = open.remove(id);
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read anyway
            }
        }
    }

    void closeAll() {
        open.keySet().forEach(this::close);
    }

    /** The next bytes of {@code in}: at least one, at most {@link #CHUNK}; null at the end. Blocks. */
    static byte[] readSome(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        int n = in.read(buf);
        if (n < 0) {
            return null;
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }
}
