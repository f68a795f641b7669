package dev.ccr.pipeline;

import dev.ccr.client.ClientResponse;
import dev.ccr.observe.RequestListener;
import dev.ccr.usage.Usage;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseWriter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes an Anthropic event stream to the client. The response (200, {@code text/event-stream}) starts with the first
 * event, so a failure before it can still become a plain HTTP error. Once started, a {@code ping} event goes out
 * whenever the stream has been silent for the ping interval, as Anthropic's API does. Usage is read from the events
 * as they pass.
 */
final class EventStreamWriter implements EventSink, AutoCloseable {
    static final List<Map.Entry<String, String>> SSE_HEADERS = List.of(
            Map.entry("Content-Type", "text/event-stream"),
            Map.entry("Cache-Control", "no-cache"),
            Map.entry("Connection", "keep-alive"));
    private static final byte[] PING = SseWriter.encode(new SseEvent("ping", "{\"type\":\"ping\"}"));

    private final ClientResponse client;
    private final RequestListener listener;
    private final UsageTap usage = new UsageTap(true);
    private final Clock clock;
    private final long pingMillis;
    private final ScheduledFuture<?> pinger;
    private long lastWriteMillis;
    private boolean closed;

    EventStreamWriter(ClientResponse client, RequestListener listener, ScheduledExecutorService timer, Duration pingInterval,
                      Clock clock) {
        this.client = client;
        this.listener = listener;
        this.clock = clock;
        this.lastWriteMillis = clock.millis();
        this.pingMillis = pingInterval.toMillis();
        this.pinger = pingMillis <= 0 ? null
                : timer.scheduleAtFixedRate(this::pingIfSilent, pingMillis, Math.max(1, pingMillis / 2), TimeUnit.MILLISECONDS);
    }

    boolean isStarted() {
        synchronized (this) {
            return client.isStarted();
        }
    }

    /** Writes one event; {@link #flush()} sends what was written. */
    @Override
    public synchronized void emit(SseEvent event) {
        if (!client.isStarted()) {
            client.start(200, SSE_HEADERS);
            listener.firstByte();
        }
        usage.event(event);
        try {
            client.body().write(SseWriter.encode(event));
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    public synchronized void flush() {
        if (!client.isStarted()) {
            return;
        }
        try {
            client.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
        lastWriteMillis = clock.millis();
    }

    Usage usage() {
        return usage.usage();
    }

    private synchronized void pingIfSilent() {
        if (closed || !client.isStarted() || clock.millis() - lastWriteMillis < pingMillis) {
            return;
        }
        try {
            client.body().write(PING);
            client.flush();
            lastWriteMillis = clock.millis();
        } catch (IOException | RuntimeException e) {
            close(); // the client is gone; the stream's own next write will notice and end the request
        }
    }

    /**
     * Stops the pings. A ping running now finishes first and none starts after: the answer is ended next, on another
     * thread, and a ping written meanwhile would mix into it (or follow it onto the connection).
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (pinger != null) {
            pinger.cancel(false);
        }
    }
}
