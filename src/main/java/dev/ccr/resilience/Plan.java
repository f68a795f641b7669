package dev.ccr.resilience;

import java.util.List;

/** The candidates a request tries, in order, and what was left out and why (for explanations and logs). */
public record Plan(List<Candidate> candidates, List<Skipped> skipped) {
    public Plan {
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
    }

    /** A model the plan left out, and why ({@code "circuit open"}, {@code "not configured"}, a quota's reason). */
    public record Skipped(ModelRef model, String why) {
        /** {@code provider,model: why}, as logs and explanations print it. */
        @Override
        public String toString() {
            return model + ": " + why;
        }
    }
}
