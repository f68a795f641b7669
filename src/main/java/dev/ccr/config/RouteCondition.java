package dev.ccr.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code when} of a declarative routing rule (docs/routing.md), parsed and checked at load. Each key of a
 * {@code when} object becomes one condition and all of them must hold; {@code any} and {@code not} combine nested
 * {@code when} objects. Evaluating a condition against a request is routing's job; this is only its checked form.
 */
public sealed interface RouteCondition {
    /** The thinking states a rule can test; {@code absent} means the request has no {@code thinking} field. */
    Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled", "absent");

    /** The signals a {@code scenario} test can name: what the built-in scenario rules look for. */
    Set<String> SCENARIOS = Set.of("longContext", "extendedContext", "subagent", "background", "webSearch", "think", "image");

    /** Every condition holds (a {@code when} object; empty means always). */
    record All(List<RouteCondition> conditions) implements RouteCondition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** At least one nested {@code when} holds ({@code "any": [ {...}, {...} ]}). */
    record AnyOf(List<RouteCondition> conditions) implements RouteCondition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }
    }

    /** The nested {@code when} does not hold ({@code "not": {...}}). */
    record Not(RouteCondition condition) implements RouteCondition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** The requested model, as the client sent it, matches one of the globs. */
    record Model(List<TextPattern> patterns) implements RouteCondition {
        public Model {
            patterns = List.copyOf(patterns);
        }
    }

    /** The request's cl100k_base token count is above and/or below the bounds (both exclusive). */
    record Tokens(OptionalLong above, OptionalLong below) implements RouteCondition {
    }

    /** {@code thinking.type} is one of {@link #THINKING_TYPES}. */
    record Thinking(Set<String> types) implements RouteCondition {
        public Thinking {
            types = Set.copyOf(types);
        }
    }

    /** With {@code present}: the request has (or has no) tools. With patterns: some tool's name or type matches. */
    record Tools(Optional<Boolean> present, List<TextPattern> patterns) implements RouteCondition {
        public Tools {
            patterns = List.copyOf(patterns);
        }
    }

    /** The client header (lower-case name) is present and matches one of the globs. */
    record Header(String name, List<TextPattern> patterns) implements RouteCondition {
        public Header {
            patterns = List.copyOf(patterns);
        }
    }

    /** Where {@link Text} looks. */
    enum TextScope {
        /** Every system block and in-conversation system message. */
        SYSTEM,
        /** The text of every user message. */
        USER,
        /** The text of the last user message only. */
        LAST_USER
    }

    /** Text in the {@code scope} contains the pattern. */
    record Text(TextScope scope, TextPattern pattern) implements RouteCondition {
    }

    /** The session id (from {@code metadata.user_id} or the session header) matches one of the globs. */
    record Session(List<TextPattern> patterns) implements RouteCondition {
        public Session {
            patterns = List.copyOf(patterns);
        }
    }

    /** The Claude Code project the session belongs to (its folder name under {@code ~/.claude/projects}) matches. */
    record Project(List<TextPattern> patterns) implements RouteCondition {
        public Project {
            patterns = List.copyOf(patterns);
        }
    }

    /** The request shows one of the named scenario signals ({@link #SCENARIOS}). */
    record Scenario(Set<String> names) implements RouteCondition {
        public Scenario {
            names = Set.copyOf(names);
        }
    }

    /**
     * A body field, addressed by JSON pointer: with {@code present}, whether it exists; with patterns, its value
     * (numbers and booleans as text) matches one of the globs.
     */
    record Field(String pointer, Optional<Boolean> present, List<TextPattern> patterns) implements RouteCondition {
        public Field {
            Objects.requireNonNull(pointer, "pointer");
            patterns = List.copyOf(patterns);
        }
    }
}
