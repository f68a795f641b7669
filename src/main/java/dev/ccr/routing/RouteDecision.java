package dev.ccr.routing;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of routing one request: the target (empty when no rule and no default applies), the scenario it was
 * routed under, and the trace of every rule evaluated, in order.
 */
public record RouteDecision(Optional<Target> target, String scenario, List<TraceStep> trace) {
    public RouteDecision {
        trace = List.copyOf(trace);
    }

    /** The step that decided, if any. */
    public Optional<TraceStep> decidingStep() {
        return trace.stream().filter(TraceStep::decided).findFirst();
    }
}
