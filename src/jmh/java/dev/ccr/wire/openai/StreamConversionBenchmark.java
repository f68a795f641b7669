package dev.ccr.wire.openai;

import dev.ccr.wire.EventSink;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;
import dev.ccr.wire.sse.SseWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures the stream path per upstream event on a recorded text + two tool calls stream (issue 3 asks for a few
 * microseconds per event). Each invocation converts the whole 23-event stream with a fresh converter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamConversionBenchmark {

    /** Upstream events in {@code openai-text-two-tools.sse}, checked at setup. */
    private static final int EVENTS = 23;

    private static final ChatToAnthropicStream.Options OPTIONS =
            new ChatToAnthropicStream.Options(18_000, () -> "msg_bench");

    private byte[] upstream;
    private List<SseEvent> events;

    @Setup
    public void load() throws IOException {
        try (InputStream in = StreamConversionBenchmark.class.getResourceAsStream("/wire/openai-text-two-tools.sse")) {
            upstream = in.readAllBytes();
        }
        SseParser parser = new SseParser();
        events = new ArrayList<>(parser.feed(upstream, 0, upstream.length));
        events.addAll(parser.finish());
        if (events.size() != EVENTS) {
            throw new IllegalStateException("recording has " + events.size() + " events, benchmark assumes " + EVENTS);
        }
    }

    /** Converter plus writer: one upstream event in, its client bytes out. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void convertAndWrite(Blackhole bh) {
        EventSink sink = e -> bh.consume(SseWriter.encode(e));
        ChatToAnthropicStream converter = new ChatToAnthropicStream(OPTIONS);
        converter.atStart(sink);
        for (SseEvent e : events) {
            converter.accept(sink, e);
        }
        converter.atEnd(sink);
    }

    /** The whole per-event path the pipeline runs: parse upstream bytes, convert, write client bytes. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void parseConvertWrite(Blackhole bh) {
        EventSink sink = e -> bh.consume(SseWriter.encode(e));
        ChatToAnthropicStream converter = new ChatToAnthropicStream(OPTIONS);
        SseParser parser = new SseParser();
        converter.atStart(sink);
        for (SseEvent e : parser.feed(upstream, 0, upstream.length)) {
            converter.accept(sink, e);
        }
        for (SseEvent e : parser.finish()) {
            converter.accept(sink, e);
        }
        converter.atEnd(sink);
    }
}
