package dev.ccr.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;

/** A provider's answer once its headers have arrived; the body is read as a stream and must be closed. */
public record UpstreamResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String contentType() {
        return headers.firstValue("content-type").orElse("");
    }

    public boolean isEventStream() {
        return contentType().toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
