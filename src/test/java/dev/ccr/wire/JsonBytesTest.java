package dev.ccr.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBytesTest {
    @Test
    void theTreeIsWrittenWholeWhetherTheGuessWasLongOrShort() throws Exception {
        ObjectNode tree = WireJson.object().put("model", "m").put("text", "caf\u00e9 " + "x".repeat(5_000));
        byte[] expected = WireJson.MAPPER.writeValueAsBytes(tree);
        for (int guess : new int[] {0, 10, expected.length, 1_000_000}) {
            JsonBytes bytes = JsonBytes.of(tree, guess);
            assertThat(bytes.length()).as("guess %d", guess).isEqualTo(expected.length);
            assertThat(Arrays.copyOf(bytes.array(), bytes.length())).isEqualTo(expected);
        }
        assertThat(new String(expected, StandardCharsets.UTF_8)).startsWith("{\"model\":\"m\",\"text\":\"caf\u00e9 x");
    }
}
