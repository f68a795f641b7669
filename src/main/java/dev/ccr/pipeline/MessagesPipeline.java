package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.client.ApiException;
import dev.ccr.client.ClientRequest;
import dev.ccr.client.ClientResponse;
import dev.ccr.config.Config;
import dev.ccr.config.Provider;
import dev.ccr.config.ResilienceSettings;
import dev.ccr.observe.RequestListener;
import dev.ccr.pipeline.AttemptOutcome.Answered;
import dev.ccr.pipeline.AttemptOutcome.BrokeMidStream;
import dev.ccr.pipeline.AttemptOutcome.ClientLeft;
import dev.ccr.pipeline.AttemptOutcome.Failed;
import dev.ccr.resilience.Candidate;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.resilience.ModelRef;
import dev.ccr.resilience.Plan;
import dev.ccr.resilience.Refusals.Refusal;
import dev.ccr.resilience.Resilience;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Router;
import dev.ccr.routing.RoutingRequest;
import dev.ccr.routing.Target;
import dev.ccr.routing.TokenCounter;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.Timeouts;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.wire.SourceBytes;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.AnthropicCompat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Answers {@code POST /v1/messages}: the whole life of a request, top to bottom, in the order it happens.
 *
 * <ol>
 *   <li>parse the body (an Anthropic Messages request);</li>
 *   <li>route it: the rule engine picks {@code provider,model} and says why, then the body edits the decision
 *       carries are applied (a stripped subagent tag, a rewritten system prompt);</li>
 *   <li>plan the candidates: a promoted fallback, the routed model, its fallbacks (open circuits skipped);</li>
 *   <li>try them in turn, each in its provider's dialect, until one answers; write that answer back.</li>
 * </ol>
 */
public final class MessagesPipeline {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    /** What the records say of a request whose client went away before its answer was whole. */
    private static final ApiError CLIENT_DISCONNECTED = new ApiError(499, "api_error", "the client disconnected",
            Optional.of("client_disconnected"));

    private final Config config;
    private final Resilience resilience;
    private final TransformerRegistry transformers;
    private final Router router;
    private final TokenCounter tokens;
    private final RequestListener.Factory listeners;
    private final AnthropicPassthrough passthrough;
    private final Dialect chatCompletions;
    private final Sleeper sleeper = Thread::sleep;

    /** Waits out a {@code Retry-After}. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    /**
     * What every pipeline of a running router shares, whatever its config: the upstream client, the tokenizer, the
     * timer that pings silent streams, and the clock.
     */
    public record Shared(UpstreamClient upstream, TokenCounter tokens, ScheduledExecutorService timer, Clock clock) {
    }

    /**
     * @param router       decides where each request goes
     * @param transformers the transformers provider chains are made of (built-ins and plugins)
     * @param resilience   the breakers, promotions and fallback planner of this config
     * @param listeners    the observers of each request
     */
    public MessagesPipeline(Config config, Router router, TransformerRegistry transformers, Resilience resilience,
                            RequestListener.Factory listeners, Shared shared) {
        this.config = config;
        this.resilience = resilience;
        this.router = router;
        this.tokens = shared.tokens();
        this.listeners = listeners;
        this.transformers = transformers;
        this.passthrough = new AnthropicPassthrough(shared.upstream(), shared.clock(), resilience.refusals());
        this.chatCompletions = new ChatCompletions(shared.upstream(), new ProviderChains(transformers), shared.timer(),
                config.pingInterval(), shared.clock());
    }

    /** The config this pipeline was built from. */
    public Config config() {
        return config;
    }

