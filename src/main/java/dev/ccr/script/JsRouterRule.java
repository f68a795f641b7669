package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.routing.BodyEdit;
import dev.ccr.routing.Rule;
import dev.ccr.routing.RuleOutcome;
import dev.ccr.routing.RoutingRequest;
import dev.ccr.routing.Target;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JS custom router ({@code CUSTOM_ROUTER_PATH}, docs/plugins.md) as the first routing rule: it calls
 * {@code router(req, config, {event})} and routes to the {@code "provider,model"} it answers (a string without a
 * comma names a provider with an empty model, as in CCR). Anything else (no
 * answer, a throw, a timeout, a load failure) passes to the built-in rules with a log line saying why. Changes the
 * router makes to {@code req.body} come back as a {@link BodyEdit.ReplaceBody}, even when it passes, as in CCR.
 */
final class JsRouterRule implements Rule {
    private static final Logger LOG = LoggerFactory.getLogger(JsRouterRule.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptHost host;
    private final Path path;
    private final Duration timeout;

    JsRouterRule(ScriptHost host, Path path) {
        this.host = host;
        this.path = path;
        this.timeout = host.settings().timeout();
    }

    @Override
    public String name() {
        return "custom-router";
    }

    /** What {@code callRouter} reported: an error (JSON) or the model and its kind, and the body afterwards. */
    private record Answer(String error, String model, String kind, String body) {
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        if (!host.enter()) {
            return RuleOutcome.pass(path + " was replaced by a config change while this request waited");
        }
        try {
            return call(request);
        } finally {
            host.leave();
        }
    }

    private RuleOutcome call(RoutingRequest request) {
        Optional<LoadReport> report = host.awaitLoad(JsLoop.LOAD_SLICE_LIMIT);
        if (report.isEmpty()) {
            LOG.warn("Custom router {} is still loading; the built-in rules route this request", path);
            return RuleOutcome.pass(path + " is still loading");
        }
        if (!report.get().routerLoaded()) {
            return RuleOutcome.pass(path + " failed to load: " + report.get().routerFailure().map(Throwable::getMessage).orElse("?"));
        }
        String body = request.body().toString();
        ObjectNode meta = JSON.createObjectNode().put("tokenCount", request.tokenCount());
        ObjectNode headers = meta.putObject("headers");
        request.headers().forEach(headers::put);

        CompletableFuture<Answer> call = host.routerLoop().call("callRouter", timeout,
                values -> new Answer(text(values[0]), text(values[1]), text(values[2]), text(values[3])), body, meta.toString());
        Answer answer;
        long start = System.nanoTime();
        try {
            answer = call.get(timeout.plus(JsLoop.GRACE).toMillis(), TimeUnit.MILLISECONDS);
            timed(start, answer.error() == null);
        } catch (TimeoutException e) {
            timed(start, false);
            call.cancel(false);
            LOG.warn("Custom router {} did not answer within {} ms; the built-in rules route this request", path, timeout.toMillis());
            return RuleOutcome.pass("did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            timed(start, false);
            return threw(e.getCause().getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RuleOutcome.pass("interrupted");
        }

        // The router's changes to req.body are kept whatever it answered, as in CCR.
        List<BodyEdit> edits = answer.body() == null || answer.body().equals(body) ? List.of() : replaced(answer.body());
        if (answer.error() != null) {
            return threw(ScriptFailure.fromJson(answer.error()).getMessage(), edits);
        }
        return switch (answer.kind()) {
            case "falsy" -> RuleOutcome.pass("returned no model", edits);
            case "string" -> {
                Target target = Target.parse(answer.model()).orElseGet(() -> providerOnly(answer.model()));
                yield RuleOutcome.route(target, "default", "returned '" + answer.model() + "'", edits);
            }
            default -> {
                LOG.warn("Custom router {} returned a {}, not a \"provider,model\" string; the built-in rules route this request",
                        path, answer.kind());
                yield RuleOutcome.pass("returned a " + answer.kind() + ", not a provider,model string", edits);
            }
        };
    }

    private void timed(long start, boolean ok) {
        host.calls().called(path.getFileName().toString(), "router", Duration.ofNanos(System.nanoTime() - start), ok);
    }

    /**
     * A string without a comma, as CCR 2.0.0 takes it: the whole string names the provider and the model is empty
     * (CCR splits {@code body.model} at the first comma). An unknown provider then fails as any unknown route does.
     */
    private Target providerOnly(String answer) {
        LOG.debug("Custom router {} returned '{}' without a comma: provider '{}' with an empty model, as in CCR", path, answer, answer.trim());
        return new Target(answer.trim(), "");
    }

    private RuleOutcome threw(String message, List<BodyEdit> edits) {
        LOG.error("Custom router {} failed: {}; the built-in rules route this request", path, message);
        return RuleOutcome.pass("threw " + message, edits);
    }

    private List<BodyEdit> replaced(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return List.of(new BodyEdit.ReplaceBody(object, "the custom router changed req.body"));
            }
        } catch (IOException e) {
            LOG.warn("Custom router {} left req.body unreadable ({}); the request goes on unchanged", path, e.getMessage());
        }
        return List.of();
    }

    private static String text(Value value) {
        return value == null || value.isNull() ? null : value.asString();
    }
}
