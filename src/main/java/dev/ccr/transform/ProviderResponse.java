package dev.ccr.transform;

import dev.ccr.wire.StreamConverter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A provider's successful answer, still in OpenAI chat form, with its body not yet read. Transformers wrap the body:
 * {@link #mapEvents} converts a stream event by event as it is read, {@link #mapJson} rewrites a JSON answer.
 */
public record ProviderResponse(int status, HeaderList headers, InputStream body) {
    public boolean isEventStream() {
        return headers.get("content-type").orElse("").toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    public ProviderResponse withBody(InputStream newBody) {
        return new ProviderResponse(status, headers, newBody);
    }

    /** For a stream: each event passes through a fresh converter from {@code converters}, as it arrives. */
    public ProviderResponse mapEvents(Supplier<? extends StreamConverter> converters) {
        return isEventStream() ? withBody(new ConvertingEventStream(body, converters.get())) : this;
    }

    /** For a JSON answer: the parsed body is rewritten when first read. */
    public ProviderResponse mapJson(UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> rewrite) {
        return isEventStream() ? this : withBody(new RewrittenJson(body, rewrite));
    }

    /**
     * Reads the whole body (for JSON answers) into a buffer sized by what has already arrived: {@code readAllBytes}
     * takes 16 KB chunks, the largest allocation of a small request (docs/benchmarks.md, "Allocation").
     */
    public byte[] readAll() throws IOException {
        try (InputStream in = body) {
            byte[] buffer = new byte[Math.max(in.available(), 1024)];
            int length = 0;
            for (int read; (read = in.read(buffer, length, buffer.length - length)) >= 0; ) {
                length += read;
                if (length == buffer.length) {
                    int next = in.read();
                    if (next < 0) {
                        return buffer;
                    }
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffer.length + in.available() + 1));
                    buffer[length++] = (byte) next;
                }
            }
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        }
    }
}
