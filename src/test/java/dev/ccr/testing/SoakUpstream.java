package dev.ccr.testing;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import org.xnio.IoUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A provider for soak runs, on 127.0.0.1: {@code /ok} answers OpenAI chat completions (JSON, or a 100-event stream),
 * {@code /fail} answers 500, {@code /reset} closes the connection without an answer.
 */
public final class SoakUpstream implements AutoCloseable {
    private static final byte[] JSON = ("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = stream(100);

    private final Undertow server;

    private SoakUpstream(Undertow server) {
        this.server = server;
    }

    public static SoakUpstream start() {
        return start(0);
    }

    /**
     * Starts on {@code port} (0: a free one). Undertow rather than the JDK's HttpServer: the latter keeps objects of
     * closed connections for a while, which the soak test would count as the router's heap growth.
     */
    public static SoakUpstream start(int port) {
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(new BlockingHandler(SoakUpstream::handle))
                .build();
        server.start();
        return new SoakUpstream(server);
    }

    public String url(String path) {
        int port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
        return "http://127.0.0.1:" + port + path;
    }

    private static void handle(HttpServerExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        switch (exchange.getRequestPath()) {
            case "/ok" -> {
                boolean streaming = body.contains("\"stream\":true");
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, streaming ? "text/event-stream" : "application/json");
                send(exchange, streaming ? STREAM : JSON);
            }
            case "/fail" -> {
                exchange.setStatusCode(500);
                send(exchange, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8));
            }
            default -> IoUtils.safeClose(exchange.getConnection()); // no status line: the client sees the connection end
        }
    }

    private static void send(HttpServerExchange exchange, byte[] answer) {
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(answer);
        } catch (IOException clientLeft) {
            // the router cancelled: its client left
        }
    }

    private static byte[] stream(int events) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < events; i++) {
            sb.append("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token")
                    .append(i).append(" \"}}]}\n\n");
        }
        sb.append("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sb.append("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":").append(events)
                .append("}}\n\ndata: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
