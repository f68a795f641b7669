package dev.ccr.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.client.ClientRequest;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionId;
import dev.ccr.routing.Target;
import dev.ccr.routing.TraceStep;
import dev.ccr.usage.AttemptNote;
import dev.ccr.usage.ClientType;
import dev.ccr.usage.Usage;
import dev.ccr.usage.UsageRecord;
import dev.ccr.usage.UsageStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends the CCR fork's usage records (docs/usage.md, docs/ccr-checklist.md item 80): one when a
 * {@code /v1/messages} request ends, successful or not, and one ({@code status: "error"}) for each failed attempt that
 * another attempt followed. Knows only what the events say plus the request's own {@code model}, {@code stream} and
 * user agent; never keeps a body or any other header.
 */
public final class UsageRecorder implements RequestListener {
    private final Clock clock;
    private final UsageStore store;
    private final long startMillis;
    private final Optional<String> userAgent;
    private final boolean sessionHeader;
    private final Optional<String> clientKey;
    private String clientType;
    private String originalModel = "";
    private boolean stream;
    private Optional<String> sessionId = Optional.empty();
    private Optional<String> project = Optional.empty();
    private String scenario = "default";
    private Optional<String> rule = Optional.empty();
    private Optional<Target> target = Optional.empty();
    private final List<AttemptNote> attempts = new ArrayList<>();
    private long attemptStartMillis;
    private long firstByteMillis = -1;
    private Optional<ApiError> pendingFailure = Optional.empty();
    private boolean recorded;

    private UsageRecorder(Clock clock, UsageStore store, ClientRequest request) {
        this.clock = clock;
        this.store = store;
        this.startMillis = clock.millis();
        this.attemptStartMillis = startMillis;
        this.userAgent = request.header("user-agent");
        this.sessionHeader = request.header(SessionId.HEADER).isPresent();
        this.clientKey = request.clientKey();
        this.clientType = ClientType.detect(userAgent, sessionHeader);
    }

    public static Factory factory(Clock clock, UsageStore store) {
        return request -> new UsageRecorder(clock, store, request);
    }

    /** A body that does not parse is rejected before this; its record then has no original model. */
    @Override
    public synchronized void bodyParsed(ObjectNode body) {
        originalModel = body.path("model").asText("");
        stream = body.path("stream").asBoolean(false);
        clientType = ClientType.detect(userAgent, sessionHeader || body.path("metadata").has("user_id"));
    }

    @Override
    public synchronized void routeDecided(RouteDecision decision) {
        sessionId = decision.session().map(SessionId::id);
        project = decision.project();
        scenario = decision.scenario();
        rule = decision.decidingStep().map(TraceStep::rule);
        target = decision.target();
    }

    /** Each is {@code "provider,model: why"}, as the fallback planner words it. */
    @Override
    public synchronized void planned(Plan plan) {
        for (Plan.Skipped skipped : plan.skipped()) {
            attempts.add(AttemptNote.skipped(skipped.model().provider(), skipped.model().model(), skipped.why()));
        }
    }

    @Override
    public synchronized void attemptStarted(Target next) {
        pendingFailure.ifPresent(error -> store.append(record(target, error.status(), Optional.of(error.type()),
                Optional.of(message(error)), Usage.NONE, clock.millis() - attemptStartMillis, OptionalLong.empty(), List.of())));
        pendingFailure = Optional.empty();
        target = Optional.of(next);
        attemptStartMillis = clock.millis();
    }

    @Override
    public synchronized void attemptFailed(Target failed, ApiError error) {
        target = Optional.of(failed);
        pendingFailure = Optional.of(error);
        attempts.add(AttemptNote.failed(failed.provider(), failed.model(), error.status(), error.type(), error.message()));
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
        boolean failed = status >= 400;
        store.append(record(target, status, failed ? Optional.of(ApiError.typeFor(status)) : Optional.empty(),
                failed ? Optional.of("HTTP " + status) : Optional.empty(), usage, clock.millis() - startMillis, ttft(),
                attempts));
    }

    @Override
    public synchronized void failed(ApiError error) {
        if (recorded) {
            return;
        }
        recorded = true;
        // A failed attempt no other followed is this record itself, not one of the attempts before it.
        List<AttemptNote> before = pendingFailure.isPresent() ? attempts.subList(0, attempts.size() - 1) : attempts;
        pendingFailure = Optional.empty();
        store.append(record(target, error.status(), Optional.of(error.type()), Optional.of(message(error)), Usage.NONE,
                clock.millis() - startMillis, ttft(), before));
    }

    private OptionalLong ttft() {
        return firstByteMillis >= 0 ? OptionalLong.of(firstByteMillis) : OptionalLong.empty();
    }

    private UsageRecord record(Optional<Target> where, int status, Optional<String> errorType,
                               Optional<String> errorMessage, Usage usage, long durationMs, OptionalLong ttft,
                               List<AttemptNote> before) {
        boolean success = errorMessage.isEmpty();
        Instant now = clock.instant();
        return new UsageRecord(UsageRecord.newId(now, ThreadLocalRandom.current()), now, sessionId, project,
                clientType, where.map(Target::provider).orElse(""), where.map(Target::model).orElse(""), originalModel,
                scenario, rule, stream, usage, ttft,
                success ? UsageRecord.tokensPerSecond(usage.outputTokens(), durationMs, ttft) : OptionalLong.empty(),
                durationMs, success ? UsageRecord.Status.SUCCESS : UsageRecord.Status.ERROR, status, errorType,
                errorMessage, before, clientKey);
    }

    private static String message(ApiError error) {
        return error.status() + " " + error.message();
    }
}
