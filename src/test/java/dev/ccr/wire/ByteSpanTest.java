package dev.ccr.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSpanTest {
    private static ByteSpan span(String text, int from, int to) {
        return new ByteSpan(text.getBytes(StandardCharsets.US_ASCII), from, to);
    }

    @Test
    void spansAreEqualByTheirBytesWhereverTheyLie() {
        String tools = "[" + "{\"name\":\"Read\"},".repeat(500) + "{}]";
        ByteSpan inBody = span("{\"tools\":" + tools + "}", 9, 9 + tools.length());
        ByteSpan alone = span(tools, 0, tools.length());

        assertThat(inBody).isEqualTo(alone).hasSameHashCodeAs(alone);
        assertThat(inBody.copy()).isEqualTo(alone);
        assertThat(inBody.length()).isEqualTo(tools.length());
    }

    @Test
    void oneByteTheHashDidNotSampleStillMakesThemDiffer() {
        String tools = "[" + "{\"name\":\"Read\"},".repeat(500) + "{}]";
        String changed = tools.substring(0, 1001) + "X" + tools.substring(1002);
        ByteSpan a = span(tools, 0, tools.length());
        ByteSpan b = span(changed, 0, changed.length());

        assertThat(a).isNotEqualTo(b);
    }
}
