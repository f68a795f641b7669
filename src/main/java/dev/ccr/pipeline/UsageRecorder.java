package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionId;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;
import dev.ccr.usage.UsageRecord;
import dev.ccr.usage.UsageStore;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends the CCR fork's usage records (spec §7.1, §11 item 80): one when a {@code /v1/messages} request ends,
 * successful or not, and one ({@code status: "error"}) for each failed attempt that another attempt followed. Knows
 * only what the events say plus the request's own {@code model} and {@code stream}; never keeps a body or a header.
 */
public final class UsageRecorder implements RequestListener {
    private final Clock clock;
    private final UsageStore store;
    private final long startMillis;
    private String originalModel = "";
    private boolean stream;
    private Optional<String> sessionId = Optional.empty();
    private String scenario = "default";
    private Optional<Target> target = Optional.empty();
    private long attemptStartMillis;
    private long firstByteMillis = -1;
    private Optional<ApiError> pendingFailure = Optional.empty();
    private boolean recorded;

    private UsageRecorder(Clock clock, UsageStore store) {
        this.clock = clock;
        this.store = store;
        this.startMillis = clock.millis();
        this.attemptStartMillis = startMillis;
    }

    public static Factory factory(Clock clock, UsageStore store) {
        return request -> new UsageRecorder(clock, store);
    }

    /** A body that does not parse is rejected before this; its record then has no original model. */
    @Override
    public synchronized void bodyParsed(ObjectNode body) {
        originalModel = body.path("model").asText("");
        stream = body.path("stream").asBoolean(false);
    }

    @Override
    public synchronized void routeDecided(RouteDecision decision) {
        sessionId = decision.session().map(SessionId::id);
        scenario = decision.scenario();
        target = decision.target();
    }

    @Override
    public synchronized void attemptStarted(Target next) {
        pendingFailure.ifPresent(error -> store.append(record(target, error.status(), Usage.NONE,
                clock.millis() - attemptStartMillis, OptionalLong.empty(), Optional.of(message(error)))));
        pendingFailure = Optional.empty();
        target = Optional.of(next);
        attemptStartMillis = clock.millis();
    }

    @Override
    public synchronized void attemptFailed(Target failed, ApiError error) {
        target = Optional.of(failed);
        pendingFailure = Optional.of(error);
    }

    @Override
    public synchronized void firstByte() {
        if (firstByteMillis < 0) {
            firstByteMillis = clock.millis() - startMillis;
        }
    }

    @Override
    public synchronized void completed(int status, Usage usage) {
        if (recorded) {
            return;
        }
        recorded = true;
        OptionalLong ttft = firstByteMillis >= 0 ? OptionalLong.of(firstByteMillis) : OptionalLong.empty();
        store.append(record(target, status, usage, clock.millis() - startMillis, ttft,
                status >= 400 ? Optional.of("HTTP " + status) : Optional.empty()));
    }

    @Override
    public synchronized void failed(ApiError error) {
        if (recorded) {
            return;
        }
        recorded = true;
        pendingFailure = Optional.empty();
        OptionalLong ttft = firstByteMillis >= 0 ? OptionalLong.of(firstByteMillis) : OptionalLong.empty();
        store.append(record(target, error.status(), Usage.NONE, clock.millis() - startMillis, ttft,
                Optional.of(message(error))));
    }

    private UsageRecord record(Optional<Target> where, int status, Usage usage, long durationMs, OptionalLong ttft,
                               Optional<String> errorMessage) {
        boolean success = status < 400 && errorMessage.isEmpty();
        java.time.Instant now = clock.instant();
        return new UsageRecord(UsageRecord.newId(now, ThreadLocalRandom.current()), now, sessionId,
                where.map(Target::provider).orElse(""), where.map(Target::model).orElse(""), originalModel, scenario,
                stream, usage, ttft, success ? UsageRecord.tokensPerSecond(usage.outputTokens(), durationMs, ttft) : OptionalLong.empty(),
                durationMs, success ? UsageRecord.Status.SUCCESS : UsageRecord.Status.ERROR, errorMessage);
    }

    private static String message(ApiError error) {
        return error.status() + " " + error.message();
    }
}
