package dev.ccr.resilience;

import java.util.List;

/** The candidates a request tries, in order, and what was left out and why (for explanations and logs). */
public record Plan(List<Candidate> candidates, List<String> skipped) {
    public Plan {
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
    }
}
