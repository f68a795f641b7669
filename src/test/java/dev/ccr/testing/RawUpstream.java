package dev.ccr.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upstream that writes raw bytes on the socket and then resets the connection, for failures no well-behaved
 * server produces: a stream cut off mid-chunk, a reset before any response.
 */
public final class RawUpstream implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;

    private RawUpstream(byte[] response) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().start(() -> serve(response));
    }

    /** Answers 200 with a chunked SSE body holding {@code firstEvents}, then resets the connection. */
    public static RawUpstream streamThenReset(String firstEvents) {
        byte[] chunk = firstEvents.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length) + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunk);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return new RawUpstream(out.toByteArray());
    }

    /** Reads the request, then resets the connection without answering. */
    public static RawUpstream resetBeforeAnswer() {
        return new RawUpstream(new byte[0]);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    private void serve(byte[] response) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                HttpHeads.readRequest(client.getInputStream());
                OutputStream out = client.getOutputStream();
                out.write(response);
                out.flush();
                Thread.sleep(50); // let the bytes leave before the reset
                client.setSoLinger(true, 0); // close → RST, not FIN
            } catch (IOException e) {
                return; // closed
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test server
        }
        acceptor.interrupt();
    }
}
