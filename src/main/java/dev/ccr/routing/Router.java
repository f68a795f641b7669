package dev.ccr.routing;

import dev.ccr.config.RouteRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a request goes by evaluating rules in order; the first rule that routes wins, refinements may then
 * redirect it, the chosen model's limits are fitted last ({@link LimitsFit}), and every step leaves a line in the
 * decision's trace, so each decision can be explained.
 *
 * <p>The order, declared once in {@link #ccrDefault(RoutingEnvironment)}, is CCR's (docs/routing.md, "The order") with
 * the CCR fork's steps and the config's declarative rules placed where they apply. The router also keeps what routing
 * learns across requests: each session's last usage and project.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Rule> first;
    private final List<Rule> scenarios;
    private final List<Refinement> refinements;
    private final SessionUsage sessions;
    private final ProjectRouters projects;

    private Router(List<Rule> first, List<Rule> scenarios, List<Refinement> refinements, SessionUsage sessions,
                   ProjectRouters projects) {
        this.first = List.copyOf(first);
        this.scenarios = List.copyOf(scenarios);
        this.refinements = List.copyOf(refinements);
        this.sessions = sessions;
        this.projects = projects;
    }

    /** CCR's routing order with the real home folders; see {@link #ccrDefault(RoutingEnvironment)}. */
    public static Router ccrDefault() {
        return ccrDefault(RoutingEnvironment.system());
    }

    /** CCR's routing order, with ccr's additions in their places. docs/routing.md explains each step. */
    public static Router ccrDefault(RoutingEnvironment environment) {
        return new Router(
                List.of(
                        new RewriteSystemPromptRule(),   // body edit only
                        new StripSubagentTagRule(),      // body edit only: tags never go upstream
                        new ExplicitModelRule()),        // "provider,model" from /model
                // ... then Router.rules, in the order written ...
                List.of(
                        new FamilyRule(),                // fork: Router.families
                        new ModelMappingRule(),          // fork: Router.models
                        new ExtendedContextRule(),       // fork: Router.extendedContext
                        new LongContextRule(),
                        new SubagentRule(),
                        new BackgroundRule(),
                        new WebSearchRule(),
                        new ThinkRule(),
                        new DefaultRule()),
                List.of(new ImageRule()),                // fork: after routing, images need a vision model
                SessionUsage.embedded(),
                new ProjectRouters(environment));
    }

    /**
     * This router with a custom router (a {@code CUSTOM_ROUTER_PATH} script made a rule) evaluated before everything
     * else, as CCR runs it before its built-in routing (docs/ccr-checklist.md item 35). Shares this router's session
     * state.
     */
    public Router withCustomRouter(Rule customRouter) {
        Objects.requireNonNull(customRouter, "customRouter");
        List<Rule> withCustom = new ArrayList<>(first.size() + 1);
        withCustom.add(customRouter);
        withCustom.addAll(first);
        return new Router(withCustom, scenarios, refinements, sessions, projects);
    }

    /**
     * This router keeping each session's last usage in {@code sessions} instead of its own: the one a running router
     * keeps across config reloads, shared with a team's other instances when they share their state.
     */
    public Router withSessionUsage(SessionUsage sessions) {
        return new Router(first, scenarios, refinements, Objects.requireNonNull(sessions, "sessions"), projects);
    }

    /** The last usage of each session; the pipeline records answers' usage here. */
    public SessionUsage sessionUsage() {
        return sessions;
    }

    /** The rules for one request: the fixed ones around the Router's declarative rules. */
    private List<Rule> order(RoutingRequest request) {
        List<RouteRule> declared = request.router().rules();
        List<Rule> order = new ArrayList<>(first.size() + declared.size() + scenarios.size());
        order.addAll(first);
        declared.forEach(rule -> order.add(new DeclaredRule(rule)));
        order.addAll(scenarios);
        return order;
    }

    public RouteDecision decide(RoutingRequest request) {
        Optional<SessionId> session = request.session();
        RoutingRequest current = request.situated(new RoutingRequest.Situation(
                session.flatMap(s -> sessions.last(s.id())), projects.find(session)));
        List<TraceStep> trace = new ArrayList<>();
        List<BodyEdit> edits = new ArrayList<>();
        trace.add(new TraceStep("session", false, describeSession(current)));

        RuleOutcome.Route chosen = null;
        for (Rule rule : order(current)) {
            RuleOutcome outcome = evaluate(rule, current);
            trace.add(new TraceStep(rule.name(), outcome instanceof RuleOutcome.Route, outcome.reason()));
            current = withEdits(current, outcome, edits);
            if (outcome instanceof RuleOutcome.Route route) {
                chosen = route;
                break;
            }
        }
        if (chosen != null) {
            for (Refinement refinement : refinements) {
                RuleOutcome outcome = refinement.refine(current, chosen);
                trace.add(new TraceStep(refinement.name(), outcome instanceof RuleOutcome.Route, outcome.reason()));
                current = withEdits(current, outcome, edits);
                if (outcome instanceof RuleOutcome.Route route) {
                    chosen = route;
                }
            }
            // Last, the chosen model's limits: its context window, its output cap, a [1m] suffix.
            LimitsFit.Fitted fitted = LimitsFit.fit(current, chosen);
            trace.addAll(fitted.steps());
            edits.addAll(fitted.edits());
            chosen = fitted.chosen();
        }
        return new RouteDecision(Optional.ofNullable(chosen).map(RuleOutcome.Route::target),
                chosen == null ? "default" : chosen.scenario(), trace, edits, session, current.project(), current.tokenCount(),
                chosen == null ? List.of() : chosen.fallbacks());
    }

    /**
     * A rule that throws is skipped with its failure in the trace, and routing goes on: CCR likewise falls back to its
     * built-in routing when a custom router throws (docs/ccr-checklist.md item 34).
     */
    private static RuleOutcome evaluate(Rule rule, RoutingRequest request) {
        try {
            return rule.evaluate(request);
        } catch (RuntimeException e) {
            LOG.error("Routing rule {} failed, so it is skipped: {}", rule.name(), e.toString());
            return RuleOutcome.pass("failed (" + e + "), so it is skipped");
        }
    }

    /** Collects an outcome's edits; a replaced body is what later rules see. */
    private static RoutingRequest withEdits(RoutingRequest current, RuleOutcome outcome, List<BodyEdit> edits) {
        edits.addAll(outcome.edits());
        for (BodyEdit edit : outcome.edits()) {
            if (edit instanceof BodyEdit.ReplaceBody replaced) {
                current = current.withBody(replaced.body());
            }
        }
        return current;
    }

    private static String describeSession(RoutingRequest request) {
        Optional<SessionId> session = request.session();
        if (session.isEmpty()) {
            return "no session id (metadata.user_id or " + SessionId.HEADER + "), so no last usage and no project Router";
        }
        return session.get().id() + " from " + session.get().source() + "; "
                + request.lastUsage().map(u -> "its last answer saw " + u.promptTokens() + " prompt tokens").orElse("no usage recorded yet")
                + "; " + request.situation().project().note();
    }
}
