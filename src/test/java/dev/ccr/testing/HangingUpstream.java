package dev.ccr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that reads a request and then never answers, noting when its caller closes the connection: the
 * witness that an upstream call was cancelled.
 */
public final class HangingUpstream implements AutoCloseable {
    private final ServerSocket socket;
    private final CountDownLatch requestRead = new CountDownLatch(1);
    private final CountDownLatch callerClosed = new CountDownLatch(1);
    private volatile long closedAtNanos;

    public HangingUpstream() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().start(this::serve);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public boolean awaitRequest(long millis) throws InterruptedException {
        return requestRead.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits for the caller to close the connection; returns when it did (System.nanoTime), or -1. */
    public long awaitCallerClosed(long millis) throws InterruptedException {
        return callerClosed.await(millis, TimeUnit.MILLISECONDS) ? closedAtNanos : -1;
    }

    private void serve() {
        try (Socket client = socket.accept()) {
            InputStream in = client.getInputStream();
            if (!HttpHeads.readRequest(in)) {
                return;
            }
            requestRead.countDown();
            client.setSoTimeout(30_000);
            try {
                while (in.read() >= 0) {
                    // nothing more is expected; -1 means the caller closed
                }
            } catch (IOException reset) {
                // a reset is a close too
            }
            closedAtNanos = System.nanoTime();
            callerClosed.countDown();
        } catch (IOException e) {
            // server closed
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test server
        }
    }
}
