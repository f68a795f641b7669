package dev.ccr.pipeline;

import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.upstream.Cancellation;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.io.InputStream;

/**
 * The loop every answer body goes through on its way to the client: read what the provider sent, hand it to the
 * {@link Sink}, flush, until the end. Who does what to each read (relay the bytes, or parse and convert events) is
 * the sink's; how the loop ends is decided here, once, for both dialects:
 * <ul>
 *   <li>the body ended: the sink ends the answer, {@link AttemptOutcome.Answered};</li>
 *   <li>the provider broke before anything reached the client: {@link AttemptOutcome.Failed}, so another candidate
 *       may still answer;</li>
 *   <li>it broke after: the sink writes an {@code error} event, {@link AttemptOutcome.BrokeMidStream};</li>
 *   <li>a write to the client failed: the attempt is cancelled, {@link AttemptOutcome.ClientLeft}.</li>
 * </ul>
 */
final class Relay {
    /** One network read; each is handed on and flushed as it arrives. */
    static final int READ_BUFFER = 16 * 1024;
    /** Upstream error bodies beyond this are cut; the client gets enough to act on. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    /** Where a body's reads go. Writes that fail because the client left throw {@link IOException} or {@link ClientGoneException}. */
    interface Sink extends AutoCloseable {
        /** Takes one read of {@code n > 0} bytes. */
        void write(byte[] bytes, int n) throws IOException;

        /** Sends what was written to the client now. */
        void flush() throws IOException;

        /** Whether anything has reached the client. */
        boolean started();

        /** The body ended normally: finish the answer and report it to the listener. */
        void end() throws IOException;

        /** The provider broke after the answer started: end it with {@code error}. */
        void broke(SseEvent error) throws IOException;

        /** Called once the loop is over, however it ended. */
        @Override
        default void close() {
        }
    }

    private Relay() {
    }

    static AttemptOutcome run(Attempt attempt, InputStream body, Sink sink) {
        byte[] buf = new byte[READ_BUFFER];
        try (sink) {
            for (int n; ; ) {
                try {
                    n = body.read(buf);
                } catch (IOException upstreamBroke) {
                    return sink.started() ? brokeMidStream(attempt, sink, upstreamBroke)
                            : UpstreamErrors.brokenBeforeAnswer(attempt, upstreamBroke);
                }
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    sink.write(buf, n);
                    sink.flush();
                }
            }
            sink.end();
            return AttemptOutcome.ANSWERED;
        } catch (IOException | ClientGoneException clientGone) {
            return clientLeft(attempt);
        }
    }

    private static AttemptOutcome brokeMidStream(Attempt attempt, Sink sink, IOException upstreamBroke) {
        SseEvent error = UpstreamErrors.brokenStreamEvent(attempt, upstreamBroke);
        try {
            sink.broke(error);
        } catch (IOException | ClientGoneException clientGone) {
            attempt.cancellation().cancel(Cancellation.Reason.CLIENT_LEFT);
        }
        return new AttemptOutcome.BrokeMidStream(Failure.of(FailureKind.BROKEN_STREAM, error.data()));
    }

    /** The client left while its answer was being written: the attempt's upstream call is cancelled with it. */
    static AttemptOutcome clientLeft(Attempt attempt) {
        attempt.cancellation().cancel(Cancellation.Reason.CLIENT_LEFT);
        return AttemptOutcome.CLIENT_LEFT;
    }

    /** An error body, cut at {@link #MAX_ERROR_BODY}. */
    static byte[] readError(InputStream body) throws IOException {
        try (body) {
            return body.readNBytes(MAX_ERROR_BODY);
        }
    }
}
