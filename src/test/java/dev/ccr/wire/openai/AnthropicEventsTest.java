package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicEventsTest {
    private static final List<String> TEXTS = List.of("", "Hi", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab",
            "\u0000\u0001\u001f\u007f", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "\u2028\u2029", "</script>", "{\"a\":1}");

    @Test
    void deltasAreTheBytesTheMapperWritesForTheSameTree() {
        for (String text : TEXTS) {
            assertThat(AnthropicEvents.textDelta(3, text).data()).isEqualTo(viaMapper(3, "text_delta", "text", text));
            assertThat(AnthropicEvents.thinkingDelta(0, text).data()).isEqualTo(viaMapper(0, "thinking_delta", "thinking", text));
            assertThat(AnthropicEvents.signatureDelta(12, text).data()).isEqualTo(viaMapper(12, "signature_delta", "signature", text));
            assertThat(AnthropicEvents.inputJsonDelta(1, text).data()).isEqualTo(viaMapper(1, "input_json_delta", "partial_json", text));
            assertThat(AnthropicEvents.textDelta(3, text).event()).isEqualTo("content_block_delta");
        }
    }

    private static String viaMapper(int index, String type, String field, String value) {
        ObjectNode e = Json.object();
        e.put("type", "content_block_delta");
        e.put("index", index);
        ObjectNode delta = e.putObject("delta");
        delta.put("type", type);
        delta.put(field, value);
        return Json.compact(e);
    }
}
