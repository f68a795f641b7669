package dev.ccr.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderResponseTest {
    /** Upper-cases every data line, and adds a marker event at start and end. */
    static final class Shout implements StreamConverter {
        public void atStart(EventSink out) {
            out.emit(new SseEvent("start", "{}"));
        }

        public void accept(EventSink out, SseEvent event) {
            out.emit(new SseEvent(event.event(), event.data().toUpperCase()));
        }

        public void atEnd(EventSink out) {
            out.emit(new SseEvent("end", "{}"));
        }
    }

    private static InputStream chunked(String text) {
        // one byte per read, as a slow upstream would deliver it
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int pos;

            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };
    }

    @Test
    void mapEventsConvertsAStreamEventByEventWhateverTheReads() throws Exception {
        ProviderResponse response = new ProviderResponse(200, HeaderList.EMPTY.with("Content-Type", "text/event-stream"),
                chunked("data: {\"a\":\"x\"}\n\ndata: {\"a\":\"y\"}\n\n"));
        String out = new String(response.mapEvents(Shout::new).readAll(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("event: start\ndata: {}\n\ndata: {\"A\":\"X\"}\n\ndata: {\"A\":\"Y\"}\n\nevent: end\ndata: {}\n\n");
    }

    @Test
    void mapJsonRewritesAJsonAnswerAndLeavesStreamsAlone() throws Exception {
        ProviderResponse json = new ProviderResponse(200, HeaderList.EMPTY.with("content-type", "application/json"),
                new ByteArrayInputStream("{\"a\":1}".getBytes()));
        assertThat(new ObjectMapper().readTree(json.mapJson(o -> o.put("b", 2)).readAll()).toString()).isEqualTo("{\"a\":1,\"b\":2}");

        ProviderResponse stream = new ProviderResponse(200, HeaderList.EMPTY.with("content-type", "text/event-stream"),
                new ByteArrayInputStream("data: 1\n\n".getBytes()));
        assertThat(stream.mapJson(o -> o.put("b", 2))).isSameAs(stream);
    }

    @Test
    void readAllReturnsEveryByteWhateverHasArrivedAndHowTheReadsAreCut() throws Exception {
        for (int size : new int[] {0, 1, 1023, 1024, 1025, 4096, 100_000}) {
            byte[] body = new byte[size];
            for (int i = 0; i < size; i++) {
                body[i] = (byte) (i * 31);
            }
            InputStream buffered = new ByteArrayInputStream(body); // all of it available at once
            InputStream slow = new ByteArrayInputStream(body) { // nothing available ahead, at most 7 bytes a read
                @Override
                public synchronized int available() {
                    return 0;
                }

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 7));
                }
            };

            assertThat(new ProviderResponse(200, HeaderList.EMPTY, buffered).readAll()).as("buffered %d", size).isEqualTo(body);
            assertThat(new ProviderResponse(200, HeaderList.EMPTY, slow).readAll()).as("slow %d", size).isEqualTo(body);
        }
    }
}
