package dev.ccr.wire.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the bytes of an event stream into events, however the network split them.
 *
 * <p>Lines are split at byte level (LF, CR or CR LF, even when a CR and its LF arrive in different reads) and only
 * complete lines are decoded as UTF-8, so a split inside a multi-byte character is harmless. Memory is bounded by
 * the longest line plus the event being assembled; it does not grow with the length of the stream. Not thread-safe:
 * one parser per stream.
 */
public final class SseParser {

    private static final int INITIAL_LINE_CAPACITY = 256;
    // A huge tool-argument line should not pin its buffer for the rest of a long stream.
    private static final int RETAINED_LINE_CAPACITY = 64 * 1024;

    private byte[] pending = new byte[INITIAL_LINE_CAPACITY];
    private int pendingLength;
    private boolean lastWasCr;
    private boolean firstLine = true;

    private String eventName;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseParser() {}

    /** Consumes {@code len} bytes of {@code buf} from {@code off} and returns the events these bytes completed. */
    public List<SseEvent> feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, Objects.requireNonNull(buf, "buf").length);
        List<SseEvent> out = null;
        int lineStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                lineStart = i + 1;
                continue;
            }
            lastWasCr = false;
            if (b == '\n' || b == '\r') {
                out = line(decode(buf, lineStart, i), out);
                lastWasCr = b == '\r';
                lineStart = i + 1;
            }
        }
        keep(buf, lineStart, end);
        return out == null ? List.of() : out;
    }

    /** Ends the stream: returns the last event if the upstream did not terminate it with a blank line. */
    public List<SseEvent> finish() {
        List<SseEvent> out = null;
        if (pendingLength > 0) {
            out = line(decode(new byte[0], 0, 0), out);
        }
        lastWasCr = false;
        out = dispatch(out);
        return out == null ? List.of() : out;
    }

    /* --------------- Bytes to lines --------------- */

    /** Decodes the pending bytes followed by {@code buf[from, to)} as one line and clears the pending bytes. */
    private String decode(byte[] buf, int from, int to) {
        if (pendingLength == 0) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        keep(buf, from, to);
        String s = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        if (pending.length > RETAINED_LINE_CAPACITY) {
            pending = new byte[INITIAL_LINE_CAPACITY];
        }
        return s;
    }

    private void keep(byte[] buf, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (pendingLength + n > pending.length) {
            byte[] bigger = new byte[Math.max(pending.length * 2, pendingLength + n)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
        System.arraycopy(buf, from, pending, pendingLength, n);
        pendingLength += n;
    }

    /* --------------- Lines to events --------------- */

    private List<SseEvent> line(String line, List<SseEvent> out) {
        if (firstLine) {
            firstLine = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            return dispatch(out);
        }
        if (line.charAt(0) == ':') {
            return out;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        int valueStart = colon < 0 ? line.length() : colon + 1;
        if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
            valueStart++;
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(line, valueStart, line.length());
                hasData = true;
            }
            case "event" -> eventName = valueStart < line.length() ? line.substring(valueStart) : null;
            default -> { } // id, retry and unknown fields: nothing ccr uses
        }
        return out;
    }

    private List<SseEvent> dispatch(List<SseEvent> out) {
        // As in WHATWG, a block without data lines is no event (its name is forgotten too).
        if (hasData) {
            if (out == null) {
                out = new ArrayList<>(4);
            }
            out.add(new SseEvent(eventName, data.toString()));
        }
        eventName = null;
        data.setLength(0);
        if (data.capacity() > RETAINED_LINE_CAPACITY) {
            data.trimToSize();
        }
        hasData = false;
        return out;
    }
}
