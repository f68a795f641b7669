package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.client.ClientResponse;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;
import dev.ccr.wire.sse.SseWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the pipeline writes its Anthropic answer for a client of another dialect: the answer is converted on its way
 * to the client's own response.
 *
 * <p>A stream is converted event by event as the pipeline writes it: its bytes are parsed into events, each event goes
 * through the dialect's {@link StreamConverter} and out at once, and the pipeline's flush is the client's flush, so
 * nothing is held back. A JSON answer is collected and converted whole when the pipeline is done ({@link #finish}).
 * A JSON answer to a streaming client (a provider that ignored {@code stream}) is replayed as events
 * ({@link MessageAsEvents}); an error body the pipeline relays is rendered in the client's error shape.
 *
 * <p>The pipeline may write from a timer thread too (keep-alive pings), so the writes are synchronized.
 */
final class ConvertingResponse implements ClientResponse {
    /** How a streaming client's events are framed: server-sent events, or one JSON array (Gemini without alt=sse). */
    enum Framing { SSE, JSON_ARRAY }

    private static final List<Map.Entry<String, String>> SSE_HEADERS = List.of(
            Map.entry("Content-Type", "text/event-stream"), Map.entry("Cache-Control", "no-cache"));
    private static final List<Map.Entry<String, String>> JSON_HEADERS = List.of(
            Map.entry("Content-Type", "application/json"));

    private final ClientResponse client;
    private final Optional<Framing> streaming;
    private final UnaryOperator<ObjectNode> answer;
    private final StreamConverter events;
    private final ErrorShape errors;
    private final SseParser parser = new SseParser();
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final OutputStream body = new Body();
    private final EventSink sink = this::write;
    private boolean started;
    private boolean eventStream;
    private int status;
    private int written;

    /**
     * @param streaming how to frame a streaming client's events, or empty when the client wants one JSON answer
     * @param answer    converts a complete Anthropic message into the client's JSON answer
     * @param events    converts the Anthropic event stream into the client's events (a fresh one per request)
     */
    ConvertingResponse(ClientResponse client, Optional<Framing> streaming, UnaryOperator<ObjectNode> answer,
                       StreamConverter events, ErrorShape errors) {
        this.client = client;
        this.streaming = streaming;
        this.answer = answer;
        this.events = events;
        this.errors = errors;
    }

    @Override
    public synchronized void start(int status, List<Map.Entry<String, String>> headers) {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        this.status = status;
        eventStream = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("content-type")
                && h.getValue().toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream"));
        if (streaming.isPresent()) {
            client.start(200, streaming.get() == Framing.SSE ? SSE_HEADERS : JSON_HEADERS);
            if (streaming.get() == Framing.JSON_ARRAY) {
                raw("[");
            }
            events.atStart(sink);
        }
    }

    @Override
    public synchronized boolean isStarted() {
        return started;
    }

    @Override
    public OutputStream body() {
        return body;
    }

    /** The pipeline's writes: events converted as they complete, or a JSON answer collected. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            synchronized (ConvertingResponse.this) {
                if (streaming.isEmpty() || !eventStream) {
                    collected.write(bytes, off, len);
                    return;
                }
                try {
                    for (SseEvent event : parser.feed(bytes, off, len)) {
                        events.accept(sink, event);
                    }
                } catch (UncheckedIOException clientGone) {
                    throw clientGone.getCause();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (ConvertingResponse.this) {
                if (streaming.isPresent()) {
                    client.flush();
                }
            }
        }
    }

    /**
     * Ends the client's answer once the pipeline returned: the end of a stream, or the whole JSON answer converted.
     * Does nothing if the pipeline never started an answer (it threw instead).
     */
    synchronized void finish() throws IOException {
        if (!started) {
            return;
        }
        try {
            if (streaming.isPresent()) {
                if (eventStream) {
                    parser.finish().forEach(event -> events.accept(sink, event));
                } else {
                    replay(collectedJson());
                }
                events.atEnd(sink);
                if (streaming.get() == Framing.JSON_ARRAY) {
                    raw("]");
                }
                client.flush();
                return;
            }
        } catch (UncheckedIOException clientGone) {
            throw clientGone.getCause();
        }
        ObjectNode json = eventStream ? null : collectedJson();
        if (json != null && "message".equals(json.path("type").asText())) {
            send(status, WireJson.compact(answer.apply(json)).getBytes(StandardCharsets.UTF_8));
        } else {
            ApiError error = notAMessage(json);
            send(error.status(), errors.render(error));
        }
    }

    /** A JSON answer to a streaming client: a message as its events, anything else as an error event. */
    private void replay(ObjectNode json) {
        if (json != null && "message".equals(json.path("type").asText())) {
            MessageAsEvents.of(json).forEach(event -> events.accept(sink, event));
        } else {
            events.accept(sink, notAMessage(json).toEvent());
        }
    }

    /** What the client is told when the pipeline's answer is not a message: its error if it is one, else a 502. */
    private ApiError notAMessage(ObjectNode json) {
        JsonNode error = json == null ? null : json.get("error");
        if (error != null && error.isObject()) {
            return new ApiError(status >= 400 ? status : 502, error.path("type").asText("api_error"),
                    error.path("message").asText("the provider's answer was an error"), Optional.empty());
        }
        return ApiError.upstream(502, "The provider's answer could not be converted for this client",
                "provider_response_error");
    }

    private ObjectNode collectedJson() {
        return WireJson.parseObjectOrNull(collected.toString(StandardCharsets.UTF_8));
    }

    private void send(int code, byte[] bytes) throws IOException {
        client.start(code, JSON_HEADERS);
        client.body().write(bytes);
        client.flush();
    }

    /** Writes one converted event to the client; a client that left surfaces as the pipeline's IOException. */
    private void write(SseEvent event) {
        try {
            if (streaming.orElseThrow() == Framing.SSE) {
                client.body().write(SseWriter.encode(event));
            } else if (!event.data().trim().equals("[DONE]")) {
                raw((written++ == 0 ? "" : ",\r\n") + event.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void raw(String text) {
        try {
            client.body().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
