package dev.ccr.wire.sse;

import static dev.ccr.wire.WireTestKit.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    /** Feeds the bytes in reads that end at the given positions, then finishes. */
    private static List<SseEvent> parse(byte[] b, int... cuts) {
        SseParser p = new SseParser();
        List<SseEvent> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(p.feed(b, from, cut - from));
            from = cut;
        }
        out.addAll(p.feed(b, from, b.length - from));
        out.addAll(p.finish());
        return out;
    }

    @Test
    void readsNamedAndUnnamedEvents() {
        assertThat(parse(bytes("event: message_start\ndata: {\"a\":1}\n\ndata: {\"b\":2}\n\n"))).containsExactly(
                new SseEvent("message_start", "{\"a\":1}"), new SseEvent(null, "{\"b\":2}"));
    }

    @Test
    void joinsDataLinesWithNewlines() {
        assertThat(parse(bytes("data: a\ndata:b\ndata:\n\n"))).containsExactly(new SseEvent(null, "a\nb\n"));
    }

    @Test
    void stripsExactlyOneSpaceAfterTheColon() {
        assertThat(parse(bytes("data:  two\n\n"))).containsExactly(new SseEvent(null, " two"));
    }

    @Test
    void ignoresCommentsIdsRetriesAndUnknownFields() {
        assertThat(parse(bytes(": keep-alive\nid: 7\nretry: 100\nfoo: bar\ndata: x\n\n: ping\n\n")))
                .containsExactly(new SseEvent(null, "x"));
    }

    @Test
    void blankLinesWithoutDataProduceNoEventAndForgetTheName() {
        assertThat(parse(bytes("\n\nevent: ping\n\ndata: x\n\n"))).containsExactly(new SseEvent(null, "x"));
    }

    @Test
    void acceptsCrLfAndBareCrLineEndings() {
        assertThat(parse(bytes("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r"))).containsExactly(
                new SseEvent("a", "1"), new SseEvent("b", "2"));
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineBreak() {
        byte[] b = bytes("data: 1\r\n\r\ndata: 2\r\n\r\n");
        for (int cut = 0; cut <= b.length; cut++) {
            assertThat(parse(b, cut)).as("cut at %d", cut)
                    .containsExactly(new SseEvent(null, "1"), new SseEvent(null, "2"));
        }
    }

    @Test
    void splitInsideAMultiByteCharacterIsHarmless() {
        byte[] b = bytes("data: {\"t\":\"café 日本\"}\n\n");
        for (int cut = 0; cut <= b.length; cut++) {
            assertThat(parse(b, cut)).as("cut at %d", cut).containsExactly(new SseEvent(null, "{\"t\":\"café 日本\"}"));
        }
    }

    @Test
    void everyByteInItsOwnReadGivesTheSameEvents() {
        byte[] b = bytes("event: x\ndata: é\n\n: c\ndata: [DONE]\n\n");
        int[] cuts = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            cuts[i] = i;
        }
        assertThat(parse(b, cuts)).containsExactly(new SseEvent("x", "é"), new SseEvent(null, "[DONE]"));
    }

    @Test
    void finishHandsOverALastEventWithoutBlankLine() {
        assertThat(parse(bytes("data: a\n\ndata: b\n"))).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
        assertThat(parse(bytes("data: c"))).containsExactly(new SseEvent(null, "c"));
    }

    @Test
    void feedReturnsOnlyTheEventsTheseBytesCompleted() {
        SseParser p = new SseParser();
        byte[] b = bytes("data: a\n\ndata: b\n");
        assertThat(p.feed(b, 0, b.length)).containsExactly(new SseEvent(null, "a"));
        byte[] rest = bytes("\n");
        assertThat(p.feed(rest, 0, 1)).containsExactly(new SseEvent(null, "b"));
        assertThat(p.finish()).isEmpty();
    }

    @Test
    void readsOnlyTheGivenSliceOfTheBuffer() {
        byte[] b = bytes("XXdata: a\n\nYY");
        assertThat(new SseParser().feed(b, 2, b.length - 4)).containsExactly(new SseEvent(null, "a"));
        assertThatThrownBy(() -> new SseParser().feed(b, 5, b.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void skipsAByteOrderMarkAtTheStart() {
        assertThat(parse(bytes("\uFEFFdata: a\n\n"))).containsExactly(new SseEvent(null, "a"));
    }

    @Test
    void aLongLineSplitIntoManyReadsIsReassembled() {
        String big = "x".repeat(200_000);
        byte[] b = bytes("data: " + big + "\n\ndata: small\n\n");
        assertThat(parse(b, 1000, 50_000, 199_999, 200_007)).containsExactly(
                new SseEvent(null, big), new SseEvent(null, "small"));
    }
}
