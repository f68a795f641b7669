package dev.ccr.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.sse.SseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks Anthropic event streams against the rules Claude Code relies on, and folds them into a message. */
public final class AnthropicStreams {

    private AnthropicStreams() {}

    /**
     * Asserts Anthropic's stream shape: {@code message_start} first; blocks started at indices 0, 1, 2… one at a time, each stopped
     * once, deltas only to the open block; exactly one {@code message_delta} after the last block; {@code message_stop}
     * last. Error events may appear anywhere.
     */
    public static void assertWellFormed(List<SseEvent> events) {
        List<SseEvent> main = events.stream().filter(e -> !"error".equals(e.event())).toList();
        assertThat(main).as("events").isNotEmpty();
        assertThat(main.get(0).event()).isEqualTo("message_start");
        assertThat(main.get(main.size() - 1).event()).isEqualTo("message_stop");
        int next = 0;
        int open = -1;
        int messageDeltas = 0;
        for (SseEvent e : main.subList(1, main.size() - 1)) {
            JsonNode d = WireTestKit.json(e.data());
            assertThat(d.get("type").asText()).as("type matches event name").isEqualTo(e.event());
            switch (e.event()) {
                case "content_block_start" -> {
                    assertThat(open).as("a block is still open at %s", e).isEqualTo(-1);
                    assertThat(messageDeltas).as("block after message_delta").isZero();
                    assertThat(d.get("index").asInt()).isEqualTo(next);
                    open = next++;
                }
                case "content_block_delta" -> assertThat(d.get("index").asInt()).as("delta index").isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(d.get("index").asInt()).as("stop index").isEqualTo(open);
                    open = -1;
                }
                case "message_delta" -> {
                    assertThat(open).as("message_delta with an open block").isEqualTo(-1);
                    messageDeltas++;
                }
                default -> fail("unexpected event " + e);
            }
        }
        assertThat(messageDeltas).isEqualTo(1);
    }

    /** Folds a stream into the message a non-streaming call would return, as the Anthropic SDKs accumulate it. */
    public static ObjectNode accumulate(List<SseEvent> events) {
        ObjectNode message = null;
        Map<Integer, StringBuilder> json = new HashMap<>();
        for (SseEvent e : events) {
            JsonNode d = WireTestKit.json(e.data());
            switch (e.event()) {
                case "message_start" -> message = (ObjectNode) d.get("message").deepCopy();
                case "content_block_start" -> message.withArray("content").add(d.get("content_block").deepCopy());
                case "content_block_delta" -> {
                    int index = d.get("index").asInt();
                    ObjectNode block = (ObjectNode) message.get("content").get(index);
                    JsonNode delta = d.get("delta");
                    switch (delta.get("type").asText()) {
                        case "text_delta" -> block.put("text", block.get("text").asText() + delta.get("text").asText());
                        case "thinking_delta" -> block.put("thinking",
                                block.get("thinking").asText() + delta.get("thinking").asText());
                        case "signature_delta" -> block.put("signature", delta.get("signature").asText());
                        case "input_json_delta" -> json.computeIfAbsent(index, i -> new StringBuilder())
                                .append(delta.get("partial_json").asText());
                        default -> fail("unknown delta " + delta);
                    }
                }
                case "content_block_stop" -> {
                    int index = d.get("index").asInt();
                    StringBuilder args = json.remove(index);
                    if (args != null) {
                        ((ObjectNode) message.get("content").get(index)).set("input", WireTestKit.json(args.toString()));
                    }
                }
                case "message_delta" -> {
                    message.setAll((ObjectNode) d.get("delta"));
                    message.set("usage", d.get("usage"));
                }
                default -> { }
            }
        }
        return message;
    }
}
