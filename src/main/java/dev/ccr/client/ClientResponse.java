package dev.ccr.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Where the pipeline writes its answer: status and headers once, then body bytes, flushed when it says so. */
public interface ClientResponse {
    /** Sets status and headers; must be called once, before the first body byte. */
    void start(int status, List<Map.Entry<String, String>> headers);

    boolean isStarted();

    /** The body stream; writes block this (virtual) thread and fail with an IOException once the client is gone. */
    OutputStream body() throws IOException;

    /** Sends everything written so far to the client now. */
    default void flush() throws IOException {
        body().flush();
    }
}
