package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccr.wire.AnthropicStreams;
import dev.ccr.wire.WireTestKit;
import dev.ccr.wire.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded provider streams (under {@code src/test/resources/wire/}) convert to exactly the reviewed client bytes
 * next to them ({@code *.anthropic.sse}).
 */
class RecordedStreamsTest {

    /** The recordings, shared with the split-anywhere property. */
    static final List<String> RECORDINGS =
            List.of("openai-text", "openai-reasoning-text", "openai-text-two-tools", "openai-usage-final-chunk");

    /** Deterministic options for recordings: a fixed id and an estimate of 2000 input tokens. */
    static ChatToAnthropicStream newConverter() {
        return new ChatToAnthropicStream(new ChatToAnthropicStream.Options(2000, () -> "msg_recorded"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai-text", "openai-reasoning-text", "openai-text-two-tools", "openai-usage-final-chunk"})
    void recordedStreamConvertsToTheReviewedClientBytes(String name) {
        List<SseEvent> events = WireTestKit.run(RecordedStreamsTest::newConverter, resource("wire/" + name + ".sse"));
        AnthropicStreams.assertWellFormed(events);
        assertThat(new String(WireTestKit.wire(events), StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("wire/" + name + ".anthropic.sse"), StandardCharsets.UTF_8));
    }
}