    /**
     * Handles one request. Failures before the answer starts are thrown as {@link ApiException} for the server to
     * render; failures after it are reported inside the stream.
     */
    public void handle(ClientRequest request, ClientResponse response) {
        RequestListener listener = listeners.create(request);
        Cancellation cancellation = new Cancellation();
        request.onDisconnect(() -> cancellation.cancel(Cancellation.Reason.CLIENT_LEFT));
        try {
            SourceBytes source = parseSource(request.body());
            ObjectNode body = source.tree();
            if (!body.has("stream")) {
                body.put("stream", false);
            }
            listener.bodyParsed(body);
            RoutingRequest routing = new RoutingRequest(body, source, request.headerMap(), config, tokens);
            RouteDecision decision = router.decide(routing);
            listener.routeDecided(decision);
            decision.applyEdits(body);
            decision.editedFields().forEach(field -> source.forget(body.get(field)));
            Target routed = decision.target().orElseThrow(
                    () -> ApiError.invalidRequest("Missing model in request body").exception());
            request.admit(routed);

            Plan plan = resilience.planner().plan(ref(routed), decision.scenario(), decision.fallbacks(), this::isConfigured);
            listener.planned(plan);
            tryInTurn(plan, routed, new Request(request, response, body, source, decision.scenario(),
                    decision.tokenCount(), cancellation, listener));
        } catch (ApiException e) {
            listener.failed(e.error());
            throw e;
        } catch (RuntimeException bug) {
            // The server answers 500 and logs it; the listeners still hear the end (the in-flight gauges fall).
            listener.failed(ApiError.internal("Internal error in ccr while handling this request; see the ccr log"));
            throw bug;
        } finally {
            cancellation.finish();
        }
    }

    /**
     * {@code POST /api/route/explain}: routes the body exactly as {@code /v1/messages} would (this server's session
     * state included), sends nothing upstream, records nothing, and returns the explanation (docs/routing.md) with
     * the candidates the request would try and those skipped (an open circuit, a spent quota) under {@code plan}.
     * A candidate of the Anthropic dialect that will be sent without some fields or beta flags says which under
     * {@code withheld}, and which of them its provider refused before under {@code withheld.refused}.
     */
    public ObjectNode explain(ClientRequest request) {
        ObjectNode body = parseBody(request.body());
        RouteDecision decision = router.decide(new RoutingRequest(body, request.headerMap(), config, tokens));
        ObjectNode json = decision.toJson();
        decision.target().ifPresent(routed -> {
            Plan plan = resilience.planner().plan(ref(routed), decision.scenario(), decision.fallbacks(), this::isConfigured);
            ObjectNode planJson = json.putObject("plan");
            var candidates = planJson.putArray("candidates");
            plan.candidates().forEach(c -> {
                ObjectNode candidate = candidates.addObject().put("target", c.model().toString())
                        .put("role", c.role().name().toLowerCase(Locale.ROOT));
                config.provider(c.model().provider()).filter(p -> dialectFor(p, c.model().model()) == passthrough)
                        .ifPresent(p -> withheld(p).ifPresent(w -> candidate.set("withheld", w)));
            });
            var skipped = planJson.putArray("skipped");
            plan.skipped().forEach(s -> skipped.add(s.toString()));
        });
        return json;
    }

    /** What every attempt of one request shares. */
    private record Request(ClientRequest client, ClientResponse response, ObjectNode body, SourceBytes source,
                           String scenario, int tokenCount, Cancellation cancellation, RequestListener listener) {
    }

    /**
     * Tries the plan's candidates in order until one answers, reading each attempt's outcome as a ladder (as
     * okhttp's {@code RetryAndFollowUpInterceptor} reads a failed call). When every candidate failed, the client
     * gets the first failure, the routed model's own (as CCR does).
     */
    private void tryInTurn(Plan plan, Target routed, Request request) {
        Failed first = null;
        candidates:
        for (Candidate candidate : plan.candidates()) {
            boolean lastCandidate = candidate == plan.candidates().getLast();
            for (int tries = 1; ; tries++) {
                switch (attempt(candidate, routed, request)) {
                    // The answer reached the client: the breaker learns, and a fallback that saved the primary is promoted.
                    case Answered answered -> {
                        succeeded(candidate, ref(routed), request.scenario(), first != null);
                        return;
                    }
                    // The client left; that says nothing about the provider.
                    case ClientLeft left -> {
                        request.listener().failed(CLIENT_DISCONNECTED);
                        return;
                    }
                    // Too late for another candidate: the client already has part of this answer.
                    case BrokeMidStream broke -> {
                        resilience.health().recordFailure(candidate.model(), broke.failure());
                        request.listener().failed(ApiError.upstream(502, "the stream broke after it had started: "
                                + broke.failure().message(), "provider_stream_broken"));
                        return;
                    }
                    case Failed failed -> {
                        boolean again = sameCandidateAgain(failed, candidate, lastCandidate, tries, request);
                        // A refusal tried again without what was refused is not the failure the client should hear of.
                        first = first == null && (failed.refused().isEmpty() || !again) ? failed : first;
                        if (!again) {
                            continue candidates;
                        }
                    }
                }
            }
        }
        throw first.error().exception();
    }

