package dev.ccr.wire.sse;

import static dev.ccr.wire.WireTestKit.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseWriterTest {

    private static String encode(SseEvent e) {
        return new String(SseWriter.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheEventLineThenTheDataLineThenABlankLine() {
        assertThat(encode(new SseEvent("message_stop", "{\"type\":\"message_stop\"}")))
                .isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void writesNoEventLineWhenTheNameIsNull() {
        assertThat(encode(new SseEvent(null, "[DONE]"))).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void writesOneDataLinePerLineOfData() {
        assertThat(encode(new SseEvent("x", "a\nb\r\nc\rd\n"))).isEqualTo(
                "event: x\ndata: a\ndata: b\ndata: c\ndata: d\ndata: \n\n");
    }

    @Test
    void whatItWritesParsesBackToTheSameEvent() {
        SseEvent e = new SseEvent("error", "line one\n\nline 三\n");
        assertThat(events(encode(e))).containsExactly(e);
    }

    @Test
    void refusesAnEventNameThatWouldBreakTheFrame() {
        assertThatThrownBy(() -> new SseEvent("a\ndata: forged", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
