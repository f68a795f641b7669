package dev.ccr.wire.sse;

import java.nio.charset.StandardCharsets;

/** Encodes events in the framing Anthropic and CCR use: {@code event: X\ndata: Y\n\n}. */
public final class SseWriter {

    private SseWriter() {}

    /**
     * Returns the UTF-8 bytes of one event: an {@code event:} line unless the name is null, one {@code data:} line per
     * line of data, then a blank line.
     */
    public static byte[] encode(SseEvent e) {
        String data = e.data();
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            // The usual one-line event: concatenation sizes its string exactly, where a builder is copied once more.
            String framed = e.event() == null ? "data: " + data + "\n\n"
                    : "event: " + e.event() + "\ndata: " + data + "\n\n";
            return framed.getBytes(StandardCharsets.UTF_8);
        }
        int framing = "event: \ndata: \n\n".length() + (e.event() == null ? 0 : e.event().length());
        StringBuilder sb = new StringBuilder(data.length() + framing + 8);
        if (e.event() != null) {
            sb.append("event: ").append(e.event()).append('\n');
        }
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                sb.append("data: ").append(data, start, i).append('\n');
                // A CR LF pair is one line break for the reader, so it must be one for us too.
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        sb.append("data: ").append(data, start, data.length()).append("\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