    /**
     * The rungs after an attempt that failed before anything reached the client. Returns whether the same candidate
     * is tried again (false: the next one); throws when no candidate may be tried any more.
     */
    private boolean sameCandidateAgain(Failed failed, Candidate candidate, boolean lastCandidate, int tries, Request request) {
        // The client is gone: nobody will read another answer.
        if (request.cancellation().isCancelled()) {
            throw failed.error().exception();
        }
        resilience.health().recordFailure(candidate.model(), failed.failure());
        // The provider named what it refuses (a beta flag, a body field): remembered for it, and on a first try the
        // same candidate goes again without it.
        if (failed.refused().isPresent()) {
            Provider provider = config.provider(candidate.model().provider()).orElseThrow();
            resilience.refusals().learn(provider.name(), provider.apiBaseUrl().toString(), failed.refused().get());
            if (tries == 1) {
                return true;
            }
        }
        // A failure that another provider cannot fix (a bad request) is the client's answer.
        if (!failed.failure().kind().fallsOver()) {
            throw failed.error().exception();
        }
        // Nobody left to fall over to: a short Retry-After is waited out, once.
        if (lastCandidate && tries == 1 && waitedOut(failed.failure(), request.cancellation())) {
            return true;
        }
        // A retriable failure gets the configured number of retries on the same candidate.
        return tries <= config.resilience().retries() && failed.failure().kind().retriable();
    }

    /** One try with one candidate, in its own cancellation scope (a timeout here does not cancel the next). */
    private AttemptOutcome attempt(Candidate candidate, Target routed, Request request) {
        Provider provider = config.provider(candidate.model().provider()).orElseThrow(() -> ApiError.notFound(
                "Provider '" + candidate.model().provider() + "' not found", "provider_not_found").exception());
        Target target = new Target(provider.name(), candidate.model().model());
        // Signed thinking blocks are only valid for the provider that signed them; a fallback may cap output lower.
        ObjectNode body = provider.name().equals(routed.provider()) ? request.body() : SignedThinking.stripped(request.body());
        if (!target.equals(routed)) {
            body = OutputCap.fitted(body, provider.limitsOf(target.model()));
        }
        Cancellation scope = request.cancellation().child();
        request.listener().attemptStarted(target);
        try {
            AttemptOutcome outcome = dialectFor(provider, target.model()).forward(new Attempt(request.client(), request.response(),
                    body, request.source(), provider, target, request.scenario(), request.tokenCount(), timeouts(body), scope, request.listener()));
            if (outcome instanceof Failed failed) {
                request.listener().attemptFailed(target, failed.error());
            }
            return outcome instanceof Answered && request.cancellation().isCancelled() ? AttemptOutcome.CLIENT_LEFT : outcome;
        } finally {
            scope.finish();
        }
    }

