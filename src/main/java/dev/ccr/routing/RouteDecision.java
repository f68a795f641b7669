package dev.ccr.routing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of routing one request: the target (empty when no rule and no default applies), the scenario it was
 * routed under, the trace of every step evaluated, in order, and the body edits the pipeline must apply before
 * forwarding.
 *
 * @param session    the session the request belongs to, for recording its usage afterwards
 * @param project    the Claude Code project (its folder under {@code ~/.claude/projects}) the session belongs to, if found
 * @param tokenCount the request's cl100k_base token count, as the rules saw it
 */
public record RouteDecision(Optional<Target> target, String scenario, List<TraceStep> trace, List<BodyEdit> edits,
                            Optional<SessionId> session, Optional<String> project, int tokenCount, List<String> fallbacks) {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    public RouteDecision {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scenario, "scenario");
        trace = List.copyOf(trace);
        edits = List.copyOf(edits);
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(project, "project");
        fallbacks = List.copyOf(fallbacks);
    }

    /** The step that decided: the last one that routed (a refinement such as {@code image} may override a rule). */
    public Optional<TraceStep> decidingStep() {
        for (int i = trace.size() - 1; i >= 0; i--) {
            if (trace.get(i).decided()) {
                return Optional.of(trace.get(i));
            }
        }
        return Optional.empty();
    }

    /** Applies this decision's body edits to {@code body}, in order ("decide, then act"). */
    public void applyEdits(ObjectNode body) {
        BodyEdit.applyAll(edits, body);
    }

    /**
     * The top-level fields of the body that {@link #applyEdits} changes in place (a replaced body is made of new
     * nodes, so it names none).
     */
    public Set<String> editedFields() {
        Set<String> fields = new HashSet<>();
        for (BodyEdit edit : edits) {
            String field = JsonPointer.compile(edit.pointer()).getMatchingProperty();
            if (field != null && !field.isEmpty()) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** The explanation as JSON: what {@code POST /api/route/explain} returns. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        target.ifPresentOrElse(t -> json.put("target", t.toString()).put("provider", t.provider()).put("model", t.model()),
                () -> json.putNull("target"));
        json.put("scenario", scenario);
        decidingStep().ifPresentOrElse(s -> json.put("rule", s.rule()), () -> json.putNull("rule"));
        json.put("tokenCount", tokenCount);
        session.ifPresentOrElse(s -> json.put("sessionId", s.id()), () -> json.putNull("sessionId"));
        ArrayNode steps = json.putArray("trace");
        trace.forEach(step -> steps.addObject().put("rule", step.rule()).put("decided", step.decided()).put("reason", step.reason()));
        ArrayNode changes = json.putArray("edits");
        edits.forEach(edit -> changes.add(edit.describe()));
        ArrayNode fallbackRoutes = json.putArray("fallbacks");
        fallbacks.forEach(fallbackRoutes::add);
        return json;
    }

    /** The explanation as text, one step a line, the deciding steps marked with an arrow: what {@code ccr route --explain} prints. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("target:   ").append(target.map(Target::toString).orElse("none (no rule routed and Router.default is not set)"))
                .append('\n');
        out.append("scenario: ").append(scenario).append(decidingStep().map(s -> " (decided by " + s.rule() + ")").orElse("")).append('\n');
        out.append("tokens:   ").append(tokenCount).append(" (cl100k_base)\n");
        out.append("session:  ").append(session.map(s -> s.id() + " (from " + s.source() + ")").orElse("none")).append('\n');
        out.append("trace:\n");
        trace.forEach(step -> out.append("  ").append(step).append('\n'));
        if (!edits.isEmpty()) {
            out.append("edits:\n");
            edits.forEach(edit -> out.append("  ").append(edit.describe()).append('\n'));
        }
        return out.toString();
    }
}
