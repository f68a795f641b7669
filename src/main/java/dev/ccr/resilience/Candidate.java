package dev.ccr.resilience;

/** One model a request will try, and why it is in the plan. */
public record Candidate(ModelRef model, Role role) {
    /** Why a candidate is in the plan. */
    public enum Role {
        /** A fallback that worked for this primary and scenario a moment ago. */
        PROMOTED,
        /** The routed model. */
        PRIMARY,
        /** From the scenario's fallback list. */
        FALLBACK,
        /** The routed model although its circuit is open: nothing else was available. */
        LAST_RESORT
    }
}
