package dev.ccr.server;

import io.undertow.UndertowMessages;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Undertow's buffer pool, except that a buffer released on a thread that is inside a call ccr made into Undertow
 * ({@link #defer()}) goes back to the pool only once that call has returned.
 *
 * <p>Why: a blocking write that fails because the client left makes Undertow close the connection from inside the
 * write, and the close ends the exchange, which releases the output stream's buffer, while the write that failed is
 * still on the stack and still restores that buffer's limit on its way out. By then another connection may own the
 * buffer: the soak saw one client's stream bytes at the start of another request's answer, and requests that
 * Undertow found unparsable. Holding every such release until the outermost call returns leaves nothing on the stack
 * that can touch a buffer someone else owns.
 */
final class DeferredReleasePool implements ByteBufferPool {
    private static final ThreadLocal<Deferral> DEFERRALS = new ThreadLocal<>();

    private final ByteBufferPool pool;

    DeferredReleasePool(ByteBufferPool pool) {
        this.pool = pool;
    }

    /**
     * Holds this thread's releases until the scope this opens, and every scope opened inside it, has
     * {@link Deferral#close closed}.
     */
    static Deferral defer() {
        Deferral deferral = DEFERRALS.get();
        if (deferral == null) {
            deferral = new Deferral();
            DEFERRALS.set(deferral);
        }
        deferral.depth++;
        return deferral;
    }

    @Override
    public PooledByteBuffer allocate() {
        return new Pooled(pool.allocate());
    }

    @Override
    public ByteBufferPool getArrayBackedPool() {
        return pool.getArrayBackedPool();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public int getBufferSize() {
        return pool.getBufferSize();
    }

    @Override
    public boolean isDirect() {
        return pool.isDirect();
    }

    /** One thread's open scopes and the releases waiting for the last of them to close. */
    static final class Deferral implements AutoCloseable {
        private int depth;
        private List<PooledByteBuffer> held;

        private boolean holds(PooledByteBuffer buffer) {
            if (depth == 0) {
                return false;
            }
            if (held == null) {
                held = new ArrayList<>(2);
            }
            held.add(buffer);
            return true;
        }

        /** Closes the scope {@link #defer()} opened; the last to close releases what was held. */
        @Override
        public void close() {
            if (--depth > 0 || held == null) {
                return;
            }
            List<PooledByteBuffer> release = held;
            held = null;
            release.forEach(PooledByteBuffer::close);
        }
    }

    private static final class Pooled implements PooledByteBuffer {
        private static final AtomicIntegerFieldUpdater<Pooled> OPEN =
                AtomicIntegerFieldUpdater.newUpdater(Pooled.class, "open");
        private final PooledByteBuffer buffer;
        private volatile int open = 1;

        Pooled(PooledByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getBuffer() {
            if (open == 0) {
                throw UndertowMessages.MESSAGES.bufferAlreadyFreed();
            }
            return buffer.getBuffer();
        }

        @Override
        public void close() {
            if (OPEN.compareAndSet(this, 1, 0)) {
                Deferral deferral = DEFERRALS.get();
                if (deferral == null || !deferral.holds(buffer)) {
                    buffer.close();
                }
            }
        }

        @Override
        public boolean isOpen() {
            return open == 1;
        }
    }
}
