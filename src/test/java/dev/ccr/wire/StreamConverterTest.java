package dev.ccr.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccr.wire.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamConverterTest {

    /** Tags every event it sees and announces its own start and end, so the order is visible. */
    private record Tagging(String tag) implements StreamConverter {
        @Override
        public void atStart(EventSink out) {
            out.emit(new SseEvent(null, tag + ".start"));
        }

        @Override
        public void accept(EventSink out, SseEvent event) {
            out.emit(new SseEvent(event.event(), event.data() + ">" + tag));
        }

        @Override
        public void atEnd(EventSink out) {
            out.emit(new SseEvent(null, tag + ".end"));
        }
    }

    @Test
    void andThenFeedsTheFirstConvertersOutputIntoTheNextOne() {
        StreamConverter chain = new Tagging("a").andThen(new Tagging("b"));
        List<String> out = new ArrayList<>();
        EventSink sink = e -> out.add(e.data());

        chain.atStart(sink);
        chain.accept(sink, new SseEvent("x", "e"));
        chain.atEnd(sink);

        // 1. the next converter starts first, then sees the first one's start
        // 2. upstream events pass both, in order
        // 3. the first converter's end passes the next one, which ends last
        assertThat(out).containsExactly("b.start", "a.start>b", "e>a>b", "a.end>b", "b.end");
    }
}
