package dev.ccr.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ccr.client.ApiError;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xnio.ChannelListener;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe that watches for a departing client while the provider is awaited is stopped before any answer is
 * written, whichever way the answer goes out: once a keep-alive client has its answer it sends the next request at
 * once, and only Undertow may read that.
 */
class PeerCloseProbeTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"error", "json", "nothing"})
    void noAnswerIsWrittenWhileTheProbeStillReadsTheConnection(String answer) throws Exception {
        ConcurrentLinkedQueue<String> readers = new ConcurrentLinkedQueue<>();
        HttpHandler handler = exchange -> {
            Bodies.read(exchange, 1024);
            PeerCloseProbe.start(exchange, () -> { });
            var source = ((HttpServerConnection) exchange.getConnection()).getChannel().getSourceChannel();
            ChannelListener<?> probe = source.getReadListener();
            // Added after the probe's own, so it runs before it when the exchange completes: the answer is out by then.
            exchange.addExchangeCompleteListener((ex, next) -> {
                readers.add(source.getReadListener() == probe ? "the probe" : "not the probe");
                next.proceed();
            });
            switch (answer) {
                case "error" -> throw ApiError.invalidRequest("no").exception();
                case "json" -> Responses.json(exchange, 200, JsonNodeFactory.instance.objectNode().put("ok", true));
                default -> { } // the handler ends without an answer: Dispatch ends the exchange with an empty one
            }
        };
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new Dispatch(requests, handler)).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
            for (int i = 0; i < 3; i++) { // on one keep-alive connection
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(answer.equals("error") ? 400 : 200);
            }
        } finally {
            server.stop();
            requests.close();
        }
        assertThat(readers).as("who read the connection when the answer had been written").containsOnly("not the probe");
    }
}
