package dev.ccr.routing;

/** One line of a routing explanation: which rule ran, whether it decided, and why. */
public record TraceStep(String rule, boolean decided, String reason) {
    @Override
    public String toString() {
        return (decided ? "→ " : "  ") + rule + ": " + reason;
    }
}