    /**
     * With no other candidate left, a rate limit whose {@code Retry-After} is short (at most
     * {@code Resilience.maxRetryAfterWaitMs}) is waited out here, and the same candidate tried once more.
     */
    private boolean waitedOut(Failure failure, Cancellation client) {
        if (failure.kind() != FailureKind.RATE_LIMITED || failure.retryAfter().isEmpty()
                || failure.retryAfter().get().compareTo(config.resilience().maxRetryAfterWait()) > 0) {
            return false;
        }
        try {
            sleeper.sleep(failure.retryAfter().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !client.isCancelled();
    }

    /** A success teaches the breaker; a fallback that saved a failed primary is promoted for it. */
    private void succeeded(Candidate candidate, ModelRef primary, String scenario, boolean somethingFailedBefore) {
        resilience.health().recordSuccess(candidate.model());
        if (somethingFailedBefore && candidate.role() == Candidate.Role.FALLBACK) {
            resilience.promotions().promote(primary, scenario, candidate.model());
            resilience.health().forceOpen(primary, "fallback " + candidate.model() + " answered instead");
        }
    }

    /** Streaming calls get first-byte and idle limits; a non-streaming answer arrives whole, so only the total applies.
     * */
    private Timeouts timeouts(ObjectNode body) {
        ResilienceSettings r = config.resilience();
        return body.path("stream").asBoolean(false)
                ? new Timeouts(config.apiTimeout(), r.firstByteTimeout(), r.idleTimeout())
                : Timeouts.total(config.apiTimeout());
    }

    private Dialect dialectFor(Provider provider, String model) {
        return provider.transformer().passesThrough(model) ? passthrough : chatCompletions;
    }

    /** What an Anthropic-dialect {@code provider} is sent without, for the explanation; empty when nothing. */
    private Optional<ObjectNode> withheld(Provider provider) {
        AnthropicCompat.Strip strip = passthrough.stripFor(provider);
        if (strip.equals(AnthropicCompat.Strip.NOTHING)) {
            return Optional.empty();
        }
        ObjectNode json = JSON.createObjectNode();
        strip.fields().stream().sorted().forEach(json.putArray("fields")::add);
        strip.betas().stream().sorted().forEach(json.putArray("betas")::add);
        json.put("billingHeader", strip.billingHeader());
        Refusal refused = resilience.refusals().of(provider.name(), provider.apiBaseUrl().toString());
        ObjectNode learned = json.putObject("refused");
        refused.fields().stream().sorted().forEach(learned.putArray("fields")::add);
        refused.betas().stream().sorted().forEach(learned.putArray("betas")::add);
        return Optional.of(json);
    }

    private boolean isConfigured(ModelRef model) {
        return config.provider(model.provider()).isPresent();
    }

    private static ModelRef ref(Target target) {
        return new ModelRef(target.provider(), target.model());
    }

    /** {@code POST /v1/messages/count_tokens}: counted here with cl100k_base, never sent upstream
     * (docs/compatibility.md#http-surface). */
    public ObjectNode countTokens(ClientRequest request) {
        ObjectNode body = parseBody(request.body());
        return JSON.createObjectNode().put("input_tokens", tokens.count(body));
    }

    /**
     * {@code {"transformers":[{"name","endpoint"}]}} for {@code GET /api/transformers}, as CCR lists its registry;
     * ccr's transformers serve no endpoints of their own, so {@code endpoint} is always null.
     */
    public ObjectNode transformersReport() {
        ObjectNode report = JSON.createObjectNode();
        var list = report.putArray("transformers");
        transformers.names().forEach(name -> list.addObject().put("name", name).putNull("endpoint"));
        return report;
    }

    /** The circuit breakers' states and what providers refused, for {@code GET /api/health}. */
    public ObjectNode healthReport() {
        ObjectNode report = resilience.health().toJson();
        report.set("refusals", resilience.refusals().toJson());
        return report;
    }

    static ObjectNode parseBody(byte[] bytes) {
        return parseSource(bytes).tree();
    }

    private static SourceBytes parseSource(byte[] bytes) {
        SourceBytes source;
        try {
            source = SourceBytes.parseObject(bytes);
        } catch (IOException e) {
            throw ApiError.invalidRequest("Request body is not valid JSON: " + firstLine(e.getMessage())).exception();
        }
        if (source == null) {
            throw ApiError.invalidRequest("Request body must be a JSON object").exception();
        }
        return source;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
