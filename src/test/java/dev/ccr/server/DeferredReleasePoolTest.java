package dev.ccr.server;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that resets its connection mid-stream makes the next write fail, and Undertow closes the connection and
 * ends the exchange from inside that write, releasing the buffer the write still holds. No released buffer may be
 * touched afterwards: by then the pool may have handed it to another connection (one client's stream bytes in
 * another's answer, in the soak before this was fixed).
 */
class DeferredReleasePoolTest {
    private static final int CLIENTS = 20;
    private static final byte[] EVENT = ("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + "x".repeat(300) + "\"}}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void noBufferIsTouchedOnceReleasedWhenTheClientResetsMidStream() throws Exception {
        CanaryPool pool = new CanaryPool();
        CountDownLatch writesFailed = new CountDownLatch(CLIENTS);
        HttpHandler stream = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
            OutputStream out = exchange.getOutputStream();
            try {
                for (int i = 0; i < 100_000; i++) { // flushed event by event, chunked, until the reset is noticed
                    out.write(EVENT);
                    out.flush();
                }
            } catch (IOException clientGone) {
                writesFailed.countDown();
            }
        };
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setByteBufferPool(new DeferredReleasePool(pool))
                .setHandler(new Dispatch(requests, stream)).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
            for (int i = 0; i < CLIENTS; i++) {
                resetAfterFirstBytes(port);
            }
            assertThat(writesFailed.await(30, TimeUnit.SECONDS)).as("every stream's writes failed").isTrue();
        } finally {
            server.stop();
            requests.close();
        }
        assertThat(pool.released()).as("buffers released").isPositive();
        assertThat(pool.touchedAfterRelease()).as("buffers changed after their release").isEmpty();
    }

    private static void resetAfterFirstBytes(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            in.readNBytes(200);
            socket.setSoLinger(true, 0); // the close sends a reset: the server's next write fails
        }
    }

    /** Never reuses a buffer: fills each released one with a canary and checks later that nobody touched it. */
    private static final class CanaryPool implements ByteBufferPool {
        private static final byte CANARY = (byte) 0xA5;
        private final Queue<ByteBuffer> released = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        int released() {
            return count.get();
        }

        List<String> touchedAfterRelease() {
            return released.stream().filter(b -> b.position() != 0 || b.limit() != b.capacity() || !allCanary(b))
                    .map(b -> "position " + b.position() + ", limit " + b.limit() + " of " + b.capacity()).toList();
        }

        private static boolean allCanary(ByteBuffer b) {
            for (int i = 0; i < b.capacity(); i++) {
                if (b.get(i) != CANARY) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public PooledByteBuffer allocate() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
            return new PooledByteBuffer() {
                private boolean open = true;

                @Override
                public ByteBuffer getBuffer() {
                    return buffer;
                }

                @Override
                public synchronized void close() {
                    if (open) {
                        open = false;
                        buffer.clear();
                        for (int i = 0; i < buffer.capacity(); i++) {
                            buffer.put(i, CANARY);
                        }
                        released.add(buffer);
                        count.incrementAndGet();
                    }
                }

                @Override
                public boolean isOpen() {
                    return open;
                }
            };
        }

        @Override
        public ByteBufferPool getArrayBackedPool() {
            return this;
        }

        @Override
        public void close() {
        }

        @Override
        public int getBufferSize() {
            return 16 * 1024;
        }

        @Override
        public boolean isDirect() {
            return true;
        }
    }
}
