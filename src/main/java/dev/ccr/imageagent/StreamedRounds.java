package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.client.ApiException;
import dev.ccr.client.ClientResponse;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;
import dev.ccr.wire.sse.SseWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main rounds spliced into one event stream for a streaming client, event by event as each round arrives.
 *
 * <p>The client gets the first round's {@code message_start} only; every round's text and thinking blocks go out at
 * once, renumbered so that the indices keep counting up across rounds. An {@code analyzeImage} call is swallowed (its
 * input collected for the agent). Other tool calls, a round's {@code message_delta} and {@code message_stop} are held
 * until the round is over: when the agent goes on, they are dropped (the main model calls those tools again once it
 * has the description); when this was the last round, {@link #finish} sends them. A later round that fails reaches the
 * client as an {@code error} event, since its stream has begun.
 *
 * <p>The pipeline may write keep-alive pings from a timer thread, so a round's writes are synchronized.
 */
final class StreamedRounds implements Rounds {
    private static final List<Map.Entry<String, String>> SSE_HEADERS = List.of(
            Map.entry("Content-Type", "text/event-stream"), Map.entry("Cache-Control", "no-cache"));

    private final MessagesPipeline pipeline;
    private final ClientResponse client;
    private boolean messageStarted;
    private int nextIndex;
    private Round current;

    StreamedRounds(MessagesPipeline pipeline, ClientResponse client) {
        this.pipeline = pipeline;
        this.client = client;
    }

    @Override
    public Optional<RoundAnswer> next(InternalRequest request) throws IOException {
        current = new Round();
        try {
            pipeline.handle(request, current);
        } catch (ApiException e) {
            if (!client.isStarted()) {
                throw e;
            }
            send(e.error().toEvent());
            client.flush();
            return Optional.empty();
        }
        return current.end();
    }

    @Override
    public void waiting() throws IOException {
        send("ping", WireJson.object().put("type", "ping"));
        client.flush();
    }

    @Override
    public void finish() throws IOException {
        current.release();
    }

    private void send(SseEvent event) throws IOException {
        client.body().write(SseWriter.encode(event));
    }

    private void send(String name, ObjectNode data) throws IOException {
        send(new SseEvent(name, WireJson.compact(data)));
    }

    /** What a round does with its answer: events spliced, a JSON message replayed as events, or an error. */
    private enum Mode { EVENTS, MESSAGE, ERROR, RELAYED }

    /** One round's answer as the pipeline writes it. */
    private final class Round implements ClientResponse {
        private final SseParser parser = new SseParser();
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private final ContentAccumulator content = new ContentAccumulator();
        private final OutputStream body = new Body();
        /** The client's index of each forwarded block, by the round's own index. */
        private final Map<Integer, Integer> forwarded = new HashMap<>();
        /** The events of the tool calls held back, by the round's index, in order. */
        private final Map<Integer, List<ObjectNode>> held = new LinkedHashMap<>();
        private final Map<Integer, Boolean> swallowed = new HashMap<>();
        private boolean started;
        private Mode mode;
        private int status;
        private ObjectNode messageDelta;
        private boolean messageStop;
        private boolean broke;

        @Override
        public synchronized void start(int status, List<Map.Entry<String, String>> headers) {
            if (started) {
                throw new IllegalStateException("response already started");
            }
            started = true;
            this.status = status;
            boolean eventStream = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("content-type")
                    && h.getValue().toLowerCase(Locale.ROOT).startsWith("text/event-stream"));
            if (status != 200 && !client.isStarted()) {
                mode = Mode.RELAYED; // the first round failed: the client gets the failure as it is
                client.start(status, headers);
                return;
            }
            mode = status != 200 ? Mode.ERROR : eventStream ? Mode.EVENTS : Mode.MESSAGE;
            if (mode != Mode.ERROR && !client.isStarted()) {
                client.start(200, eventStream ? headers : SSE_HEADERS);
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

        @Override
        public synchronized void flush() throws IOException {
            if (mode == Mode.EVENTS || mode == Mode.RELAYED) {
                client.flush();
            }
        }

        /** The round is over: its answer, or empty when it ended the client's answer. */
        synchronized Optional<RoundAnswer> end() throws IOException {
            if (mode == null || mode == Mode.RELAYED) {
                return Optional.empty();
            }
            switch (mode) {
                case EVENTS -> {
                    for (SseEvent event : parser.finish()) {
                        accept(event);
                    }
                }
                case MESSAGE -> {
                    ObjectNode message = WireJson.parseObjectOrNull(collected.toString(StandardCharsets.UTF_8));
                    if (message == null) {
                        return failed(ApiError.upstream(502, "the provider's answer was neither events nor a message",
                                "provider_bad_answer"));
                    }
                    for (SseEvent event : MessageAsEvents.of(message)) {
                        accept(event);
                    }
                }
                case ERROR -> {
                    JsonNode error = WireJson.parseObjectOrNull(collected.toString(StandardCharsets.UTF_8));
                    String message = error == null ? "the provider answered " + status
                            : error.path("error").path("message").asText("the provider answered " + status);
                    return failed(ApiError.upstream(status, message, null));
                }
                default -> throw new IllegalStateException(mode.name());
            }
            if (broke) {
                return Optional.empty();
            }
            client.flush();
            return Optional.of(new RoundAnswer(content.content()));
        }

        private Optional<RoundAnswer> failed(ApiError error) throws IOException {
            send(error.toEvent());
            client.flush();
            return Optional.empty();
        }

        /** Sends what was held back: this round ends the client's answer. */
        synchronized void release() throws IOException {
            for (List<ObjectNode> events : held.values()) {
                int index = nextIndex++;
                for (ObjectNode event : events) {
                    send(event.path("type").asText(), event.put("index", index));
                }
            }
            if (messageDelta != null) {
                boolean onlyAnalyzeCalls = held.isEmpty() && !swallowed.isEmpty();
                if (onlyAnalyzeCalls && "tool_use".equals(messageDelta.path("delta").path("stop_reason").asText())) {
                    ((ObjectNode) messageDelta.path("delta")).put("stop_reason", "end_turn");
                }
                send("message_delta", messageDelta);
            }
            if (messageStop) {
                send("message_stop", WireJson.object().put("type", "message_stop"));
            }
            client.flush();
        }

        private void accept(SseEvent event) throws IOException {
            ObjectNode data = WireJson.parseObjectOrNull(event.data());
            String type = event.event() != null ? event.event() : data == null ? "" : data.path("type").asText();
            if (data == null) {
                send(event);
                return;
            }
            int index = data.path("index").asInt(-1);
            switch (type) {
                case "message_start" -> {
                    if (!messageStarted) {
                        messageStarted = true;
                        send(event);
                    }
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    content.start(index, block);
                    if (RoundAnswer.isAnalyzeCall(block instanceof ObjectNode o ? o : WireJson.object())) {
                        swallowed.put(index, true);
                    } else if ("tool_use".equals(block.path("type").asText())) {
                        held.computeIfAbsent(index, i -> new ArrayList<>()).add(data);
                    } else {
                        forwarded.put(index, nextIndex++);
                        send(type, data.put("index", forwarded.get(index)));
                    }
                }
                case "content_block_delta", "content_block_stop" -> {
                    if (type.equals("content_block_delta")) {
                        content.delta(index, data.path("delta"));
                    } else {
                        content.stop(index);
                    }
                    if (forwarded.containsKey(index)) {
                        send(type, data.put("index", forwarded.get(index)));
                    } else if (held.containsKey(index)) {
                        held.get(index).add(data);
                    }
                }
                case "message_delta" -> messageDelta = data;
                case "message_stop" -> messageStop = true;
                case "error" -> {
                    broke = true;
                    send(event);
                }
                default -> send(event); // pings, and events this splice does not know, pass as they are
            }
        }

        /** The pipeline's writes: parsed into events as they complete, or collected. */
        private final class Body extends OutputStream {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                synchronized (Round.this) {
                    switch (mode) {
                        case RELAYED -> client.body().write(bytes, off, len);
                        case EVENTS -> {
                            for (SseEvent event : parser.feed(bytes, off, len)) {
                                accept(event);
                            }
                        }
                        case MESSAGE, ERROR -> collected.write(bytes, off, len);
                        case null -> throw new IllegalStateException("body written before start");
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                Round.this.flush();
            }
        }
    }
}
