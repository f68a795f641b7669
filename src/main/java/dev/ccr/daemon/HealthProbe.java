package dev.ccr.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a router on loopback whether it answers {@code GET /health} with 200. A plain socket, not an HTTP client: it
 * costs nothing to start, which matters in a command that runs for a second. {@code /health} never needs the API key.
 */
public final class HealthProbe {
    private static final int TIMEOUT_MILLIS = 1_000;

    private HealthProbe() {
    }

    /** True when {@code http://127.0.0.1:<port>/health} answers 200 within a second. */
    public static boolean healthy(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            String status = new String(head, 0, n, StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.") && status.endsWith(" 200");
        } catch (IOException e) {
            return false;
        }
    }
}
