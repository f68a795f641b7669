package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.config.DiscoveryIds;
import dev.ccr.config.FamilyRoutes;
import dev.ccr.config.ModelLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of routing: fits the request to the chosen model's limits (docs/routing.md, "Output and context
 * limits"), so a provider never refuses what ccr could have known it would.
 *
 * <ol>
 *   <li><b>context-window</b>: a request that does not fit the chosen model's context window goes to the long-context
 *       route (the family's {@code longContext} when family routing applies, else {@code Router.longContext}), when that
 *       model has more room. This is the longContext decision made with the target's own window; a model the request
 *       names itself ({@code provider,model}) is kept.</li>
 *   <li><b>limits</b>: a {@code [1m]} suffix on the model is taken off (it names no real model; it asked for a 1M
 *       window); {@code max_tokens} above the model's output cap, or above what its window leaves after the input, is
 *       lowered (Claude Code asks 128000 of every model), and an enabled thinking budget that would no longer fit is
 *       lowered with it.</li>
 * </ol>
 *
 * <p>Each step leaves a line in the trace and each change a body edit, so the explanation shows them; a model ccr knows
 * nothing about leaves no line at all.
 */
final class LimitsFit {
    /**
     * The room a request needs for its answer beyond its input, to count as fitting a window: DeepSeek's output cap,
     * enough for one turn of Claude Code.
     */
    static final long ANSWER_ROOM = 8_192;

    /** Below this, lowering {@code max_tokens} to the window's room would only produce a cut-off answer. */
    static final long SMALLEST_ANSWER = 1_024;

    /**
     * ccr counts tokens with cl100k_base; providers' own tokenizers count code and Chinese text up to about a tenth
     * higher, so the input is taken a tenth larger when {@code max_tokens} is fitted into the window.
     */
    static final int TOKENIZER_MARGIN_DIVISOR = 10;

    /** Anthropic's smallest thinking budget. */
    static final long SMALLEST_THINKING_BUDGET = 1_024;

    /** What fitting changed: the route (perhaps another), the trace lines and the body edits it adds. */
    record Fitted(RuleOutcome.Route chosen, List<TraceStep> steps, List<BodyEdit> edits) {
    }

    private LimitsFit() {
    }

    static Fitted fit(RoutingRequest request, RuleOutcome.Route chosen) {
        List<TraceStep> steps = new ArrayList<>();
        RuleOutcome.Route route = window(request, chosen, steps);
        List<BodyEdit> edits = new ArrayList<>();
        route = limits(request, route, steps, edits);
        return new Fitted(route, steps, edits);
    }

    /* --------------- context-window --------------- */

    private static RuleOutcome.Route window(RoutingRequest request, RuleOutcome.Route chosen, List<TraceStep> steps) {
        Optional<ModelLimits.Limit> window = limitsOf(request, chosen.target()).contextWindow();
        if (window.isEmpty()) {
            return chosen;
        }
        long tokens = request.tokenCount();
        String target = chosen.target().toString();
        if (tokens + ANSWER_ROOM <= window.get().tokens()) {
            return chosen;
        }
        String saw = tokens + " tokens and " + ANSWER_ROOM + " for the answer do not fit " + target + "'s window of "
                + window.get();
        if (namesItsModel(request)) {
            steps.add(pass(saw + ", but the request names its model, so it is kept"));
            return chosen;
        }
        if (chosen.scenario().equals("longContext") || chosen.scenario().equals("extendedContext")) {
            steps.add(pass(saw + ", and it is already the " + chosen.scenario() + " route"));
            return chosen;
        }
        String setting = "Router.longContext";
        Optional<String> longContext = request.router().longContext();
        Optional<ModelFamily> family = request.model().flatMap(ModelFamily::of);
        if (request.router().enableFamilyRouting() && family.isPresent()) {
            FamilyRoutes routes = request.router().families().get(family.get().family());
            if (routes != null && routes.longContext().isPresent()) {
                longContext = routes.longContext();
                setting = "Router.families." + family.get().family() + ".longContext";
            }
        }
        RuleOutcome outcome = Routes.to(request, longContext, setting, "longContext", saw);
        if (!(outcome instanceof RuleOutcome.Route longRoute)) {
            steps.add(pass(outcome.reason()));
            return chosen;
        }
        if (longRoute.target().equals(chosen.target())) {
            steps.add(pass(saw + ", and " + setting + " is the same model"));
            return chosen;
        }
        Optional<ModelLimits.Limit> longWindow = limitsOf(request, longRoute.target()).contextWindow();
        if (longWindow.isPresent() && longWindow.get().tokens() <= window.get().tokens()) {
            steps.add(pass(saw + ", and " + setting + " " + longRoute.target() + " has no more room (" + longWindow.get() + ")"));
            return chosen;
        }
        steps.add(new TraceStep("context-window", true, longRoute.reason()));
        return longRoute;
    }

    private static TraceStep pass(String reason) {
        return new TraceStep("context-window", false, reason);
    }

    /** The request names {@code provider,model} (or a discovery id): the user chose it, so routing keeps it. */
    private static boolean namesItsModel(RoutingRequest request) {
        return request.model().map(m -> DiscoveryIds.target(m).orElse(m)).filter(m -> m.contains(",")).isPresent();
    }

    /* --------------- limits --------------- */

    private static RuleOutcome.Route limits(RoutingRequest request, RuleOutcome.Route chosen, List<TraceStep> steps,
                                            List<BodyEdit> edits) {
        Target target = chosen.target();
        ModelLimits limits = limitsOf(request, target);
        boolean extended = ModelLimits.asksForExtendedWindow(target.model());
        if (limits.isUnknown() && !extended) {
            return chosen;
        }
        List<String> said = new ArrayList<>();
        RuleOutcome.Route route = chosen;
        if (extended) {
            Target bare = new Target(target.provider(), ModelLimits.withoutExtendedSuffix(target.model())).canonicalIn(request.config());
            said.add("'" + target.model() + "' is sent as '" + bare.model() + "'");
            route = new RuleOutcome.Route(bare, chosen.scenario(), chosen.reason(), chosen.edits(), chosen.fallbacks());
        }
        limits.maxOutputTokens().ifPresent(cap -> said.add("output cap " + cap));
        limits.contextWindow().ifPresent(window -> said.add("window " + window));

        JsonNode asked = request.body().path("max_tokens");
        if (asked.canConvertToLong() && asked.isIntegralNumber()) {
            long max = asked.longValue();
            long lowered = max;
            String why = "";
            if (limits.maxOutputTokens().isPresent() && lowered > limits.maxOutputTokens().get().tokens()) {
                lowered = limits.maxOutputTokens().get().tokens();
                why = target + "'s output cap";
            }
            if (limits.contextWindow().isPresent()) {
                long input = request.tokenCount();
                long room = limits.contextWindow().get().tokens() - (input + (input + TOKENIZER_MARGIN_DIVISOR - 1) / TOKENIZER_MARGIN_DIVISOR);
                if (room >= SMALLEST_ANSWER && lowered > room) {
                    lowered = room;
                    why = "what " + target + "'s window of " + limits.contextWindow().get().tokens() + " leaves after "
                            + request.tokenCount() + " input tokens (+10% for the provider's tokenizer)";
                }
            }
            if (lowered < max) {
                edits.add(new BodyEdit.SetNumber("/max_tokens", lowered, "lowered from " + max + " to " + lowered + ", " + why));
                said.add("max_tokens " + max + " → " + lowered);
                thinkingBudget(request, lowered).ifPresent(edits::add);
            } else {
                said.add("max_tokens " + max + " fits");
            }
        }
        steps.add(new TraceStep("limits", false, route.target() + ": " + String.join("; ", said)));
        return route;
    }

    /** An enabled thinking budget must stay below {@code max_tokens} (Anthropic refuses it otherwise): half of it. */
    private static Optional<BodyEdit> thinkingBudget(RoutingRequest request, long maxTokens) {
        JsonNode budget = request.body().path("thinking").path("budget_tokens");
        if (!"enabled".equals(request.thinkingType()) || !budget.canConvertToLong() || budget.longValue() < maxTokens) {
            return Optional.empty();
        }
        long lowered = Math.max(SMALLEST_THINKING_BUDGET, maxTokens / 2);
        if (lowered >= maxTokens) {
            return Optional.empty();
        }
        return Optional.of(new BodyEdit.SetNumber("/thinking/budget_tokens", lowered, "lowered from " + budget.longValue()
                + " to " + lowered + ", half of the lowered max_tokens (a budget must stay below it)"));
    }

    private static ModelLimits limitsOf(RoutingRequest request, Target target) {
        return request.config().provider(target.provider()).map(p -> p.limitsOf(target.model())).orElse(ModelLimits.UNKNOWN);
    }
}
